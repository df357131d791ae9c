/**
 * RubyGems versions, parsed with `@renovatebot/ruby-semver` (a port of `Gem::Version`) and ordered
 * by `Gem::Version#<=>`: the canonical segments (numbers and letter runs; trailing zeros dropped
 * from the numeric part and from the pre-release part) compared pairwise, a missing segment
 * counting as 0, a string segment (pre-release) sorting before a number, strings compared
 * byte-wise. So `1.0.a < 1.0 == 1.0.0 < 1.0.1` and `1.0-rc1` is `1.0.pre.rc1`.
 *
 * The segments are computed once per version here (the library recomputes them on each compare).
 */
import { Version } from '@renovatebot/ruby-semver/dist/ruby/version.js';
import { compareStrings, type VersionScheme } from './scheme.js';

export type Segment = string | number;

function dropTrailingZeros(segs: Segment[]): Segment[] {
  let end = segs.length;
  while (end > 0 && segs[end - 1] === 0) end--;
  return segs.slice(0, end);
}

function canonicalSegments(v: Version): Segment[] {
  const all = v.getSegments();
  const firstString = all.findIndex((s) => typeof s === 'string');
  const numeric = firstString < 0 ? all : all.slice(0, firstString);
  const strings = firstString < 0 ? [] : all.slice(firstString);
  return [...dropTrailingZeros(numeric), ...dropTrailingZeros(strings)];
}

export function compareGemSegments(a: Segment[], b: Segment[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'string' && typeof y === 'number') return -1;
    if (typeof x === 'number' && typeof y === 'string') return 1;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    return compareStrings(String(x), String(y));
  }
  return 0;
}

function isGemVersion(v: string): boolean {
  return v.trim() !== '' && Version.isCorrect(v);
}

export const rubygemsScheme: VersionScheme<Segment[]> = {
  name: 'RubyGems',
  parse: (v) => {
    if (!isGemVersion(v)) return undefined;
    const parsed = Version.create(v);
    return parsed ? canonicalSegments(parsed) : undefined;
  },
  compare: compareGemSegments,
  isValid: isGemVersion,
};
