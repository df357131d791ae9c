/**
 * Package URLs read from SBOMs and VEX documents: which of our ecosystems a purl names, the package
 * name in that ecosystem's own spelling, and a key for comparing purls without their qualifiers.
 */
import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from '../model.js';

const ECOSYSTEM_OF_TYPE: Readonly<Record<string, Ecosystem>> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  composer: 'Packagist',
  maven: 'Maven',
  nuget: 'NuGet',
  pub: 'Pub',
  hex: 'Hex',
  conan: 'ConanCenter',
  cran: 'CRAN',
  apk: 'Alpine',
  deb: 'Debian',
};

export interface PurlPackage {
  ecosystem: Ecosystem;
  /** `Debian:12`, `Alpine:v3.20` from the `distro` qualifier, when it names a release. */
  ecosystemVariant?: string;
  /** The name as the ecosystem writes it: `@scope/name`, `group:artifact`, `vendor/name`, a module path. */
  name: string;
  /** '' when the purl has none; Go versions without their `v` (as OSV and our extractors write them). */
  version: string;
}

export type PurlReading = { ok: true; pkg: PurlPackage } | { ok: false; reason: string };

function parsePurl(purl: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(purl.trim());
  } catch {
    return undefined;
  }
}

const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
};

function debianRelease(distro: string): string | undefined {
  const lower = distro.toLowerCase();
  const codename = DEBIAN_CODENAMES[lower.replace(/^debian-/, '')];
  if (codename) return codename;
  return /^(?:debian-)?(\d+)(?:\.\d+)*$/.exec(lower)?.[1];
}

function alpineRelease(distro: string): string | undefined {
  const match = /^(?:alpine-)?v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(distro.toLowerCase());
  return match ? `v${match[1]}.${match[2]}` : undefined;
}

/** Go module versions carry a `v` in purls (`v1.2.3`); OSV and our Go extractors write `1.2.3`. */
export function goVersion(version: string): string {
  return /^v\d/.test(version) ? version.slice(1) : version;
}

/** Our ecosystem, name and version for a purl, or why it cannot be scanned. */
export function packageFromPurl(purl: string): PurlReading {
  const parsed = parsePurl(purl);
  if (!parsed) return { ok: false, reason: `invalid purl ${JSON.stringify(purl)}` };
  const ecosystem = ECOSYSTEM_OF_TYPE[parsed.type];
  if (!ecosystem) return { ok: false, reason: `purl type "${parsed.type}" is not scanned` };
  const ns = parsed.namespace;
  const distro = parsed.qualifiers?.distro;
  let name = parsed.name;
  let ecosystemVariant: string | undefined;
  switch (ecosystem) {
    case 'npm':
    case 'Go':
    case 'Packagist':
      if (ns) name = `${ns}/${parsed.name}`;
      break;
    case 'Maven':
      if (!ns) return { ok: false, reason: 'Maven purl without a groupId namespace' };
      name = `${ns}:${parsed.name}`;
      break;
    case 'Debian': {
      if (ns?.toLowerCase() !== 'debian')
        return { ok: false, reason: `deb packages of "${ns ?? ''}" are not scanned` };
      const release = distro === undefined ? undefined : debianRelease(distro);
      if (release) ecosystemVariant = `Debian:${release}`;
      break;
    }
    case 'Alpine': {
      if (ns !== undefined && ns.toLowerCase() !== 'alpine')
        return { ok: false, reason: `apk packages of "${ns}" are not scanned` };
      const release = distro === undefined ? undefined : alpineRelease(distro);
      if (release) ecosystemVariant = `Alpine:${release}`;
      break;
    }
    default:
      break;
  }
  const version = parsed.version ?? '';
  const pkg: PurlPackage = { ecosystem, name, version: ecosystem === 'Go' ? goVersion(version) : version };
  if (ecosystemVariant) pkg.ecosystemVariant = ecosystemVariant;
  return { ok: true, pkg };
}

function pypiNormal(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Whether a name an SBOM declares is the purl's name in another spelling (case, or PEP 503 for
 * PyPI): then the declared one is kept, as purls lower-case npm and PyPI names.
 */
export function sameName(ecosystem: Ecosystem, declared: string, fromPurl: string): boolean {
  if (ecosystem === 'PyPI') return pypiNormal(declared) === pypiNormal(fromPurl);
  return declared.toLowerCase() === fromPurl.toLowerCase();
}

/**
 * A purl without its qualifiers, normalised (`%40` decoded, case per type, Go's `v` dropped), for
 * matching VEX products against components. Undefined for a string that is not a purl.
 */
export function purlKey(purl: string): { base: string; version: string } | undefined {
  const parsed = parsePurl(purl);
  if (!parsed) return undefined;
  const name = parsed.type === 'pypi' ? pypiNormal(parsed.name) : parsed.name;
  const base = [parsed.type, parsed.namespace ?? '', name, parsed.subpath ?? ''].join('\u0000');
  const version = parsed.version ?? '';
  return { base, version: parsed.type === 'golang' ? goVersion(version) : version };
}
