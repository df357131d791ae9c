/**
 * The dependency model every extractor produces. One extractor per lockfile format; each returns the
 * packages it found and, where the lockfile records them, the edges between packages and which
 * packages are direct. `graph.ts` turns that into direct/transitive status, scope and paths.
 */

/** OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field). */
export const ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
  'Maven',
  'NuGet',
  'Pub',
  'Hex',
  'ConanCenter',
  'CRAN',
  'Alpine',
  'Debian',
] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export type Scope = 'prod' | 'dev' | 'optional' | 'peer';

export interface LockPackage {
  /**
   * Unique within one lockfile; what `dependencies` and `Extraction.roots` refer to. Usually
   * `name@version`; npm v2+ lockfiles use the install path (`node_modules/a/node_modules/b`).
   */
  id: string;
  name: string;
  /** The exact installed version; '' when the file does not pin one (e.g. `flask>=2` in requirements.txt). */
  version: string;
  ecosystem: Ecosystem;
  /**
   * OSV ecosystem with its release suffix where the format knows it (`Debian:12`, `Alpine:v3.20`);
   * omitted when it is the plain ecosystem.
   */
  ecosystemVariant?: string;
  /**
   * Groups the lockfile assigns, lower-case, sorted: `dev`, `optional`, `test`, `build-requires`, a
   * Poetry/PDM group name, or for requirements files the file's stem. [] for the main group.
   */
  depGroups: string[];
  /** Ids of the packages this one depends on, where the lockfile records edges. */
  dependencies?: string[];
  /** Set when the lockfile itself says whether the package is a direct dependency. */
  direct?: boolean;
  /** Set when the lockfile itself says the scope; otherwise derived from depGroups and the graph. */
  scope?: Scope;
  /** Git or VCS commit the package was resolved to, for VCS dependencies. */
  commit?: string;
  /**
   * A project of the repository itself (a workspace member the lockfile lists), not a third-party
   * package: part of the inventory and the SBOM, never matched against advisories.
   */
  firstParty?: boolean;
  /** SPDX license expression(s) when the lockfile records them. */
  licenses?: string[];
  /** UTF-16 offsets into the lockfile text of the entry that declares the package (for the finding's line). */
  start?: number;
  end?: number;
}

export interface Extraction {
  packages: LockPackage[];
  /** Ids of the direct dependencies, when the lockfile records them (with the project's own edges). */
  roots?: string[];
}

/** What an extractor is given. */
export interface ExtractInput {
  /** Repository-relative POSIX path of the lockfile. */
  path: string;
  text: string;
  /**
   * Read another file relative to this one (`-r other.txt`, a sibling `go.sum`); undefined when it
   * does not exist. Paths leaving the scan root are refused.
   */
  readRelative?: (relativePath: string) => Promise<string | undefined>;
}

export interface Extractor {
  /** Short id, also the fixture folder name: `npm`, `yarn`, `pip`. */
  id: string;
  ecosystem: Ecosystem;
  /**
   * File names this extractor handles, as basename globs (`package-lock.json`, `requirements*.txt`),
   * or repository-relative globs when they contain a `/` (`lib/apk/db/installed`).
   */
  files: readonly string[];
  extract(input: ExtractInput): Extraction | Promise<Extraction>;
}

/**
 * A file that cannot be read as the format it claims to be. The message names what is wrong; `line`
 * (1-based) points at it where known. The scan reports it against the file and goes on.
 */
export class ExtractError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}

/** 1-based line of a UTF-16 offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Offset of the first occurrence of `needle` at or after `from`, or undefined. */
export function offsetOf(text: string, needle: string, from = 0): number | undefined {
  const i = text.indexOf(needle, from);
  return i === -1 ? undefined : i;
}

/** Parse JSON, turning a syntax error into an ExtractError with the line. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : undefined;
    throw new ExtractError(`invalid JSON in ${what}: ${message.replace(/^.*?: /, '')}`, line);
  }
}

/**
 * One package as a scan reports it: an extracted package after graph analysis, with the file it came
 * from. What matching, the SBOM writers and the SBOM reader exchange.
 */
export interface Component {
  /** Unique within one inventory and stable across runs: `<source>#<LockPackage.id>`. */
  ref: string;
  name: string;
  version: string;
  ecosystem: Ecosystem;
  ecosystemVariant?: string;
  /** Package URL (https://github.com/package-url/purl-spec). */
  purl: string;
  /** Direct dependency of the project that declares it. */
  direct: boolean;
  scope: Scope;
  depGroups: string[];
  /** Dependency paths from a direct dependency to this one, as `name@version` steps (at most a few). */
  paths: string[][];
  /** Refs of the components this one depends on. */
  dependsOn: string[];
  /** Repository-relative path of the lockfile, manifest or SBOM it came from. */
  source: string;
  /** Offsets of the declaring entry in `source`'s text. */
  start?: number;
  end?: number;
  licenses?: string[];
  commit?: string;
  /** See `LockPackage.firstParty`. */
  firstParty?: boolean;
}

export interface Inventory {
  components: Component[];
}
