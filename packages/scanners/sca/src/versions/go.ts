/**
 * Go module versions (https://go.dev/ref/mod#versions): SemVer with a `v` prefix. Pseudo-versions
 * (`v0.0.0-20191109021931-daa7c04131f5`, `v1.2.4-0.20191109021931-daa7c04131f5`) are SemVer
 * pre-releases built to sort correctly by precedence, and `+incompatible` is build metadata, which
 * precedence ignores. As in golang.org/x/mod/semver, `v1` and `v1.2` are shorthands for `v1.0.0` and
 * `v1.2.0` (without pre-release or build).
 *
 * The `v` is optional here because OSV's Go records (the Go vulnerability database) write range
 * events without it.
 */
import type { VersionScheme } from './scheme.js';
import { compareSemVer, parseSemVer, type SemVerParts } from './semver-core.js';

export const goScheme: VersionScheme<SemVerParts> = {
  name: 'Go',
  parse: (v) => parseSemVer(v, { allowV: true, allowShort: true, shortOnlyBare: true, trim: true }),
  compare: compareSemVer,
};
