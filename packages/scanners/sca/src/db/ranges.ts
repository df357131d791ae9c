/**
 * How the `affected.ranges` column holds one advisory's affected entries for one package (its
 * `package`, `ranges` with their `type` and `events`, and `versions`): in a compact text form that
 * matching evaluates where it lies, without building objects, so that the many advisories naming an
 * installed package but not its version cost little. Only the advisories that apply are decoded.
 *
 * The compact form, with control characters as separators (no OSV string holds one):
 *
 *     entries  = entry *(GS entry)
 *     entry    = flags name US *(RS version) US *(RS range)
 *     flags    = "0" / "1" / "2" / "3"       ; 1: the entry has `versions`, 2: it has `ranges`
 *     name     = "" / the package name        ; "" when it is the row's (normalised) name
 *     range    = ("S" / "E" / "G") *(FS kind value)        ; SEMVER, ECOSYSTEM, GIT
 *     kind     = "i" / "f" / "a" / "l"        ; introduced, fixed, last_affected, limit
 *
 * Every entry's `package.ecosystem` is the row's variant. Entries that do not fit (another range
 * type, an event with other members, a string with a control character) are stored as their JSON
 * instead, which starts with `[`, and read as such.
 */
import type { OsvAffected, OsvEvent, OsvRange } from '../osv.js';
import { eventsInclude, rangeScheme, type EventKind } from '../versions/osv-range.js';
import { schemeFor } from '../versions/registry.js';
import type { CachedScheme } from '../versions/scheme.js';
import { normalizeName } from './names.js';

const GS = '\x1d';
const US = '\x1f';
const RS = '\x1e';
const FS = '\x1c';

const TYPES: Readonly<Record<string, string>> = { SEMVER: 'S', ECOSYSTEM: 'E', GIT: 'G' };
const TYPE_NAMES: Readonly<Record<string, OsvRange['type']>> = { S: 'SEMVER', E: 'ECOSYSTEM', G: 'GIT' };
const KINDS: Readonly<Record<string, string>> = {
  introduced: 'i',
  fixed: 'f',
  last_affected: 'a',
  limit: 'l',
};
const KIND_NAMES: Readonly<Record<string, EventKind>> = {
  i: 'introduced',
  f: 'fixed',
  a: 'last_affected',
  l: 'limit',
};

/** Thrown when a stored value is not in either form (a damaged database). */
export class DamagedRanges extends Error {}

