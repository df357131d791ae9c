/**
 * crates.io versions: SemVer 2.0.0 as Cargo's `semver` crate parses it (no `v` prefix, no leading
 * zeros). Ordered by SemVer precedence, so build metadata does not change the order.
 */
import type { VersionScheme } from './scheme.js';
import { compareSemVer, parseSemVer, type SemVerParts } from './semver-core.js';

export const cratesScheme: VersionScheme<SemVerParts> = {
  name: 'crates.io',
  parse: (v) => parseSemVer(v, { trim: true }),
  compare: compareSemVer,
};
