/**
 * Packagist (Composer) versions. A version is first normalised the way Composer's version parser
 * does it, then normalised versions are ordered by PHP's `version_compare`, as Composer's
 * constraints do.
 *
 * Normalisation (https://getcomposer.org/doc/articles/versions.md):
 * - surrounding whitespace, an `as <alias>` suffix, a `@stability` flag and `+build` metadata are
 *   dropped; a leading `v` is dropped;
 * - one to four numbers, padded to four (`1.2` is `1.2.0.0`), or a date-like version (`20230801`,
 *   `2023-08-01`, with `.`/`:`/`-` turned into `.`);
 * - then an optional stability: `stable` (dropped), `alpha`/`a` → `alpha`, `beta`/`b` → `beta`,
 *   `RC`/`rc` → `RC`, `patch`/`pl`/`p` → `patch`, with an optional number, and an optional `-dev`
 *   (`1.0.0-beta.2` is `1.0.0.0-beta2`; `2.1-dev` is `2.1.0.0-dev`);
 * - `1.x-dev` style branches become `1.9999999.9999999.9999999-dev`;
 * - `dev-<name>` and `master`/`trunk`/`default` are named branches.
 *
 * `version_compare` (https://www.php.net/manual/function.version-compare.php) puts dots between
 * digit/non-digit runs and turns `-`, `_`, `+` and other separators into dots, then compares part by
 * part: numbers numerically, words by the order `dev` < `alpha` = `a` < `beta` = `b` < `RC` = `rc`
 * < (a number) < `pl` = `p` (matched by prefix, case-sensitively; any other word sorts before
 * `dev`). When one version has parts left over, a number makes it greater and a word is compared
 * with "a number" (so `1.0.0.0-RC1 < 1.0.0.0 < 1.0.0.0-patch1`).
 *
 * Named branches (`dev-main`) cannot be compared with numbered versions in Composer; here they sort
 * before every numbered version (among themselves by name) and never fall inside an OSV range.
 */
import { compareNumeric, compareStrings, isDigitCode, type VersionScheme } from './scheme.js';

export type PackagistVersion =
  { branch: false; normalized: string; parts: string[] } | { branch: true; normalized: string };

// ---------------------------------------------------------------------------------------------
// PHP version_compare

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** PHP's canonical form: separators become `.`, and digit/non-digit transitions get a `.`. */
export function phpCanonicalize(version: string): string {
  if (version === '') return '';
  let out = version[0]!;
  let lp = version.charCodeAt(0);
  for (let k = 1; k < version.length; k++) {
    const p = version.charCodeAt(k);
    const dotLast = out.charCodeAt(out.length - 1) === 46;
    const pDig = isDigitCode(p);
    const pNdig = !pDig && p !== 46;
    const lpDig = isDigitCode(lp);
    const lpNdig = !lpDig && lp !== 46;
    if (p === 45 || p === 95 || p === 43) {
      if (!dotLast) out += '.';
    } else if ((lpNdig && pDig) || (lpDig && pNdig)) {
      if (!dotLast) out += '.';
      out += version[k];
    } else if (!isAlnumCode(p)) {
      if (!dotLast) out += '.';
    } else {
      out += version[k];
    }
    lp = p;
  }
  return out;
}

