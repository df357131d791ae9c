/**
 * The contract every ecosystem's version ordering implements, and the bounded parse cache the
 * registry puts in front of each one (matching tens of thousands of packages against hundreds of
 * thousands of advisories compares the same few strings over and over).
 */

/** A version ordering: parse once, compare parsed values many times. */
export interface VersionScheme<T = unknown> {
  /** Human-readable name used in error messages (`PyPI`, `Maven`, `SEMVER`). */
  readonly name: string;
  /**
   * Parses `v` into something `compare` accepts, or `undefined` when this ordering cannot place it
   * at all. Lenient where the ecosystem's own tool is lenient (a PyPI legacy version still orders).
   */
  parse(v: string): T | undefined;
  /** Negative, zero or positive, as `a` sorts before, equal to or after `b`. A total preorder. */
  compare(a: T, b: T): number;
  /** Strict validity per the ecosystem's spec. Defaults to "parse succeeds". */
  isValid?(v: string): boolean;
  /**
   * False for a parsed version that never falls inside an OSV range although it can be sorted
   * (a Composer `dev-` branch). Defaults to true.
   */
  inRanges?(p: T): boolean;
}

/** Thrown for an ecosystem name with no version ordering. */
export class UnknownEcosystemError extends Error {
  constructor(readonly ecosystem: string) {
    super(`No version ordering for ecosystem "${ecosystem}"`);
    this.name = 'UnknownEcosystemError';
  }
}

/** Thrown by `compareVersions` when a version cannot be ordered in its ecosystem. */
export class InvalidVersionError extends Error {
  constructor(
    readonly ecosystem: string,
    readonly version: string,
  ) {
    super(`"${version}" is not a version ${ecosystem} can order`);
    this.name = 'InvalidVersionError';
  }
}

/**
 * Longer strings are not versions in any ecosystem (real ones stay under ~100 characters). Refusing
 * them up front also bounds the work of the libraries' regular expressions on hostile input.
 */
export const MAX_VERSION_LENGTH = 256;

/** Cache entry for a string that does not parse (distinct from "not cached"). */
const UNPARSABLE = Symbol('unparsable');

/**
 * A scheme plus a bounded FIFO cache of parse results, keyed by the exact input string. When full,
 * the oldest entry is evicted, so memory stays bounded however many distinct strings pass through.
 */
export class CachedScheme<T = unknown> {
  private readonly cache = new Map<string, T | typeof UNPARSABLE>();

  constructor(
    readonly scheme: VersionScheme<T>,
    private readonly maxEntries = 20_000,
  ) {}

  get name(): string {
    return this.scheme.name;
  }

  parse(v: string): T | undefined {
    const hit = this.cache.get(v);
    if (hit !== undefined) return hit === UNPARSABLE ? undefined : hit;
    let parsed: T | undefined;
    try {
      parsed = v.length > MAX_VERSION_LENGTH ? undefined : this.scheme.parse(v);
    } catch {
      // A scheme's own parser (or a library under it) must never take the scan down.
      parsed = undefined;
    }
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) this.cache.delete(oldest.value);
    }
    this.cache.set(v, parsed === undefined ? UNPARSABLE : parsed);
    return parsed;
  }

  compare(a: T, b: T): number {
    return this.scheme.compare(a, b);
  }

  isValid(v: string): boolean {
    if (v.length > MAX_VERSION_LENGTH) return false;
    if (this.scheme.isValid) {
      try {
        return this.scheme.isValid(v);
      } catch {
        return false;
      }
    }
    return this.parse(v) !== undefined;
  }

  inRanges(p: T): boolean {
    return this.scheme.inRanges ? this.scheme.inRanges(p) : true;
  }

  /** Number of cached strings (for tests). */
  get size(): number {
    return this.cache.size;
  }
}

/** Sign of a number as -1, 0 or 1. */
export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares two strings by UTF-16 code units (Java `String.compareTo`, C `strcmp` on ASCII). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `s` is one or more ASCII digits. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True when the character code is an ASCII digit. */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True when the character code is an ASCII letter. */
export function isAlphaCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Strips leading zeros from a digit string, keeping one zero for zero itself. */
export function stripZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}

/**
 * Compares two non-negative integers written in decimal (any length, leading zeros allowed)
 * without converting them, so 30-digit timestamps order exactly.
 */
export function compareNumeric(a: string, b: string): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return compareStrings(x, y);
}

/** True when `s` contains an ASCII whitespace or control character. */
export function hasWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 127) return true;
  }
  return false;
}
