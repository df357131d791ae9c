/**
 * Whether a version falls in an OSV `affected` entry, following the evaluation algorithm of the OSV
 * schema (https://ossf.github.io/osv-schema/#evaluation):
 *
 * - an exact match in `versions` is affected;
 * - each range is evaluated on its own and the results are OR'ed: `SEMVER` ranges compare by SemVer
 *   precedence whatever the ecosystem, `ECOSYSTEM` ranges by the ecosystem's order, and `GIT`
 *   ranges (commit hashes) never match a version;
 * - a range's events are sorted by version (`introduced: "0"` first, events at the same version
 *   keeping their order in the record) and replayed: at or past an `introduced` the version is
 *   affected, at or past a `fixed` it is not, strictly past a `last_affected` it is not;
 * - when a range has `limit` events, the version must be below one of them (`*` is infinity).
 *
 * An event whose version the ordering cannot read is skipped (the range is evaluated without it),
 * and a range whose ordering cannot read the installed version does not match.
 *
 * Parsed, sorted events are cached per range object (a `WeakMap`), so matching many packages against
 * the same loaded advisories parses each event once.
 */
import type { OsvAffected, OsvRange } from '../osv.js';
import { sortVersions } from './compare.js';
import { schemeFor, SEMVER } from './registry.js';
import type { CachedScheme } from './scheme.js';

/** `introduced: "0"`: before every version. */
const ZERO = Symbol('zero');
/** `limit: "*"`: after every version. */
const INFINITY = Symbol('infinity');

type Kind = 'introduced' | 'fixed' | 'last_affected';

/** The kind of an OSV range event. */
export type EventKind = Kind | 'limit';

interface PreparedEvent {
  kind: Kind;
  at: unknown;
}

interface PreparedRange {
  scheme: CachedScheme;
  events: PreparedEvent[];
  limits: unknown[];
}

const preparedRanges = new WeakMap<OsvRange, PreparedRange>();

function eventValue(e: unknown, key: string): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const v = (e as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

function compareAt(scheme: CachedScheme, a: unknown, b: unknown): number {
  if (a === ZERO || b === ZERO) return a === b ? 0 : a === ZERO ? -1 : 1;
  return scheme.compare(a, b);
}

function prepare(range: OsvRange, scheme: CachedScheme): PreparedRange {
  const hit = preparedRanges.get(range);
  if (hit && hit.scheme === scheme) return hit;
  // Each event's kind: the first of its members that is a string, in this order.
  const kinds: EventKind[] = [];
  const values: string[] = [];
  for (const e of Array.isArray(range.events) ? range.events : []) {
    for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
      const value = eventValue(e, kind);
      if (value === undefined) continue;
      kinds.push(kind);
      values.push(value);
      break;
    }
  }
  const prepared = prepareEvents(scheme, kinds, values);
  preparedRanges.set(range, prepared);
  return prepared;
}

/** A range's events (parallel lists of kinds and versions) parsed and sorted. */
function prepareEvents(
  scheme: CachedScheme,
  kinds: readonly EventKind[],
  values: readonly string[],
): PreparedRange {
  const events: PreparedEvent[] = [];
  const limits: unknown[] = [];
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i] as EventKind;
    const value = values[i] as string;
    if (kind === 'limit') {
      const at = value.includes('*') ? INFINITY : scheme.parse(value);
      if (at !== undefined) limits.push(at);
    } else {
      const at = kind === 'introduced' && value === '0' ? ZERO : scheme.parse(value);
      if (at !== undefined) events.push({ kind, at });
    }
  }
  // Array.prototype.sort is stable: events at the same version keep the record's order.
  events.sort((x, y) => compareAt(scheme, x.at, y.at));
  return { scheme, events, limits };
}

/** The entry's ranges that are objects (records are validated on import; this guards the rest). */
function rangesOf(affected: OsvAffected): OsvRange[] {
  if (typeof affected !== 'object' || affected === null) return [];
  const ranges: unknown = affected.ranges;
  if (!Array.isArray(ranges)) return [];
  return ranges.filter((r): r is OsvRange => typeof r === 'object' && r !== null);
}

function schemeOfRange(range: OsvRange, ecosystemScheme: CachedScheme): CachedScheme | undefined {
  return rangeScheme(range.type, ecosystemScheme);
}

function rangeIncludes(range: OsvRange, scheme: CachedScheme, version: unknown): boolean {
  return preparedIncludes(prepare(range, scheme), version);
}

