/**
 * Alpine package versions, ordered like apk-tools (2.14 and later):
 * `number{.number}...{letter}{_suffix{number}}...{-rN}`.
 *
 * A version is a sequence of tokens: the first number, further numbers after `.`, at most one
 * lower-case letter after a number, suffixes `_alpha` < `_beta` < `_pre` < `_rc` < (none) < `_cvs` <
 * `_svn` < `_git` < `_hg` < `_p`, each with an optional number, and the package revision `-rN`.
 * Two versions are compared token by token while their token kinds agree:
 *
 * - numbers compare numerically, except that a number after a `.` starting with `0` on either side
 *   is compared as a string, as in Gentoo (`1.01 < 1.1`, `8.2.0015 < 8.2.002`);
 * - letters by character, suffixes by the order above, suffix and revision numbers numerically.
 *
 * When the kinds differ (one version has more to it), the longer one is greater unless what it has
 * next is a pre-release suffix: `1.2_rc1 < 1.2 < 1.2-r1 < 1.2_p1 < 1.2a < 1.2.1`.
 *
 * A trailing commit hash (`~` and hex digits, written by newer apk for snapshots) is accepted and
 * does not take part in ordering. Strings apk rejects (`1.0bc`, `1.0_foo`, `1.2a3`) do not parse.
 */
import { compareNumeric, compareStrings, isDigitCode, type VersionScheme } from './scheme.js';

const INITIAL_DIGIT = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const REVISION_NO = 5;
const END = 6;

/** Suffix order; index 5 is "no suffix". */
const SUFFIXES = ['', 'alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const SUFFIX_NONE = 5;

interface Token {
  type: number;
  /** Digits, the letter, or the suffix name. */
  text: string;
  /** Suffix order, for SUFFIX tokens. */
  suffix: number;
}

/** Tokens, the last one of type END. */
export type AlpineVersion = Token[];

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function suffixValue(name: string): number {
  if (name === '') return SUFFIX_NONE;
  const i = SUFFIXES.indexOf(name);
  return i <= 0 || i === SUFFIX_NONE ? -1 : i;
}

export function parseAlpine(input: string): AlpineVersion | undefined {
  let s = input.trim();
  // A commit hash: `~` + hex digits, before an optional `-rN`.
  const tilde = s.indexOf('~');
  if (tilde >= 0) {
    const rev = s.indexOf('-r', tilde);
    const hash = s.slice(tilde + 1, rev < 0 ? s.length : rev);
    if (hash === '' || !/^[0-9a-f]+$/.test(hash)) return undefined;
    s = s.slice(0, tilde) + (rev < 0 ? '' : s.slice(rev));
  }
  const digitsFrom = (i: number): number => {
    let j = i;
    while (j < s.length && isDigitCode(s.charCodeAt(j))) j++;
    return j;
  };

  let i = digitsFrom(0);
  if (i === 0) return undefined;
  const tokens: Token[] = [{ type: INITIAL_DIGIT, text: s.slice(0, i), suffix: 0 }];
  let type = INITIAL_DIGIT;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isLower(c)) {
      if (type > DIGIT) return undefined;
      type = LETTER;
      tokens.push({ type, text: s[i]!, suffix: 0 });
      i++;
    } else if (c === 46 /* . */ || isDigitCode(c)) {
      if (c === 46) {
        if (type > DIGIT) return undefined;
        i++;
      }
      if (type === SUFFIX) type = SUFFIX_NO;
      else if (type === INITIAL_DIGIT || type === DIGIT) type = DIGIT;
      else return undefined;
      const j = digitsFrom(i);
      if (j === i) return undefined;
      tokens.push({ type, text: s.slice(i, j), suffix: 0 });
      i = j;
    } else if (c === 95 /* _ */) {
      if (type > SUFFIX_NO) return undefined;
      let j = i + 1;
      while (j < s.length && isLower(s.charCodeAt(j))) j++;
      const name = s.slice(i + 1, j);
      const suffix = suffixValue(name);
      if (suffix < 0) return undefined;
      type = SUFFIX;
      tokens.push({ type, text: name, suffix });
      i = j;
    } else if (c === 45 /* - */) {
      if (type >= REVISION_NO || s[i + 1] !== 'r') return undefined;
      const j = digitsFrom(i + 2);
      type = REVISION_NO;
      tokens.push({ type, text: j === i + 2 ? '0' : s.slice(i + 2, j), suffix: 0 });
      i = j;
    } else {
      return undefined;
    }
  }
  tokens.push({ type: END, text: '', suffix: 0 });
  return tokens;
}

function compareToken(a: Token, b: Token): number {
  switch (a.type) {
    case DIGIT:
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareStrings(a.text, b.text);
      return compareNumeric(a.text, b.text);
    case LETTER:
      return compareStrings(a.text, b.text);
    case SUFFIX:
      return a.suffix === b.suffix ? 0 : a.suffix < b.suffix ? -1 : 1;
    default:
      return compareNumeric(a.text, b.text);
  }
}

export function compareAlpine(a: AlpineVersion, b: AlpineVersion): number {
  let k = 0;
  for (;;) {
    const ta = a[k]!;
    const tb = b[k]!;
    if (ta.type !== tb.type) {
      if (ta.type === SUFFIX && ta.suffix < SUFFIX_NONE) return -1;
      if (tb.type === SUFFIX && tb.suffix < SUFFIX_NONE) return 1;
      return ta.type > tb.type ? -1 : 1;
    }
    if (ta.type === END) return 0;
    const c = compareToken(ta, tb);
    if (c !== 0) return c;
    k++;
  }
}

export const alpineScheme: VersionScheme<AlpineVersion> = {
  name: 'Alpine',
  parse: parseAlpine,
  compare: compareAlpine,
};
