/**
 * NuGet versions (https://learn.microsoft.com/nuget/concepts/package-versioning), ordered like
 * NuGet's `VersionComparer.Default`:
 *
 * - `Major[.Minor[.Patch[.Revision]]]`, one to four non-negative integers, leading zeros allowed;
 *   missing parts are 0, so `1.0` = `1.0.0` = `1.0.0.0` and `1.01` = `1.1`;
 * - an optional pre-release after `-`: dot-separated labels of `[0-9A-Za-z-]`; a release sorts after
 *   its pre-releases; labels compare one by one, numeric labels numerically and before
 *   alphanumeric ones, alphanumeric labels ordinally ignoring case (`1.0.0-Beta` = `1.0.0-beta`,
 *   `alpha10 < alpha2`); with equal labels, fewer labels sort first;
 * - optional build metadata after `+`, ignored.
 *
 * Surrounding whitespace is trimmed, as NuGet does; a leading `v` is not a NuGet version.
 */
import {
  compareNumeric,
  compareStrings,
  isAlphaCode,
  isDigitCode,
  isDigits,
  stripZeros,
  type VersionScheme,
} from './scheme.js';

interface Label {
  numeric: boolean;
  /** Numeric labels without leading zeros; alphanumeric labels upper-cased for ordinal-ignore-case. */
  key: string;
}

export interface NuGetVersion {
  /** Four digit strings without leading zeros. */
  parts: [string, string, string, string];
  pre: Label[];
}

function isLabel(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c) && !isAlphaCode(c) && c !== 45) return false;
  }
  return true;
}

export function parseNuGet(input: string): NuGetVersion | undefined {
  let s = input.trim();
  const plus = s.indexOf('+');
  if (plus >= 0) {
    const meta = s.slice(plus + 1);
    if (!meta.split('.').every(isLabel)) return undefined;
    s = s.slice(0, plus);
  }
  let pre: Label[] = [];
  const dash = s.indexOf('-');
  if (dash >= 0) {
    const labels = s.slice(dash + 1).split('.');
    if (!labels.every(isLabel)) return undefined;
    pre = labels.map((l) =>
      isDigits(l) ? { numeric: true, key: stripZeros(l) } : { numeric: false, key: l.toUpperCase() },
    );
    s = s.slice(0, dash);
  }
  const nums = s.split('.');
  if (nums.length < 1 || nums.length > 4 || !nums.every(isDigits)) return undefined;
  const parts: [string, string, string, string] = ['0', '0', '0', '0'];
  nums.forEach((n, i) => (parts[i] = stripZeros(n)));
  // Each part is an Int32 in NuGet.
  if (parts.some((p) => compareNumeric(p, '2147483647') > 0)) return undefined;
  return { parts, pre };
}

function compareLabels(a: Label[], b: Label[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    let c: number;
    if (x.numeric && y.numeric) c = compareNumeric(x.key, y.key);
    else if (x.numeric) c = -1;
    else if (y.numeric) c = 1;
    else c = compareStrings(x.key, y.key);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareNuGet(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const c = compareNumeric(a.parts[i]!, b.parts[i]!);
    if (c !== 0) return c;
  }
  if (a.pre.length === 0 || b.pre.length === 0) {
    return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  }
  return compareLabels(a.pre, b.pre);
}

export const nugetScheme: VersionScheme<NuGetVersion> = {
  name: 'NuGet',
  parse: parseNuGet,
  compare: compareNuGet,
};