function preparedIncludes({ scheme, events, limits }: PreparedRange, version: unknown): boolean {
  if (limits.length > 0 && !limits.some((l) => l === INFINITY || scheme.compare(version, l) < 0)) {
    return false;
  }
  let affected = false;
  for (const e of events) {
    const c = compareAt(scheme, version, e.at);
    // Later events are at or above this one: none of them can change the outcome.
    if (c < 0) break;
    if (e.kind === 'introduced') affected = true;
    else if (e.kind === 'fixed') affected = false;
    else if (c > 0) affected = false;
  }
  return affected;
}

/**
 * The ordering a range of this type is evaluated with (`SEMVER`, or the ecosystem's for
 * `ECOSYSTEM`), undefined for a type that never matches a version (`GIT`).
 */
export function rangeScheme(type: string, ecosystemScheme: CachedScheme): CachedScheme | undefined {
  if (type === 'SEMVER') return SEMVER;
  if (type === 'ECOSYSTEM') return ecosystemScheme;
  return undefined; // GIT, or a type this version of the schema does not know
}

/**
 * Whether a version (parsed by `scheme`, and in its ranges) falls in a range given as its events'
 * kinds and versions, in the record's order: what `isAffected` decides for one range.
 */
export function eventsInclude(
  scheme: CachedScheme,
  version: unknown,
  kinds: readonly EventKind[],
  values: readonly string[],
): boolean {
  return preparedIncludes(prepareEvents(scheme, kinds, values), version);
}

function includes(version: string, affected: OsvAffected, ecosystemScheme: CachedScheme): boolean {
  if (typeof affected !== 'object' || affected === null) return false;
  if (Array.isArray(affected.versions) && affected.versions.includes(version)) return true;
  for (const range of rangesOf(affected)) {
    const scheme = schemeOfRange(range, ecosystemScheme);
    if (!scheme) continue;
    const parsed = scheme.parse(version);
    if (parsed === undefined || !scheme.inRanges(parsed)) continue;
    if (rangeIncludes(range, scheme, parsed)) return true;
  }
  return false;
}

/**
 * Whether `version` of a package in `ecosystem` is affected by one OSV `affected` entry (the caller
 * has matched the entry's package). Throws `UnknownEcosystemError` for an ecosystem with no
 * ordering.
 */
export function isAffected(ecosystem: string, version: string, affected: OsvAffected): boolean {
  return includes(version, affected, schemeFor(ecosystem));
}

/** Every `fixed` version named by the entries' SEMVER and ECOSYSTEM ranges, deduplicated, ascending. */
export function fixedVersions(ecosystem: string, affected: readonly OsvAffected[]): string[] {
  const fixed = new Set<string>();
  for (const a of affected) {
    for (const range of rangesOf(a)) {
      if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
      for (const e of Array.isArray(range.events) ? range.events : []) {
        const v = eventValue(e, 'fixed');
        if (v !== undefined) fixed.add(v);
      }
    }
  }
  return sortVersions(ecosystem, [...fixed]);
}

/**
 * The smallest `fixed` version above `version` that none of the entries affects: the nearest
 * upgrade that leaves the affected ranges. Undefined when `version` is not affected, or when no
 * fixed version is clear of every range (no fix yet, or only `last_affected` bounds).
 */
export function nearestFixed(
  ecosystem: string,
  version: string,
  affected: readonly OsvAffected[],
): string | undefined {
  const ecosystemScheme = schemeFor(ecosystem);
  if (!affected.some((a) => includes(version, a, ecosystemScheme))) return undefined;
  const candidates = new Set<string>();
  for (const a of affected) {
    for (const range of rangesOf(a)) {
      const scheme = schemeOfRange(range, ecosystemScheme);
      if (!scheme) continue;
      const installed = scheme.parse(version);
      if (installed === undefined) continue;
      for (const e of Array.isArray(range.events) ? range.events : []) {
        const v = eventValue(e, 'fixed');
        if (v === undefined || candidates.has(v)) continue;
        const at = scheme.parse(v);
        if (at !== undefined && scheme.compare(at, installed) > 0) candidates.add(v);
      }
    }
  }
  for (const candidate of sortVersions(ecosystem, [...candidates])) {
    if (!affected.some((a) => includes(candidate, a, ecosystemScheme))) return candidate;
  }
  return undefined;
}
