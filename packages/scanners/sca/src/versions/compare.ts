/**
 * Version comparison, validation and sorting by ecosystem.
 */
import { schemeFor } from './registry.js';
import { compareStrings, InvalidVersionError, UnknownEcosystemError } from './scheme.js';

/** Whether the ecosystem (an OSV name, with or without a `:release` suffix) has a version ordering. */
export function hasVersionOrdering(ecosystem: string): boolean {
  try {
    schemeFor(ecosystem);
    return true;
  } catch (err) {
    if (err instanceof UnknownEcosystemError) return false;
    throw err;
  }
}

/**
 * Compares two versions in an ecosystem's order: negative when `a` sorts first, 0 when they are
 * equal in that order (`1.0` and `1.0.0` in Maven), positive otherwise. Throws
 * `UnknownEcosystemError` for an ecosystem with no ordering and `InvalidVersionError` when a version
 * cannot be placed in it.
 */
export function compareVersions(ecosystem: string, a: string, b: string): number {
  const scheme = schemeFor(ecosystem);
  const pa = scheme.parse(a);
  if (pa === undefined) throw new InvalidVersionError(scheme.name, a);
  if (a === b) return 0;
  const pb = scheme.parse(b);
  if (pb === undefined) throw new InvalidVersionError(scheme.name, b);
  const c = scheme.compare(pa, pb);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/**
 * Whether `v` is a well-formed version of the ecosystem, by its spec. Some orderings place strings
 * that are not valid (a PyPI legacy version, a Debian version not starting with a digit):
 * `compareVersions` accepts those, this returns false for them.
 */
export function isValidVersion(ecosystem: string, v: string): boolean {
  return schemeFor(ecosystem).isValid(v);
}

/** Whether `compareVersions` can place `v` in the ecosystem's order. */
export function isOrderable(ecosystem: string, v: string): boolean {
  return schemeFor(ecosystem).parse(v) !== undefined;
}

/**
 * Returns a new array with the versions in ascending order. Versions that compare equal keep a
 * deterministic order (by their text). Strings the ecosystem cannot order come first, by text.
 */
export function sortVersions(ecosystem: string, versions: readonly string[]): string[] {
  const scheme = schemeFor(ecosystem);
  const parsed = versions.map((v) => ({ v, p: scheme.parse(v) }));
  parsed.sort((x, y) => {
    if (x.p === undefined || y.p === undefined) {
      if (x.p !== undefined) return 1;
      if (y.p !== undefined) return -1;
      return compareStrings(x.v, y.v);
    }
    return scheme.compare(x.p, y.p) || compareStrings(x.v, y.v);
  });
  return parsed.map((x) => x.v);
}
