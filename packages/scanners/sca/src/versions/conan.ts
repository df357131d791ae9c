/**
 * ConanCenter versions. Conan recipes use mostly SemVer-like versions, but also 4-part versions,
 * letter suffixes (`1.1.1w`), dates (`20230801`, `2023.08.01`) and `cci.<date>` tags, so this is a
 * loose, SemVer-like total order (documented here as our own, not Conan's exact algorithm):
 *
 * - an optional leading `v` is ignored; build metadata after the first `+` is ignored;
 * - the text before the first `-` is the main part, the rest a pre-release; a version with a
 *   pre-release sorts before the same main part without one, and pre-releases compare like SemVer
 *   pre-release identifiers (numeric identifiers numerically and before alphanumeric ones);
 * - the main part is split at `.` into items, trailing `0` items are ignored (`1.2` = `1.2.0`);
 *   items compare one by one, a missing item counting as `0`;
 * - each item is split into runs of digits and runs of other characters; digit runs compare
 *   numerically, other runs case-insensitively; a digit run sorts after a text run; when one item
 *   is a prefix of the other, the longer one sorts after (`1.1.1 < 1.1.1a < 1.1.1w < 1.1.2`).
 */
import {
  compareNumeric,
  compareStrings,
  hasWhitespace,
  isDigitCode,
  stripZeros,
  type VersionScheme,
} from './scheme.js';
import { compareIdentifiers, type Identifier } from './semver-core.js';

type Run = { num: true; text: string } | { num: false; text: string };

export interface ConanVersion {
  items: Run[][];
  pre: Identifier[] | undefined;
}

function runs(item: string): Run[] {
  const out: Run[] = [];
  let i = 0;
  while (i < item.length) {
    const digit = isDigitCode(item.charCodeAt(i));
    let j = i;
    while (j < item.length && isDigitCode(item.charCodeAt(j)) === digit) j++;
    const text = item.slice(i, j);
    out.push(digit ? { num: true, text: stripZeros(text) } : { num: false, text: text.toLowerCase() });
    i = j;
  }
  return out;
}

function isZeroItem(item: Run[]): boolean {
  return item.length === 1 && item[0]!.num && item[0]!.text === '0';
}

export function parseConan(input: string): ConanVersion | undefined {
  let s = input.trim();
  if (s.startsWith('v') || s.startsWith('V')) s = s.slice(1);
  if (s === '' || hasWhitespace(s)) return undefined;
  const plus = s.indexOf('+');
  if (plus >= 0) s = s.slice(0, plus);
  let pre: Identifier[] | undefined;
  const dash = s.indexOf('-');
  if (dash >= 0) {
    pre = s
      .slice(dash + 1)
      .split('.')
      .map((p) =>
        /^[0-9]+$/.test(p)
          ? { numeric: true, text: stripZeros(p) }
          : { numeric: false, text: p.toLowerCase() },
      );
    s = s.slice(0, dash);
  }
  if (s === '') return undefined;
  const items = s.split('.').map(runs);
  while (items.length > 1 && isZeroItem(items[items.length - 1]!)) items.pop();
  return { items, pre };
}

function compareRuns(a: Run[], b: Run[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    let c: number;
    if (x.num && y.num) c = compareNumeric(x.text, y.text);
    else if (x.num) c = 1;
    else if (y.num) c = -1;
    else c = compareStrings(x.text, y.text);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

const ZERO_ITEM: Run[] = [{ num: true, text: '0' }];

export function compareConan(a: ConanVersion, b: ConanVersion): number {
  const n = Math.max(a.items.length, b.items.length);
  for (let i = 0; i < n; i++) {
    const c = compareRuns(a.items[i] ?? ZERO_ITEM, b.items[i] ?? ZERO_ITEM);
    if (c !== 0) return c;
  }
  if (a.pre === undefined || b.pre === undefined) {
    return a.pre === b.pre ? 0 : a.pre === undefined ? 1 : -1;
  }
  return compareIdentifiers(a.pre, b.pre);
}

export const conanScheme: VersionScheme<ConanVersion> = {
  name: 'ConanCenter',
  parse: parseConan,
  compare: compareConan,
};