/** A string the compact form holds as it is: no control characters, no lone surrogates. */
function isCompactString(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One entry in the compact form, or undefined when it does not fit. */
function compactEntry(entry: OsvAffected, ecosystem: string, name: string): string | undefined {
  const pkg = entry.package;
  if (!isRecord(pkg) || pkg.ecosystem !== ecosystem || !isCompactString(pkg.name)) return undefined;
  if (normalizeName(ecosystem, pkg.name) !== name) return undefined;
  let out = `${(entry.versions === undefined ? 0 : 1) + (entry.ranges === undefined ? 0 : 2)}`;
  out += pkg.name === name ? US : `${pkg.name}${US}`;
  if (entry.versions !== undefined) {
    if (!Array.isArray(entry.versions)) return undefined;
    for (const version of entry.versions as unknown[]) {
      if (!isCompactString(version)) return undefined;
      out += RS + version;
    }
  }
  out += US;
  if (entry.ranges !== undefined) {
    if (!Array.isArray(entry.ranges)) return undefined;
    for (const range of entry.ranges as unknown[]) {
      if (!isRecord(range) || !Array.isArray(range['events'])) return undefined;
      if (Object.keys(range).some((key) => key !== 'type' && key !== 'events')) return undefined;
      const type = typeof range['type'] === 'string' ? TYPES[range['type']] : undefined;
      if (type === undefined || !Object.hasOwn(TYPES, range['type'] as string)) return undefined;
      out += RS + type;
      for (const event of range['events'] as unknown[]) {
        if (!isRecord(event)) return undefined;
        const keys = Object.keys(event);
        const key = keys[0] as string;
        if (keys.length !== 1 || !Object.hasOwn(KINDS, key)) return undefined;
        const value = event[key];
        if (!isCompactString(value)) return undefined;
        out += FS + (KINDS[key] as string) + value;
      }
    }
  }
  return out;
}

/**
 * The stored form of one advisory's entries for one package: `ecosystem` is the row's variant (the
 * entries' `package.ecosystem`), `name` the row's normalised name.
 */
export function encodeRanges(entries: readonly OsvAffected[], ecosystem: string, name: string): string {
  const parts: string[] = [];
  for (const entry of entries) {
    const part = isRecord(entry) ? compactEntry(entry, ecosystem, name) : undefined;
    if (part === undefined) return JSON.stringify(entries);
    parts.push(part);
  }
  // No entries: the JSON form (the compact one has at least one entry).
  return parts.length === 0 ? '[]' : parts.join(GS);
}

/** Whether a stored value is in the compact form (else it is JSON). */
export function isCompact(stored: string): boolean {
  return stored.charCodeAt(0) !== 0x5b;
}

const damaged = (): never => {
  throw new DamagedRanges();
};

/** Where each part of one compact entry is: [start of the name, first US, second US, end]. */
function entryBounds(stored: string, start: number): [number, number, number, number] {
  const flags = stored.charCodeAt(start);
  if (flags < 0x30 || flags > 0x33) damaged();
  const end0 = stored.indexOf(GS, start);
  const end = end0 === -1 ? stored.length : end0;
  const first = stored.indexOf(US, start + 1);
  const second = first === -1 ? -1 : stored.indexOf(US, first + 1);
  if (first === -1 || second === -1 || second >= end) damaged();
  return [start + 1, first, second, end];
}

/** The entries of a stored value, as OSV objects (JSON.parse for the JSON form). */
export function decodeRanges(stored: string, ecosystem: string, name: string): OsvAffected[] {
  if (!isCompact(stored)) return JSON.parse(stored) as OsvAffected[];
  const entries: OsvAffected[] = [];
  for (let start = 0; start <= stored.length;) {
    const [nameStart, first, second, end] = entryBounds(stored, start);
    const flags = stored.charCodeAt(start) - 0x30;
    const entry: OsvAffected = {
      package: { ecosystem, name: nameStart === first ? name : stored.slice(nameStart, first) },
    };
    if (first + 1 < second && stored.charCodeAt(first + 1) !== 0x1e) damaged();
    if ((flags & 1) !== 0)
      entry.versions = first + 1 === second ? [] : stored.slice(first + 2, second).split(RS);
    if ((flags & 2) !== 0) {
      const ranges: OsvRange[] = [];
      if (second + 1 < end) {
        if (stored.charCodeAt(second + 1) !== 0x1e) damaged();
        for (const text of stored.slice(second + 2, end).split(RS)) {
          const type = TYPE_NAMES[text.charAt(0)];
          if (type === undefined) return damaged();
          const events: OsvEvent[] = [];
          if (text.length > 1) {
            if (text.charCodeAt(1) !== 0x1c) damaged();
            for (const event of text.slice(2).split(FS)) {
              const kind = KIND_NAMES[event.charAt(0)];
              if (kind === undefined) return damaged();
              events.push({ [kind]: event.slice(1) } as OsvEvent);
            }
          }
          ranges.push({ type, events });
        }
      }
      entry.ranges = ranges;
    }
    entries.push(entry);
    start = end + 1;
  }
  return entries;
}

/**
 * Whether a version of the package, in `ecosystem` (its base name), is affected by one of the
 * entries of a compact stored value, as `isAffected` would say of each entry (one whose evaluation
 * throws counts as not affected; an ecosystem without an ordering affects nothing).
 */
export function rangesAffect(stored: string, ecosystem: string, version: string): boolean {
  let ecosystemScheme: CachedScheme | undefined;
  try {
    ecosystemScheme = schemeFor(ecosystem);
  } catch {
    ecosystemScheme = undefined;
  }
  let affected = false;
  const kinds: EventKind[] = [];
  const values: string[] = [];
  for (let start = 0; start <= stored.length;) {
    const [, first, second, end] = entryBounds(stored, start);
    if (!affected && ecosystemScheme !== undefined) {
      try {
        affected = entryAffects(stored, first, second, end, version, ecosystemScheme, kinds, values);
      } catch (error) {
        if (error instanceof DamagedRanges) throw error;
      }
    }
    start = end + 1;
  }
  return affected;
}

function entryAffects(
  stored: string,
  first: number,
  second: number,
  end: number,
  version: string,
  ecosystemScheme: CachedScheme,
  kinds: EventKind[],
  values: string[],
): boolean {
  // An exact version.
  for (let at = first + 1; at < second;) {
    if (stored.charCodeAt(at) !== 0x1e) damaged();
    const next0 = stored.indexOf(RS, at + 1);
    const next = next0 === -1 || next0 > second ? second : next0;
    if (next - at - 1 === version.length && stored.startsWith(version, at + 1)) return true;
    at = next;
  }
  // The ranges, each evaluated on its own.
  for (let at = second + 1; at < end;) {
    if (stored.charCodeAt(at) !== 0x1e) damaged();
    const next0 = stored.indexOf(RS, at + 1);
    const next = next0 === -1 || next0 > end ? end : next0;
    const type = TYPE_NAMES[stored.charAt(at + 1)];
    if (type === undefined) damaged();
    const scheme = rangeScheme(type as string, ecosystemScheme);
    if (scheme !== undefined) {
      const parsed = scheme.parse(version);
      if (parsed !== undefined && scheme.inRanges(parsed)) {
        kinds.length = 0;
        values.length = 0;
        for (let e = at + 2; e < next;) {
          if (stored.charCodeAt(e) !== 0x1c) damaged();
          const eventEnd0 = stored.indexOf(FS, e + 1);
          const eventEnd = eventEnd0 === -1 || eventEnd0 > next ? next : eventEnd0;
          const kind = KIND_NAMES[stored.charAt(e + 1)];
          if (kind === undefined) return damaged();
          kinds.push(kind);
          values.push(stored.slice(e + 2, eventEnd));
          e = eventEnd;
        }
        if (eventsInclude(scheme, parsed, kinds, values)) return true;
      }
    }
    at = next;
  }
  return false;
}
