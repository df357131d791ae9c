/**
 * Debian package versions, ordered like dpkg (Debian Policy 5.6.12,
 * https://www.debian.org/doc/debian-policy/ch-controlfields.html#version):
 * `[epoch:]upstream_version[-debian_revision]`.
 *
 * - The epoch (default 0) compares numerically first.
 * - Then the upstream version, then the revision (default empty, which equals `0`), each compared
 *   by alternating runs: a run of non-digits compared character by character, where `~` sorts
 *   before everything (even the end of the string), then the end, then letters, then all other
 *   characters; then a run of digits compared numerically (an absent run counts as 0).
 *
 * So `1.0~rc1 < 1.0 < 1.0+b1 < 1.0-1 < 1:0.1`. Parsing is as lenient as dpkg's comparison (an
 * upstream version not starting with a digit still orders); `isValidVersion` applies the policy's
 * syntax rules.
 */
import {
  compareNumeric,
  hasWhitespace,
  isAlphaCode,
  isDigitCode,
  isDigits,
  type VersionScheme,
} from './scheme.js';

export interface DebianVersion {
  /** Digit string. */
  epoch: string;
  upstream: string;
  revision: string;
}

export function parseDebian(input: string): DebianVersion | undefined {
  const s = input.trim();
  if (s === '' || hasWhitespace(s)) return undefined;
  let epoch = '0';
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    epoch = s.slice(0, colon);
    if (!isDigits(epoch)) return undefined;
    rest = s.slice(colon + 1);
  }
  let upstream = rest;
  let revision = '';
  const dash = rest.lastIndexOf('-');
  if (dash >= 0) {
    upstream = rest.slice(0, dash);
    revision = rest.slice(dash + 1);
    if (revision === '') return undefined;
  }
  if (upstream === '') return undefined;
  return { epoch, upstream, revision };
}

/** The weight of a character in a non-digit run; `undefined` (end of string) and digits weigh 0. */
function order(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (isDigitCode(c)) return 0;
  if (isAlphaCode(c)) return c;
  if (c === 126 /* ~ */) return -1;
  return c + 256;
}

/** dpkg's comparison of one upstream version or revision. */
export function compareDebianPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (
      (i < a.length && !isDigitCode(a.charCodeAt(i))) ||
      (j < b.length && !isDigitCode(b.charCodeAt(j)))
    ) {
      const ac = order(a, i);
      const bc = order(b, j);
      if (ac !== bc) return ac < bc ? -1 : 1;
      i++;
      j++;
    }
    const i0 = i;
    while (i < a.length && isDigitCode(a.charCodeAt(i))) i++;
    const j0 = j;
    while (j < b.length && isDigitCode(b.charCodeAt(j))) j++;
    const c = compareNumeric(i0 === i ? '0' : a.slice(i0, i), j0 === j ? '0' : b.slice(j0, j));
    if (c !== 0) return c;
  }
  return 0;
}

export function compareDebian(a: DebianVersion, b: DebianVersion): number {
  return (
    compareNumeric(a.epoch, b.epoch) ||
    compareDebianPart(a.upstream, b.upstream) ||
    compareDebianPart(a.revision, b.revision)
  );
}

function isUpstreamChar(c: number, allowColon: boolean, allowHyphen: boolean): boolean {
  return (
    isDigitCode(c) ||
    isAlphaCode(c) ||
    c === 46 /* . */ ||
    c === 43 /* + */ ||
    c === 126 /* ~ */ ||
    (allowHyphen && c === 45) ||
    (allowColon && c === 58)
  );
}

/** Policy syntax: numeric epoch; upstream starts with a digit, `[A-Za-z0-9.+~-]`; revision `[A-Za-z0-9.+~]`. */
function isValidDebian(v: string): boolean {
  const p = parseDebian(v);
  if (!p || v.trim() !== v) return false;
  if (!isDigitCode(p.upstream.charCodeAt(0))) return false;
  const hasRevision = p.revision !== '';
  for (let i = 0; i < p.upstream.length; i++) {
    if (!isUpstreamChar(p.upstream.charCodeAt(i), false, hasRevision)) return false;
  }
  for (let i = 0; i < p.revision.length; i++) {
    if (!isUpstreamChar(p.revision.charCodeAt(i), false, false)) return false;
  }
  return true;
}

export const debianScheme: VersionScheme<DebianVersion> = {
  name: 'Debian',
  parse: parseDebian,
  compare: compareDebian,
  isValid: isValidDebian,
};
