import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { hostOf, isForbiddenAddress } from './address.js';

/**
 * One HTTP POST of a delivery. `node:http(s)` rather than `fetch`: its `lookup` hook lets the address
 * check run on the very address the socket connects to, so DNS rebinding (a public answer when checked, a
 * private one when connecting) cannot get past it. Redirects are never followed; the response body is
 * read only up to a small limit.
 */

export interface PostResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** The start of the response body (for the delivery log). */
  body: string;
}

export type Post = (
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) => Promise<PostResult>;

/** Why a delivery could not be made. `permanent`: trying again will not help (a refused address). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

const RESPONSE_BODY_MAX = 1024;

type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, options, callback) => dnsLookup(hostname, options, callback);

/** A `lookup` for sockets that refuses forbidden addresses (every address the name has must be allowed). */
export function guardedLookup(allowPrivate: boolean, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, '', 0);
      const forbidden = allowPrivate ? undefined : addresses.find((a) => isForbiddenAddress(a.address));
      if (forbidden !== undefined)
        return callback(
          new DeliveryError(
            `refused: ${hostname} resolves to ${forbidden.address}, a loopback, private or reserved address`,
            true,
          ),
          '',
          0,
        );
      const first = addresses[0];
      if (first === undefined) return callback(new DeliveryError(`${hostname} has no address`, false), '', 0);
      if (options.all === true) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

/** POST over http(s), with the address guard unless private targets are allowed. */
export function httpPost(options: { allowPrivate: boolean; resolve?: Resolver }): Post {
  const lookup = guardedLookup(options.allowPrivate, options.resolve);
  return (url, headers, body, timeoutMs) =>
    new Promise<PostResult>((resolve, reject) => {
      const host = hostOf(url);
      // A literal address never goes through `lookup`: check it here.
      if (!options.allowPrivate && isIP(host) !== 0 && isForbiddenAddress(host))
        return reject(new DeliveryError(`refused: ${host} is a loopback, private or reserved address`, true));
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const payload = Buffer.from(body, 'utf8');
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const request = send(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(payload.length) },
          lookup,
          // A fresh connection per delivery: nothing pooled outlives the check of its address.
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const done = () =>
            finish(() => {
              response.destroy();
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              });
            });
          response.on('data', (chunk: Buffer) => {
            if (size < RESPONSE_BODY_MAX) chunks.push(chunk.subarray(0, RESPONSE_BODY_MAX - size));
            size += chunk.length;
            if (size >= RESPONSE_BODY_MAX) done();
          });
          response.on('end', done);
          response.on('error', done);
          response.on('close', done);
        },
      );
      // The whole attempt, answer included, within the limit: a receiver that trickles its answer is cut off.
      const timer = setTimeout(() => {
        finish(() => reject(new DeliveryError(`no answer within ${timeoutMs} ms`, false)));
        request.destroy();
      }, timeoutMs);
      request.on('error', (error) =>
        finish(() =>
          reject(error instanceof DeliveryError ? error : new DeliveryError(describe(error), false)),
        ),
      );
      request.end(payload);
    });
}

/** A network error in a few words, without anything of the URL but the host and port Node names. */
function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${code}: ${error.message}`;
}
