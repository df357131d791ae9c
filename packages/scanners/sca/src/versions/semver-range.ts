/**
 * The ordering of OSV `SEMVER` ranges: SemVer 2.0.0 precedence whatever the package's ecosystem
 * (https://ossf.github.io/osv-schema/#affectedrangestype-field).
 *
 * Parsing is tolerant so that installed versions from lockfiles still match: a leading `v`,
 * surrounding whitespace, leading zeros and the short forms `1` / `1.2` (read as `1.0.0` / `1.2.0`)
 * are accepted. `isValid` is strict SemVer 2.0.0.
 */
import type { VersionScheme } from './scheme.js';
import { compareSemVer, parseSemVer, type SemVerParts } from './semver-core.js';

export const semverRangeScheme: VersionScheme<SemVerParts> = {
  name: 'SEMVER',
  parse: (v) => parseSemVer(v, { allowV: true, allowShort: true, allowLeadingZeros: true, trim: true }),
  compare: compareSemVer,
  isValid: (v) => parseSemVer(v) !== undefined,
};
