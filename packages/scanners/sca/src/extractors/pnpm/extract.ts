/**
 * `pnpm-lock.yaml`, lockfile versions 5.x, 6 and 9 (see `schema.ts`).
 *
 * Packages are the `packages` entries (v9: with their `snapshots`), reported once per name, version
 * and commit as `name@version`. The projects (`importers`, or the top level before workspaces) give the
 * direct dependencies and their scope; edges are each entry's `dependencies` and
 * `optionalDependencies`. v5/v6 `dev` flags give the `dev` group and the scope; otherwise the scope
 * is the strongest way a package is reached from the projects.
 */
import { valid } from 'semver';
import { ExtractError, type Extraction, type Extractor, type Scope } from '../../model.js';
import { readLockYaml, readSubset, readWithLibrary, type EntrySpan, type LockYaml } from '../npm/lockyaml.js';
import {
  gitCommit,
  isPackageName,
  membersOf,
  normalizePath,
  buildIndexedPackages,
  propagateScopesIndexed,
  sortedIds,
  splitSpec,
  validateWithLines,
  type Occurrence,
} from '../npm/shared.js';
import { fromObjects, fromPairs, lockfileMajor, type PnpmDocument } from './document.js';
import { readPnpmFast } from './fastlock.js';
import {
  importerSchema,
  packageEntrySchema,
  pnpmLockSchema,
  snapshotEntrySchema,
  withEmptyMaps,
  type PackageEntry,
  type PnpmLock,
} from './schema.js';

export const extractor: Extractor = {
  id: 'pnpm',
  ecosystem: 'npm',
  files: ['pnpm-lock.yaml'],
  extract({ text }) {
    return new PnpmReader(text).read();
  },
};

/**
 * The document the fast way reads, undefined when it declines, or 'not-subset' when the text is
 * outside the YAML subset. A function of its own, so that the YAML tree is not kept while the
 * document is read.
 */
function fastDocument(text: string): PnpmDocument | 'not-subset' | undefined {
  const yaml = readSubset(text, { keyedPairs: true });
  return yaml === undefined ? 'not-subset' : fromPairs(yaml);
}

/** The general way only (the fast way declined): exported for tests, which check that both agree. */
export function readGeneral(text: string): Extraction {
  return new PnpmReader(text, true).read();
}

/** The line reader only, undefined when it declines: exported for tests, as `readGeneral`. */
export function readLinesOnly(text: string): Extraction | undefined {
  const document = readPnpmFast(text);
  return document && new PnpmReader(text, true).readDocument(document);
}

/**
 * Whether semver reads a version (`valid`), without building it for the usual `1.2.3`: three
 * numbers without leading zeros, short enough to be safe integers.
 */
function isValidVersion(version: string): boolean {
  let dots = 0;
  let digits = 0;
  let zero = false;
  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || ++dots > 2) return valid(version) !== null;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39 && !(digits === 1 && zero) && digits < 15) {
      if (digits++ === 0) zero = c === 0x30;
    } else {
      return valid(version) !== null;
    }
  }
  return (dots === 2 && digits > 0) || valid(version) !== null;
}

/** How dependency paths are written: `/name/1.0.0_peer`, `/name@1.0.0(peer)`, `name@1.0.0(peer)`. */
type Style = 'v5' | 'v6' | 'v9';

/** A project's direct dependency: the entry's index and the scope the project gives it. */
interface Root {
  index: number;
  scope: Scope;
}

class PnpmReader {
  private style: Style = 'v9';
  /** Entry ids (dependency paths) in the order first added, each one's index, and its package. */
  private readonly ids: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly occurrences: Occurrence[] = [];
  /** Dependency paths without their peer suffix → an entry's index, for references that omit peers. */
  private readonly byBasePath = new Map<string, number>();
  /** Each entry's edges: targets, and the scope each edge caps a path to. */
  private readonly edgeTargets: number[][] = [];
  private readonly edgeCaps: Scope[][] = [];
  /** Scopes the v5/v6 `dev` flags state, by entry index. */
  private readonly statedScope: (Scope | undefined)[] = [];

  constructor(
    private readonly text: string,
    private readonly generalOnly = false,
  ) {}

  read(): Extraction {
    // The usual file: keyed maps as lists, checked here; anything else the general way.
    if (!this.generalOnly) {
      const roots = this.loadFast();
      // Outside the subset either way: the YAML library reads it.
      if (roots === 'not-subset') return this.readGeneral(readWithLibrary(this.text));
      if (roots) return this.finish(roots);
    }
    return this.readGeneral(readLockYaml(this.text));
  }

