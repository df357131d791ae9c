/**
 * PyPI versions: PEP 440 (https://peps.python.org/pep-0440/), parsed with `@renovatebot/pep440`
 * and ordered here from the parsed parts (so a version is parsed once, not on every comparison).
 *
 * Versions that are not PEP 440 (`2004d`, `1.0_final`, `0.4-SNAPSHOT`), which old releases on PyPI
 * still carry, never throw: they parse as "legacy" versions, which sort before every PEP 440 version
 * and among themselves by the rules of setuptools' old `LegacyVersion` (epoch -1; numbers zero-padded
 * to 8 digits; letters prefixed with `*`; `pre`/`preview`/`rc` read as `c`, `dev` as `@`, `-` as
 * `final-`; a trailing `*final`). `isValidVersion` is true only for PEP 440 versions.
 */
import pep440 from '@renovatebot/pep440';
import { compareStrings, sign, type VersionScheme } from './scheme.js';

interface Pep440Parsed {
  legacy: false;
  epoch: number;
  /** Release numbers with trailing zeros removed (`1.0.0` orders as `1`). */
  release: number[];
  /** -1 for "dev release without pre or post" (sorts before pre-releases), 0 a, 1 b, 2 rc, 3 none. */
  preKind: number;
  preNum: number;
  /** -1 when there is no post-release segment. */
  post: number;
  /** Infinity when there is no dev segment. */
  dev: number;
  /** Local version segments, or undefined without a local label. */
  local: (string | number)[] | undefined;
}

interface LegacyParsed {
  legacy: true;
  parts: string[];
}

export type PyPIVersion = Pep440Parsed | LegacyParsed;

const PRE_KINDS: Record<string, number> = { a: 0, b: 1, rc: 2, c: 2 };

function toNumber(x: string | number | undefined): number {
  if (typeof x === 'number') return x;
  if (x === undefined) return 0;
  const n = Number(x);
  return Number.isFinite(n) ? n : 0;
}

function parsePep440(v: string): Pep440Parsed | undefined {
  const p = pep440.parse(v);
  if (!p) return undefined;
  const release = p.release.slice();
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const pre = p.pre as (string | number)[] | null;
  const post = p.post as (string | number)[] | null;
  const dev = p.dev as (string | number)[] | null;
  const local = p.local as unknown as (string | number)[] | null;
  let preKind = 3;
  let preNum = 0;
  if (pre && pre.length > 0) {
    preKind = PRE_KINDS[String(pre[0]).toLowerCase()] ?? 2;
    preNum = toNumber(pre[1]);
  } else if (!post && dev) {
    preKind = -1;
  }
  return {
    legacy: false,
    epoch: p.epoch,
    release,
    preKind,
    preNum,
    post: post ? toNumber(post[1]) : -1,
    dev: dev ? toNumber(dev[1]) : Infinity,
    local: local
      ? local.map((s) => (typeof s === 'number' ? s : /^[0-9]+$/.test(s) ? Number(s) : s.toLowerCase()))
      : undefined,
  };
}

const LEGACY_REPLACE: Record<string, string> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };

/** Splits like `re.split(r'(\d+|[a-z]+|\.|-)', s)`: digit runs, letter runs, `.`, `-`, and the rest. */
function legacyTokens(s: string): string[] {
  const out: string[] = [];
  let other = '';
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    let j = i;
    if (c >= 48 && c <= 57) {
      while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    } else if (c >= 97 && c <= 122) {
      while (j < s.length && s.charCodeAt(j) >= 97 && s.charCodeAt(j) <= 122) j++;
    } else if (c === 46 || c === 45) {
      j = i + 1;
    } else {
      other += s[i];
      i++;
      continue;
    }
    if (other) {
      out.push(other);
      other = '';
    }
    out.push(s.slice(i, j));
    i = j;
  }
  if (other) out.push(other);
  return out;
}

function parseLegacy(v: string): LegacyParsed {
  const parts: string[] = [];
  const keys: string[] = [];
  for (const raw of legacyTokens(v.toLowerCase())) {
    const part = LEGACY_REPLACE[raw] ?? raw;
    if (part === '' || part === '.') continue;
    const c = part.charCodeAt(0);
    keys.push(c >= 48 && c <= 57 ? part.padStart(8, '0') : '*' + part);
  }
  keys.push('*final');
  for (const key of keys) {
    if (key.startsWith('*')) {
      if (key < '*final') {
        while (parts.length > 0 && parts[parts.length - 1] === '*final-') parts.pop();
      }
      while (parts.length > 0 && parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(key);
  }
  return { legacy: true, parts };
}

function compareNumberLists(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function compareLocal(a: (string | number)[] | undefined, b: (string | number)[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === 'number') {
      return 1; // a numeric segment sorts after an alphanumeric one
    } else if (typeof y === 'number') {
      return -1;
    } else if (x !== y) {
      return compareStrings(x, y);
    }
  }
  return sign(a.length - b.length);
}

function compareLegacy(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareStrings(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

export function comparePyPI(a: PyPIVersion, b: PyPIVersion): number {
  if (a.legacy || b.legacy) {
    if (a.legacy && b.legacy) return compareLegacy(a.parts, b.parts);
    return a.legacy ? -1 : 1;
  }
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  return (
    compareNumberLists(a.release, b.release) ||
    sign(a.preKind - b.preKind) ||
    sign(a.preNum - b.preNum) ||
    sign(a.post - b.post) ||
    (a.dev === b.dev ? 0 : a.dev < b.dev ? -1 : 1) ||
    compareLocal(a.local, b.local)
  );
}

export const pypiScheme: VersionScheme<PyPIVersion> = {
  name: 'PyPI',
  parse: (v) => {
    const s = v.trim();
    if (s === '') return undefined;
    return parsePep440(s) ?? parseLegacy(s);
  },
  compare: comparePyPI,
  isValid: (v) => pep440.parse(v.trim()) !== null,
};