const SPECIAL_FORMS: [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
const NUMBER_ORDER = 4;

function specialOrder(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

function startsWithDigit(s: string | undefined): boolean {
  return s !== undefined && s.length > 0 && isDigitCode(s.charCodeAt(0));
}

function leadingDigits(s: string): string {
  let i = 0;
  while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
  return s.slice(0, i);
}

function comparePhpPart(x: string, y: string): number {
  const xd = startsWithDigit(x);
  const yd = startsWithDigit(y);
  if (xd && yd) return compareNumeric(leadingDigits(x), leadingDigits(y));
  const ox = xd ? NUMBER_ORDER : specialOrder(x);
  const oy = yd ? NUMBER_ORDER : specialOrder(y);
  return ox < oy ? -1 : ox > oy ? 1 : 0;
}

/** Leftover parts (the first one not a number) against "a number". */
function compareRestWithNumber(rest: string[]): number {
  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) return -1;
  const c = comparePhpPart(rest[0]!, '#');
  if (c !== 0 || rest.length === 1) return c;
  return startsWithDigit(rest[1]) ? 1 : compareRestWithNumber(rest.slice(1));
}

/** Compares two canonical forms split at `.`. */
export function comparePhpParts(a: string[], b: string[]): number {
  const present = (parts: string[], i: number): boolean => parts[i] !== '' || i < parts.length - 1;
  let pa = 0;
  let pb = 0;
  let moreA = true;
  let moreB = true;
  while (present(a, pa) && present(b, pb) && moreA && moreB) {
    moreA = pa < a.length - 1;
    moreB = pb < b.length - 1;
    const c = comparePhpPart(a[pa]!, b[pb]!);
    if (c !== 0) return c;
    if (moreA) pa++;
    if (moreB) pb++;
  }
  if (moreA) return startsWithDigit(a[pa]) ? 1 : compareRestWithNumber(a.slice(pa));
  if (moreB) return startsWithDigit(b[pb]) ? -1 : -compareRestWithNumber(b.slice(pb));
  return 0;
}

/** PHP's `version_compare($a, $b)`: -1, 0 or 1. */
export function phpVersionCompare(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  // PHP leaves a version starting with `#` as it is.
  const canonical = (v: string): string => (v.startsWith('#') ? v : phpCanonicalize(v));
  return comparePhpParts(canonical(a).split('.'), canonical(b).split('.'));
}

// ---------------------------------------------------------------------------------------------
// Composer normalisation

const STABILITY_WORDS = ['stable', 'beta', 'b', 'rc', 'alpha', 'a', 'patch', 'pl', 'p'];
const EXPANDED: Record<string, string> = { a: 'alpha', b: 'beta', p: 'patch', pl: 'patch', rc: 'RC' };
const MAX_VERSION_LENGTH = 256;

interface Modifier {
  stability: string | undefined;
  number: string;
  dev: boolean;
}

function isDevSuffix(r: string): boolean {
  const l = r.toLowerCase();
  return l === '' || l === 'dev' || l === '.dev' || l === '-dev';
}

/** `[._-]?(?:(stability)((?:[.-]?\d+)*+)?)?([.-]?dev)?$`, case-insensitive. */
function parseModifier(rest: string): Modifier | undefined {
  const starts = rest.length > 0 && '._-'.includes(rest[0]!) ? [1, 0] : [0];
  for (const skip of starts) {
    const r = rest.slice(skip);
    const lower = r.toLowerCase();
    for (const word of STABILITY_WORDS) {
      if (!lower.startsWith(word)) continue;
      let i = word.length;
      // Possessive: take every `[.-]?\d+` group there is.
      for (;;) {
        let j = i;
        if (j < r.length && (r[j] === '.' || r[j] === '-')) j++;
        const k = j;
        while (j < r.length && isDigitCode(r.charCodeAt(j))) j++;
        if (j === k) break;
        i = j;
      }
      const tail = r.slice(i);
      if (isDevSuffix(tail)) {
        let number = r.slice(word.length, i);
        while (number.startsWith('.') || number.startsWith('-')) number = number.slice(1);
        return { stability: word, number, dev: tail !== '' };
      }
    }
    if (isDevSuffix(r)) return { stability: undefined, number: '', dev: r !== '' };
  }
  return undefined;
}

function applyModifier(base: string, m: Modifier): string {
  if (m.stability === 'stable') return base;
  let out = base;
  if (m.stability !== undefined) out += '-' + (EXPANDED[m.stability] ?? m.stability) + m.number;
  if (m.dev) out += '-dev';
  return out;
}

function readDigits(s: string, i: number): number {
  let j = i;
  while (j < s.length && isDigitCode(s.charCodeAt(j))) j++;
  return j;
}

/** `v?(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)?` + modifier. */
function normalizeClassical(s: string): string | undefined {
  let i = s.startsWith('v') || s.startsWith('V') ? 1 : 0;
  const end = readDigits(s, i);
  if (end === i || end - i > 5) return undefined;
  const nums = [s.slice(i, end)];
  i = end;
  while (nums.length < 4 && s[i] === '.' && isDigitCode(s.charCodeAt(i + 1))) {
    const e = readDigits(s, i + 1);
    nums.push(s.slice(i + 1, e));
    i = e;
  }
  const m = parseModifier(s.slice(i));
  if (!m) return undefined;
  while (nums.length < 4) nums.push('0');
  return applyModifier(nums.join('.'), m);
}

/** Whether `d` (digits and single `.:-` separators) fits `\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2}`. */
function fitsDate(d: string): boolean {
  const isSep = (c: string | undefined): boolean => c === '.' || c === ':' || c === '-';
  // reachable[pos] holds "groups of two, groups of 1-3" states that end at pos.
  const seen = new Set<string>();
  const stack: [number, number, number][] = [[4, 0, 0]];
  for (let k = 0; k < 4; k++) if (!isDigitCode(d.charCodeAt(k))) return false;
  while (stack.length > 0) {
    const [pos, twos, tails] = stack.pop()!;
    const key = `${pos},${twos},${tails}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (pos === d.length && twos >= 1) return true;
    const start = isSep(d[pos]) ? [pos + 1, pos] : [pos];
    for (const p of start) {
      let run = 0;
      while (p + run < d.length && isDigitCode(d.charCodeAt(p + run)) && run < 3) run++;
      if (tails === 0 && twos < 6 && run >= 2) stack.push([p + 2, twos + 1, 0]);
      if (twos >= 1 && tails < 2) for (let n = 1; n <= run; n++) stack.push([p + n, twos, tails + 1]);
    }
  }
  return false;
}

/** `v?(date)` + modifier, the date's separators turned into dots. */
function normalizeDate(s: string): string | undefined {
  const i = s.startsWith('v') || s.startsWith('V') ? 1 : 0;
  let j = i;
  while (j < s.length && (isDigitCode(s.charCodeAt(j)) || ':.-'.includes(s[j]!))) j++;
  // A separator right before the modifier's word belongs to the modifier.
  const candidates = [j];
  for (let k = j; k > i && ':.-'.includes(s[k - 1]!); k--) candidates.push(k - 1);
  for (const end of candidates) {
    const date = s.slice(i, end);
    if (!fitsDate(date)) continue;
    const m = parseModifier(s.slice(end));
    if (!m) continue;
    let base = '';
    for (const ch of date) base += isDigitCode(ch.charCodeAt(0)) ? ch : '.';
    return applyModifier(base, m);
  }
  return undefined;
}

/** A `1.x-dev` style branch: `v?\d+(\.(\d+|[xX*])){0,3}`, wildcards as 9999999. */
function normalizeNumericBranch(name: string): string | undefined {
  let s = name.trim();
  if (s.startsWith('v') || s.startsWith('V')) s = s.slice(1);
  const parts = s.split('.');
  if (parts.length > 4 || !/^[0-9]+$/.test(parts[0] ?? '')) return undefined;
  const out: string[] = [];
  for (const p of parts) {
    if (/^[0-9]+$/.test(p)) out.push(p);
    else if (p === 'x' || p === 'X' || p === '*') out.push('9999999');
    else return undefined;
  }
  while (out.length < 4) out.push('9999999');
  return out.join('.') + '-dev';
}

const NAMED_BRANCHES = new Set(['master', 'trunk', 'default']);

/** Composer's normalised form of a version, or undefined when Composer would reject it. */
export function normalizeComposer(input: string): PackagistVersion | undefined {
  let s = input.trim();
  if (s === '' || s.length > MAX_VERSION_LENGTH) return undefined;
  const as = s.indexOf(' as ');
  if (as > 0) s = s.slice(0, as).trim();
  const at = s.lastIndexOf('@');
  if (at > 0 && ['stable', 'rc', 'beta', 'alpha', 'dev'].includes(s.slice(at + 1).toLowerCase())) {
    s = s.slice(0, at);
  }
  if (s === '' || /\s|,/.test(s)) return undefined;
  const lower = s.toLowerCase();
  if (NAMED_BRANCHES.has(lower)) return { branch: true, normalized: 'dev-' + s };
  if (lower.startsWith('dev-')) {
    return s.length > 4 ? { branch: true, normalized: 'dev-' + s.slice(4) } : undefined;
  }
  const plus = s.indexOf('+');
  if (plus > 0) s = s.slice(0, plus);

  const normalized = normalizeClassical(s) ?? normalizeDate(s);
  if (normalized !== undefined)
    return { branch: false, normalized, parts: phpCanonicalize(normalized).split('.') };

  if (lower.endsWith('dev')) {
    let base = s.slice(0, -3);
    if (base.endsWith('.') || base.endsWith('-')) base = base.slice(0, -1);
    const branch = normalizeNumericBranch(base);
    if (branch !== undefined)
      return { branch: false, normalized: branch, parts: phpCanonicalize(branch).split('.') };
  }
  return undefined;
}

export function comparePackagist(a: PackagistVersion, b: PackagistVersion): number {
  if (a.branch || b.branch) {
    if (a.branch && b.branch) return compareStrings(a.normalized, b.normalized);
    return a.branch ? -1 : 1;
  }
  return comparePhpParts(a.parts, b.parts);
}

export const packagistScheme: VersionScheme<PackagistVersion> = {
  name: 'Packagist',
  parse: normalizeComposer,
  compare: comparePackagist,
  inRanges: (p) => !p.branch,
};
