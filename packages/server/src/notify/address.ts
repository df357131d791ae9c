import { BlockList, isIP } from 'node:net';
import { InvalidRequestError } from '../errors.js';

/**
 * Where a webhook may point. A webhook makes the server send requests to a URL an administrator typed, so
 * by default it may not reach the server's own network: loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast, reserved and documentation ranges are refused. The check
 * runs on the addresses a host name resolves to, at the moment of connecting (see `transport.ts`), so a
 * name that resolved to a public address when the webhook was created cannot later lead inside.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address an IPv6 address carries (IPv4-mapped, IPv4-compatible or NAT64), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  // Dotted forms: ::ffff:127.0.0.1, ::127.0.0.1, 64:ff9b::127.0.0.1.
  const dotted = lower.lastIndexOf(':');
  const tail = lower.slice(dotted + 1);
  const prefix = lower.slice(0, dotted + 1);
  if (isIP(tail) === 4 && ['::ffff:', '::', '64:ff9b::', '::ffff:0:'].includes(prefix)) return tail;
  // Hexadecimal forms: ::ffff:7f00:1 and 64:ff9b::7f00:1.
  for (const start of ['::ffff:', '64:ff9b::']) {
    if (!lower.startsWith(start)) continue;
    const groups = lower.slice(start.length).split(':');
    if (groups.length !== 2 || !groups.every((g) => g.length >= 1 && g.length <= 4 && isHex(g))) continue;
    const [high, low] = groups.map((g) => Number.parseInt(g, 16)) as [number, number];
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return undefined;
}

function isHex(text: string): boolean {
  for (const char of text) if (!'0123456789abcdef'.includes(char)) return false;
  return true;
}

/** Whether an IP address (v4 or v6, without brackets) is one a webhook may not reach by default. */
export function isForbiddenAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return FORBIDDEN.check(address, 'ipv4');
  if (version === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== undefined) return FORBIDDEN.check(v4, 'ipv4');
    return FORBIDDEN.check(address, 'ipv6');
  }
  // Not an address at all: refuse rather than guess.
  return true;
}

/** A URL's host without the brackets of an IPv6 literal. */
export function hostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * Parse and check a webhook URL: http or https, a host, no user name or password (credentials belong in
 * the path or query of the receiving service, or better in the signature), no fragment. Addresses given
 * literally (and `localhost`) are checked here already; names are checked again at every delivery.
 */
export function checkWebhookUrl(text: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidRequestError('the webhook URL is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InvalidRequestError('the webhook URL must start with https:// (or http://)');
  if (url.username !== '' || url.password !== '')
    throw new InvalidRequestError('the webhook URL may not contain a user name or password');
  if (url.hash !== '') throw new InvalidRequestError('the webhook URL may not contain a fragment (#...)');
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH)
    throw new InvalidRequestError(`the webhook URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  const host = hostOf(url);
  if (host === '') throw new InvalidRequestError('the webhook URL has no host');
  if (!allowPrivate) {
    const local = host === 'localhost' || host.endsWith('.localhost');
    if (local || (isIP(host) !== 0 && isForbiddenAddress(host)))
      throw new InvalidRequestError(
        `the webhook URL points at a loopback, private or reserved address (${host}); ` +
          'the server refuses those unless started with webhookAllowPrivate (RAMPART_WEBHOOK_ALLOW_PRIVATE=1)',
      );
  }
  return url;
}

/**
 * A webhook URL for display and the audit log. Chat services put the credential in the path
 * (hooks.slack.com/services/T.../B.../secret), so only the origin and a short first path segment (a route
 * name such as `services` or `webhook`) are shown.
 */
export function maskWebhookUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '(invalid URL)';
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length === 0) return url.search === '' ? `${url.origin}/` : `${url.origin}/***`;
  const first = segments[0]!;
  const shown = first.length <= 16 ? first : '***';
  const hidden = segments.length > 1 || url.search !== '';
  return hidden && shown !== '***' ? `${url.origin}/${shown}/***` : `${url.origin}/${shown}`;
}
