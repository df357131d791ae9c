/**
 * Pub (Dart/Flutter) versions, ordered as the `pub_semver` package orders them. It follows SemVer
 * precedence with two differences:
 *
 * - build metadata is not ignored: a version with build metadata sorts after the same version
 *   without it, and two builds compare identifier by identifier (`1.0.0 < 1.0.0+1 < 1.0.0+2`);
 * - leading zeros in numbers are accepted (`01.2.3` is `1.2.3`).
 */
import type { VersionScheme } from './scheme.js';
import { compareIdentifiers, compareSemVer, parseSemVer, type SemVerParts } from './semver-core.js';

export function comparePub(a: SemVerParts, b: SemVerParts): number {
  const c = compareSemVer(a, b);
  if (c !== 0) return c;
  if (a.build.length === 0 || b.build.length === 0) {
    return a.build.length === b.build.length ? 0 : a.build.length === 0 ? -1 : 1;
  }
  return compareIdentifiers(a.build, b.build);
}

export const pubScheme: VersionScheme<SemVerParts> = {
  name: 'Pub',
  parse: (v) => parseSemVer(v, { allowLeadingZeros: true, trim: true }),
  compare: comparePub,
};
