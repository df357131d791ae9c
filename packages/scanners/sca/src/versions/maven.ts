/**
 * Maven versions, ordered like Maven 3.9's `ComparableVersion`
 * (https://maven.apache.org/pom.html#version-order-specification). Written from that specification:
 *
 * - The version is lower-cased and split into items at `.` and `-` and at every transition between
 *   digits and letters (`1.0alpha1` is `1, 0, alpha, 1`). A `-`, and a digit/letter transition,
 *   opens a nested list, so `1-1` is `[1, [1]]` while `1.1` is `[1, 1]`; a qualifier after a `.`
 *   is treated as if it followed a `-` (`1.0.RC1` orders like `1.0-RC1` would, before `1.0-RC2`).
 * - Numbers compare numerically (any size; leading zeros ignored). Qualifiers order as
 *   `alpha` (`a`) < `beta` (`b`) < `milestone` (`m`) < `rc` = `cr` < `snapshot` <
 *   `` = `ga` = `final` = `release` < `sp`, then unknown qualifiers in lexical order; `a`, `b`, `m`
 *   are aliases only when directly followed by a digit.
 * - Trailing "null" items (0, the empty qualifier, empty lists) are trimmed from each list, so
 *   `1` = `1.0` = `1.0.0` = `1-0` = `1.ga`.
 * - Comparing item kinds: number > list > qualifier (`1.1 > 1-1 > 1-sp`), and a missing item counts
 *   as null (`1-rc < 1 < 1-sp`, `1 < 1.1`).
 *
 * Every non-empty string orders (as in Maven); `isValidVersion` additionally rejects whitespace and
 * the range syntax characters `[](),`.
 */
import { compareNumeric, compareStrings, hasWhitespace, stripZeros, type VersionScheme } from './scheme.js';

const enum Kind {
  Num,
  Str,
  List,
}

interface NumItem {
  kind: Kind.Num;
  /** Digit string without leading zeros. */
  value: string;
}

interface StrItem {
  kind: Kind.Str;
  /** The qualifier after aliasing. */
  value: string;
  /** Sort key: the known qualifier's index, or `7-<qualifier>` for unknown ones. */
  key: string;
}

interface ListItem {
  kind: Kind.List;
  items: Item[];
}

type Item = NumItem | StrItem | ListItem;

export type MavenVersion = ListItem;

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_KEY = String(QUALIFIERS.indexOf(''));
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };

function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i < 0 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function strItem(raw: string, followedByDigit: boolean): StrItem {
  let value = raw;
  if (followedByDigit && value.length === 1) {
    if (value === 'a') value = 'alpha';
    else if (value === 'b') value = 'beta';
    else if (value === 'm') value = 'milestone';
  }
  value = ALIASES[value] ?? value;
  return { kind: Kind.Str, value, key: qualifierKey(value) };
}

function parseItem(isDigit: boolean, buf: string): Item {
  return isDigit ? { kind: Kind.Num, value: stripZeros(buf) } : strItem(buf, false);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case Kind.Num:
      return item.value === '0';
    case Kind.Str:
      return item.key === RELEASE_KEY;
    case Kind.List:
      return item.items.length === 0;
  }
}

/** Removes trailing null items, looking past (non-empty) nested lists. */
function normalize(list: ListItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (isNull(item)) items.splice(i, 1);
    else if (item.kind !== Kind.List) break;
  }
}

function isDigitChar(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function parseMaven(version: string): MavenVersion {
  const v = version.toLowerCase();
  const root: ListItem = { kind: Kind.List, items: [] };
  let list = root;
  const lists: ListItem[] = [root];
  const open = (): void => {
    const next: ListItem = { kind: Kind.List, items: [] };
    list.items.push(next);
    list = next;
    lists.push(next);
  };

  let isDigit = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46 /* . */ || c === 45 /* - */) {
      list.items.push(i === start ? { kind: Kind.Num, value: '0' } : parseItem(isDigit, v.slice(start, i)));
      start = i + 1;
      if (c === 45) open();
    } else if (isDigitChar(c)) {
      if (!isDigit && i > start) {
        // A qualifier directly followed by a number: `.X1` is read like `-X1`.
        if (list.items.length > 0) open();
        list.items.push(strItem(v.slice(start, i), true));
        start = i;
        open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, v.slice(start, i)));
        start = i;
        open();
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    if (!isDigit && list.items.length > 0) open();
    list.items.push(parseItem(isDigit, v.slice(start)));
  }
  // Innermost lists first, as each list's trimming can empty it for its parent.
  for (let i = lists.length - 1; i >= 0; i--) normalize(lists[i]!);
  return root;
}

/** Compares an item with a missing one. */
function compareToNull(item: Item): number {
  switch (item.kind) {
    case Kind.Num:
      return item.value === '0' ? 0 : 1;
    case Kind.Str:
      return compareStrings(item.key, RELEASE_KEY);
    case Kind.List:
      for (const x of item.items) {
        const r = compareToNull(x);
        if (r !== 0) return r;
      }
      return 0;
  }
}

function compareItems(a: Item, b: Item): number {
  switch (a.kind) {
    case Kind.Num:
      return b.kind === Kind.Num ? compareNumeric(a.value, b.value) : 1;
    case Kind.Str:
      return b.kind === Kind.Str ? compareStrings(a.key, b.key) : -1;
    case Kind.List:
      if (b.kind === Kind.Num) return -1;
      if (b.kind === Kind.Str) return 1;
      return compareLists(a.items, b.items);
  }
}

function compareLists(a: Item[], b: Item[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const l = a[i];
    const r = b[i];
    const c =
      l === undefined
        ? r === undefined
          ? 0
          : -compareToNull(r)
        : r === undefined
          ? compareToNull(l)
          : compareItems(l, r);
    if (c !== 0) return c;
  }
  return 0;
}

export function compareMaven(a: MavenVersion, b: MavenVersion): number {
  return compareLists(a.items, b.items);
}

/** The canonical form (`1.0.0` is `1`, `1.0-alpha-1` is `1-alpha-1`), for tests and debugging. */
export function mavenCanonical(v: MavenVersion): string {
  const render = (list: ListItem): string => {
    let out = '';
    for (const item of list.items) {
      if (out.length > 0) out += item.kind === Kind.List ? '-' : '.';
      out += item.kind === Kind.List ? render(item) : item.value;
    }
    return out;
  };
  return render(v);
}

export const mavenScheme: VersionScheme<MavenVersion> = {
  name: 'Maven',
  parse: (v) => {
    const s = v.trim();
    return s === '' ? undefined : parseMaven(s);
  },
  compare: compareMaven,
  isValid: (v) => {
    const s = v.trim();
    if (s === '' || hasWhitespace(s)) return false;
    for (const ch of '[](),') if (s.includes(ch)) return false;
    return true;
  },
};
