/**
 * Package-name and ecosystem conventions used both when advisories are stored and when they are looked
 * up, so that `Flask_Login` in a requirements file finds the advisory for `flask-login`.
 */

/** An OSV ecosystem string split into its base (`Debian`) and the full string (`Debian:12`). */
export interface EcosystemParts {
  base: string;
  /** The full string as given: equal to `base` when there is no suffix. */
  full: string;
  /** The part after the first `:` (`12`, `v3.20`), or undefined. */
  suffix?: string;
}

/** Split `Debian:12` into base `Debian` and suffix `12`; a plain ecosystem has no suffix. */
export function splitEcosystem(ecosystem: string): EcosystemParts {
  const colon = ecosystem.indexOf(':');
  if (colon === -1) return { base: ecosystem, full: ecosystem };
  return { base: ecosystem.slice(0, colon), full: ecosystem, suffix: ecosystem.slice(colon + 1) };
}

/** Ecosystems whose registries treat package names case-insensitively. */
const CASE_INSENSITIVE = new Set(['Packagist', 'NuGet']);

/**
 * The form of a package name used as the lookup key for an ecosystem (the ecosystem may carry a
 * suffix such as `Debian:12`):
 * - PyPI: PEP 503, lower-case with each run of `-`, `_` and `.` turned into one `-`;
 * - Packagist and NuGet: lower-case (their registries ignore case);
 * - everything else (npm, crates.io, Go, Maven, RubyGems, distributions...): unchanged, as those
 *   names are case-sensitive or already canonical in advisories.
 */
export function normalizeName(ecosystem: string, name: string): string {
  const { base } = splitEcosystem(ecosystem);
  if (base === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (CASE_INSENSITIVE.has(base)) return name.toLowerCase();
  return name;
}
