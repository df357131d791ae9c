/**
 * A small SemVer 2.0.0 parser and precedence comparison (https://semver.org/#spec-item-11), shared
 * by the ecosystems that use SemVer with their own twists (Go, crates.io, Hex, Pub, ConanCenter
 * pre-releases) and by OSV `SEMVER` ranges. npm goes through the `semver` package instead.
 *
 * Numeric parts are kept as digit strings and compared by value, so numbers of any size (Go
 * pseudo-version timestamps, date-like majors) order exactly.
 */
import { compareNumeric, compareStrings, isAlphaCode, isDigitCode, isDigits, stripZeros } from './scheme.js';

/** One dot-separated pre-release or build identifier. */
export interface Identifier {
  /** True for an all-digit identifier (compared numerically). */
  numeric: boolean;
  /** The identifier text; for numeric identifiers, without leading zeros. */
  text: string;
}

export interface SemVerParts {
  /** Major, minor, patch as digit strings without leading zeros. */
  major: string;
  minor: string;
  patch: string;
  /** Pre-release identifiers; empty for a release. */
  pre: Identifier[];
  /** Build metadata identifiers; empty when none. */
  build: Identifier[];
}

export interface SemVerParseOptions {
  /** Accept one leading `v` or `V` (Go, and tolerant matching). */
  allowV?: boolean;
  /** Accept `1` and `1.2` as `1.0.0` and `1.2.0`. */
  allowShort?: boolean;
  /** Accept the short forms only when there is no pre-release or build (Go's rule). */
  shortOnlyBare?: boolean;
  /** Accept leading zeros in numeric parts and numeric pre-release identifiers. */
  allowLeadingZeros?: boolean;
  /** Accept surrounding whitespace. */
  trim?: boolean;
}

/** True for an identifier character: ASCII alphanumerics and hyphen. */
function isIdentChars(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c) && !isAlphaCode(c) && c !== 45) return false;
  }
  return true;
}

function parseIdentifiers(s: string, leadingZeros: boolean, isBuild: boolean): Identifier[] | undefined {
  const out: Identifier[] = [];
  for (const part of s.split('.')) {
    if (!isIdentChars(part)) return undefined;
    if (isDigits(part)) {
      // Build identifiers may have leading zeros (they carry no precedence in SemVer).
      if (!leadingZeros && !isBuild && part.length > 1 && part.charCodeAt(0) === 48) return undefined;
      out.push({ numeric: true, text: stripZeros(part) });
    } else {
      out.push({ numeric: false, text: part });
    }
  }
  return out;
}

/** Parses a SemVer string; `undefined` when it is not one under the given options. */
export function parseSemVer(input: string, opts: SemVerParseOptions = {}): SemVerParts | undefined {
  let s = opts.trim ? input.trim() : input;
  if (opts.allowV && (s.startsWith('v') || s.startsWith('V'))) s = s.slice(1);
  if (s.length === 0) return undefined;

  let build: Identifier[] = [];
  const plus = s.indexOf('+');
  if (plus >= 0) {
    const b = parseIdentifiers(s.slice(plus + 1), true, true);
    if (!b) return undefined;
    build = b;
    s = s.slice(0, plus);
  }
  let pre: Identifier[] = [];
  const dash = s.indexOf('-');
  if (dash >= 0) {
    const p = parseIdentifiers(s.slice(dash + 1), opts.allowLeadingZeros === true, false);
    if (!p) return undefined;
    pre = p;
    s = s.slice(0, dash);
  }

  const core = s.split('.');
  if (core.length > 3 || core.length === 0) return undefined;
  if (core.length < 3) {
    if (!opts.allowShort) return undefined;
    if (opts.shortOnlyBare && (pre.length > 0 || build.length > 0)) return undefined;
  }
  const nums: string[] = [];
  for (const part of core) {
    if (!isDigits(part)) return undefined;
    if (!opts.allowLeadingZeros && part.length > 1 && part.charCodeAt(0) === 48) return undefined;
    nums.push(stripZeros(part));
  }
  while (nums.length < 3) nums.push('0');
  return { major: nums[0]!, minor: nums[1]!, patch: nums[2]!, pre, build };
}

function compareIdentifier(a: Identifier, b: Identifier): number {
  if (a.numeric && b.numeric) return compareNumeric(a.text, b.text);
  if (a.numeric) return -1;
  if (b.numeric) return 1;
  return compareStrings(a.text, b.text);
}

/** Compares identifier lists pairwise; when one is a prefix of the other, the shorter sorts first. */
export function compareIdentifiers(a: Identifier[], b: Identifier[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifier(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** SemVer 2.0.0 precedence: build metadata is ignored. */
export function compareSemVer(a: SemVerParts, b: SemVerParts): number {
  const c =
    compareNumeric(a.major, b.major) || compareNumeric(a.minor, b.minor) || compareNumeric(a.patch, b.patch);
  if (c !== 0) return c;
  if (a.pre.length === 0 || b.pre.length === 0) {
    // A release sorts after any of its pre-releases.
    return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  }
  return compareIdentifiers(a.pre, b.pre);
}