  /**
   * Load the entries the fast way and return the projects' direct dependencies; undefined when it
   * declines. A function of its own, so that the document is not kept while packages are built.
   */
  private loadFast(): Root[] | 'not-subset' | undefined {
    // The line reader for the usual file; the YAML subset reader with keyed maps for the rest.
    const document = readPnpmFast(this.text) ?? fastDocument(this.text);
    if (document === 'not-subset' || document === undefined) return document;
    return this.load(document);
  }

  readDocument(document: PnpmDocument): Extraction {
    return this.finish(this.load(document));
  }

  private readGeneral(yaml: LockYaml): Extraction {
    if (yaml.data === null) return { packages: [] }; // nothing but comments
    if (typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
      throw new ExtractError('expected a mapping at the top level', 1);
    }
    const packageSpans = yaml.spans('packages');
    const raw = withEmptyMaps(yaml.data);
    const lock = validateWithLines<PnpmLock>(pnpmLockSchema, raw, 'pnpm-lock.yaml', () => {
      const sections = [
        ['importers', importerSchema],
        ['packages', packageEntrySchema],
        ['snapshots', snapshotEntrySchema],
      ] as const;
      return sections.flatMap(([section, schema]) => {
        const spans = section === 'packages' ? packageSpans : yaml.spans(section);
        return membersOf((raw as Record<string, unknown>)[section]).map(([key, value]) => ({
          schema,
          value,
          what: `${section}[${JSON.stringify(key)}]`,
          line: spans.get(key)?.line,
        }));
      });
    });
    return this.finish(this.load(fromObjects(lock, yaml)));
  }

  /** Record the document's entries and edges; the projects' direct dependencies. */
  private load(document: PnpmDocument): Root[] {
    const version = lockfileMajor(document.lockfileVersion);
    if (!(version >= 5 && version <= 9)) {
      throw new ExtractError(
        `unsupported lockfileVersion ${JSON.stringify(document.lockfileVersion)} (expected 5.x, 6.x or 9.x)`,
        document.versionLine,
      );
    }
    this.style = version < 6 ? 'v5' : version < 9 ? 'v6' : 'v9';

    // Entries first, then edges: a dependency may name an entry further down.
    const { packageKeys } = document;
    if (this.style === 'v9') {
      for (const key of document.snapshotKeys) {
        const base = this.stripPeers(key);
        this.addEntry(
          key,
          document.packageAt(base) ?? document.packageAt(key) ?? {},
          document.spanAt(base) ?? document.spanAt(key),
        );
      }
      packageKeys.forEach((key, i) => {
        if (!this.byBasePath.has(key)) this.addEntry(key, document.packageInfo(i), document.spanAt(key));
      });
    } else {
      packageKeys.forEach((key, i) => this.addEntry(key, document.packageInfo(i), document.spanAt(key)));
    }
    const section = this.style === 'v9' ? 'snapshots' : 'packages';
    (section === 'snapshots' ? document.snapshotKeys : packageKeys).forEach((key, i) => {
      const index = this.indexOf.get(key);
      if (index !== undefined) this.addEdges(index, document, section, i);
    });

    const roots: Root[] = [];
    for (const importer of document.importers) {
      for (const [field, scope] of [
        ['dependencies', 'prod'],
        ['optionalDependencies', 'optional'],
        ['devDependencies', 'dev'],
      ] as const) {
        const { names, values } = importer[field];
        for (let i = 0; i < names.length; i++) {
          const index = this.resolve(names[i] as string, values[i] as string);
          if (index !== undefined) roots.push({ index, scope });
        }
      }
    }

    return roots;
  }

  private finish(roots: Root[]): Extraction {
    const { ids, occurrences, statedScope } = this;
    const reached = propagateScopesIndexed(ids.length, roots, this.edgeTargets, this.edgeCaps);
    for (let i = 0; i < occurrences.length; i++) {
      const scope = statedScope[i] ?? reached[i];
      if (scope !== undefined) (occurrences[i] as Occurrence).scope = scope;
    }
    const { packages, reportedIds } = buildIndexedPackages(ids, occurrences, this.edgeTargets, (_, o) =>
      o.commit === undefined ? `${o.name}@${o.version}` : `${o.name}@${o.version}#${o.commit}`,
    );
    return { packages, roots: sortedIds(roots.map((r) => reportedIds[r.index] as string)) };
  }

