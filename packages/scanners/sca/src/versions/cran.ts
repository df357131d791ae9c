/**
 * CRAN (R package) versions, ordered like R's `package_version`: non-negative integers separated by
 * `.` or `-` (`1.2-3` is `1, 2, 3`), compared component by component; when one is a prefix of the
 * other, the shorter sorts first (`1.0 < 1.0-1`, and `1.0 < 1.0.0` as in R). R requires at least
 * two components for a package version; `isValidVersion` does too, while a single number still
 * orders.
 */
import { compareNumeric, isDigits, stripZeros, type VersionScheme } from './scheme.js';

export type CranVersion = string[];

export function parseCran(input: string): CranVersion | undefined {
  const s = input.trim();
  if (s === '') return undefined;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || s[i] === '.' || s[i] === '-') {
      const part = s.slice(start, i);
      if (!isDigits(part)) return undefined;
      parts.push(stripZeros(part));
      start = i + 1;
    }
  }
  return parts;
}

export function compareCran(a: CranVersion, b: CranVersion): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareNumeric(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export const cranScheme: VersionScheme<CranVersion> = {
  name: 'CRAN',
  parse: parseCran,
  compare: compareCran,
  isValid: (v) => (parseCran(v)?.length ?? 0) >= 2,
};