  /** Record one entry as a package, unless it is not one (a nameless local folder, a non-version). */
  private addEntry(key: string, info: PackageEntry, span: EntrySpan | undefined): void {
    let name = info.name;
    let version = info.version;
    if (name === undefined && /^(?:file|link):/.test(key)) return; // a local folder without a name
    if (name === undefined || version === undefined) {
      const parsed = this.parsePath(key, span);
      name ??= parsed.name;
      version ??= parsed.version;
    }
    if (!isPackageName(name) || !isValidVersion(version)) return;
    const occurrence: Occurrence = { name, version, depGroups: info.dev === 'true' ? ['dev'] : [] };
    const resolution = info.resolution;
    const commit = resolution && (resolution.commit ?? gitCommit(resolution.tarball ?? ''));
    if (commit !== undefined) occurrence.commit = commit;
    if (span) {
      occurrence.start = span.start;
      occurrence.end = span.end;
    }
    // An entry added again (a key both ways) keeps its place and the scope it stated, as a map would.
    let index = this.indexOf.get(key);
    if (index === undefined) {
      index = this.ids.length;
      this.ids.push(key);
      this.indexOf.set(key, index);
    }
    this.occurrences[index] = occurrence;
    if (info.dev === 'true') this.statedScope[index] = 'dev';
    else if (info.dev === 'false') this.statedScope[index] = info.optional === 'true' ? 'optional' : 'prod';
    const base = this.stripPeers(key);
    if (!this.byBasePath.has(base)) this.byBasePath.set(base, index);
  }

  private addEdges(
    index: number,
    document: PnpmDocument,
    section: 'packages' | 'snapshots',
    entry: number,
  ): void {
    const targets: number[] = [];
    const caps: Scope[] = [];
    document.dependencies(section, entry, (name, value, optional) => {
      const to = this.resolve(name, value);
      if (to === undefined) return;
      targets.push(to);
      caps.push(optional ? 'optional' : 'prod');
    });
    this.edgeTargets[index] = targets;
    this.edgeCaps[index] = caps;
  }

  /** The entry a dependency `name: value` refers to (its index), or undefined (a workspace link, not locked). */
  private resolve(name: string, value: string): number | undefined {
    if (value.startsWith('link:')) return undefined;
    const found = this.lookup(name, value);
    if (found !== undefined || !value.startsWith('file:')) return found;
    // A project may write `file:./dir` where the entry's path has the normalized `file:dir`.
    return this.lookup(name, `file:${normalizePath(value.slice(5))}`);
  }

  private lookup(name: string, value: string): number | undefined {
    const base = this.stripPeers(value);
    let path: string;
    if (this.style === 'v5') {
      path = value.includes('/') || value.startsWith('file:') ? value : `/${name}/${value}`;
    } else if (this.style === 'v6') {
      path = base.includes('/') || value.startsWith('file:') ? value : `/${name}@${value}`;
    } else {
      const alias = splitSpec(base);
      path = alias && isPackageName(alias.name) ? value : `${name}@${value}`;
    }
    return this.indexOf.get(path) ?? this.byBasePath.get(this.stripPeers(path));
  }

  /** Name and version from a dependency path; a path that is not one is an error. */
  private parsePath(key: string, span: EntrySpan | undefined): { name: string; version: string } {
    const invalid = (): never => {
      throw new ExtractError(`invalid package path ${JSON.stringify(key)}`, span?.line);
    };
    if (this.style === 'v5') {
      if (!key.includes('/')) invalid();
      // `/name/1.0.0` from the default registry, `host/name/1.0.0` from another one
      const rest = key.slice(key.indexOf('/') + 1);
      const segments = rest.split('/');
      const scoped = segments[0]?.startsWith('@') === true;
      const name = scoped ? `${segments[0]}/${segments[1] ?? ''}` : (segments[0] as string);
      const version = segments[scoped ? 2 : 1];
      if (version === undefined) return invalid();
      return { name, version: version.split('_')[0] as string };
    }
    let rest = this.stripPeers(key);
    if (this.style === 'v6') {
      if (rest.startsWith('/')) {
        rest = rest.slice(1);
      } else {
        const at = rest.indexOf('@', 1);
        const slash = rest.indexOf('/');
        if (slash !== -1 && !rest.startsWith('@') && (at === -1 || slash < at)) rest = rest.slice(slash + 1);
      }
    }
    const spec = splitSpec(rest);
    if (!spec) return invalid();
    return { name: spec.name, version: spec.rest };
  }

  /** A dependency path without its peer suffix: `_peer@1.0.0` (v5) or `(peer@1.0.0)…` (v6+). */
  private stripPeers(path: string): string {
    if (this.style !== 'v5') {
      const paren = path.indexOf('(');
      return paren === -1 ? path : path.slice(0, paren);
    }
    // v5 joins peers to the version with `_`, which no version contains.
    const underscore = path.indexOf('_', path.lastIndexOf('/') + 1);
    return underscore === -1 ? path : path.slice(0, underscore);
  }
}
