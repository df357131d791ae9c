/**
 * npm `package-lock.json` and `npm-shrinkwrap.json`, lockfileVersion 1, 2 and 3.
 *
 * Packages are the entries installed under a `node_modules` folder, plus `file:` packages a link points
 * outside node_modules; workspace projects (paths the project's `workspaces` globs match) are projects,
 * not packages, and their dependencies are direct like the root project's. A package is reported once
 * per name, version and commit, under one of its install paths (one that puts it in production if
 * any does, else the first). `dev`, `optional`, `devOptional` and `peer` flags give its groups and
 * scope. Edges follow Node's resolution: a dependency of `a/node_modules/b` is the nearest
 * `node_modules/<name>` up from there.
 */
import { basename } from 'node:path/posix';
import { ExtractError, lineAt, type Extraction, type Extractor, type Scope } from '../../model.js';
import { readPackageLockFast, type LockEntry } from './fastlock.js';
import { lineOfKey, parseJsonWithSpans, type ParsedJson } from './json.js';
import {
  npmLockSchema,
  npmV1Schema,
  packageEntrySchema,
  v1EntrySchema,
  type DependencyMap,
  type NpmLock,
  type PackageEntry,
  type V1Entry,
} from './schema.js';
import {
  gitCommit,
  isPackageName,
  buildIndexedPackages,
  membersOf,
  normalizePath,
  PackageTable,
  sortedIds,
  splitSpec,
  validateWithLines,
  type Occurrence,
} from './shared.js';
import { workspaceMatcher } from './workspaces.js';

export const extractor: Extractor = {
  id: 'npm',
  ecosystem: 'npm',
  files: ['package-lock.json', 'npm-shrinkwrap.json'],
  extract({ path, text }) {
    // The common case (v2/v3, plainly valid) without building the document; anything else in full.
    const entries = readPackageLockFast(text);
    if (entries !== undefined) return new PackagesReader(text, entries).read();
    return readGeneral(path, text);
  },
};

/**
 * The general reader: the whole document with the spans of its objects, checked against the schema,
 * for every lockfile version; errors name the line. `extract` uses it when the fast reader declines.
 * Exported for tests, which check that the two agree.
 */
export function readGeneral(path: string, text: string): Extraction {
  const what = basename(path) || 'package-lock.json';
  const parsed = parseJsonWithSpans(text, what);
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    throw new ExtractError('expected a JSON object at the top level', 1);
  }
  const spanLine = (value: unknown): number | undefined => {
    const span = value !== null && typeof value === 'object' ? parsed.spanOf(value) : undefined;
    return span ? lineAt(text, span.start) : undefined;
  };
  const lock = validateWithLines<NpmLock>(npmLockSchema, parsed.value, what, () =>
    membersOf((parsed.value as { packages?: unknown }).packages).map(([key, value]) => ({
      schema: packageEntrySchema,
      value,
      what: `packages[${JSON.stringify(key)}]`,
      line: spanLine(value),
    })),
  );
  const version = lock.lockfileVersion ?? (lock.packages ? 2 : 1);
  if (version < 1 || version > 3) {
    throw new ExtractError(
      `unsupported lockfileVersion ${version} (expected 1, 2 or 3)`,
      lineOfKey(text, 'lockfileVersion'),
    );
  }
  if (lock.packages) return new PackagesReader(text, lockEntries(parsed, lock.packages)).read();
  const v1 = validateWithLines<{ dependencies?: Record<string, V1Entry> }>(
    npmV1Schema,
    parsed.value,
    what,
    () =>
      membersOf(lock.dependencies).map(([key, value]) => ({
        schema: v1EntrySchema,
        value,
        what: `dependencies[${JSON.stringify(key)}]`,
        line: spanLine(value),
      })),
  );
  return readV1(text, parsed, v1.dependencies ?? {});
}

const NODE_MODULES = 'node_modules/';

const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** The groups osv-scanner reports for npm's flags, and the scope they mean. */
function classify(flags: { dev?: boolean; optional?: boolean; devOptional?: boolean; peer?: boolean }): {
  depGroups: string[];
  scope: Scope;
} {
  if (flags.dev === true)
    return { depGroups: flags.optional === true ? ['dev', 'optional'] : ['dev'], scope: 'dev' };
  // devOptional: needed by dev dependencies and by optional dependencies of the project, so it stays
  // installed without dev dependencies, as an optional one.
  if (flags.devOptional === true) return { depGroups: ['dev', 'optional'], scope: 'optional' };
  if (flags.optional === true) return { depGroups: ['optional'], scope: 'optional' };
  if (flags.peer === true) return { depGroups: [], scope: 'peer' };
  return { depGroups: [], scope: 'prod' };
}

/**
 * The install path Node would load `name` from when required from `from`: `<dir>/node_modules/<name>`
 * for `from` and each folder above it, nearest first.
 */
function resolveInstallPath(
  from: string,
  name: string,
  exists: (path: string) => boolean,
): string | undefined {
  let dir = from;
  for (;;) {
    if (dir !== 'node_modules' && !dir.endsWith('/node_modules')) {
      const candidate = dir === '' ? NODE_MODULES + name : `${dir}/${NODE_MODULES}${name}`;
      if (exists(candidate)) return candidate;
    }
    if (dir === '') return undefined;
    const slash = dir.lastIndexOf('/');
    dir = slash === -1 ? '' : dir.slice(0, slash);
  }
}

/** The name a path installs: what follows its last `node_modules/`, or undefined outside node_modules. */
function installName(path: string): string | undefined {
  const at = path.lastIndexOf(NODE_MODULES);
  if (at === -1 || (at > 0 && path[at - 1] !== '/')) return undefined;
  return path.slice(at + NODE_MODULES.length);
}

/** The `packages` entries of a document the general reader read, as the fast reader gives them. */
function lockEntries(parsed: ParsedJson, packages: Record<string, PackageEntry>): LockEntry[] {
  return Object.entries(packages).map(([path, entry]) => {
    const out: LockEntry = { path, dependencies: [], devDependencies: [] };
    const span = parsed.spanOf(entry);
    if (span) {
      out.start = span.start;
      out.end = span.end;
    }
    if (entry.name !== undefined) out.name = entry.name;
    if (entry.version !== undefined) out.version = entry.version;
    if (entry.resolved !== undefined) out.resolved = entry.resolved;
    for (const flag of ['link', 'dev', 'optional', 'devOptional', 'peer'] as const)
      if (entry[flag] !== undefined) out[flag] = entry[flag];
    if (typeof entry.license === 'string') out.license = entry.license;
    for (const field of DEPENDENCY_FIELDS) out.dependencies.push(...Object.keys(entry[field] ?? {}));
    out.devDependencies.push(...Object.keys(entry.devDependencies ?? {}));
    if (entry.workspaces !== undefined) out.workspaces = workspacePatterns(entry);
    return out;
  });
}

/** `PackagesReader.kinds`: a workspace, a link, or a package's number (0 and up). */
const WORKSPACE = -1;
const LINK = -2;

class PackagesReader {
  /** The kind of each path: WORKSPACE, LINK, or for a package its number in the lists below. */
  private readonly kinds = new Map<string, number>();
  /** Packages by number: install path, what the entry says, the numbers of its dependencies. */
  private readonly paths: string[] = [];
  private readonly occurrences: Occurrence[] = [];
  private readonly targets: number[][] = [];
  private readonly linkTargets = new Map<string, string>();
  /** `node_modules/<name>` paths of every entry, by `<name>`. */
  private readonly topLevel = new Map<string, string>();
  /** Every folder `<dir>` with an entry under `<dir>/node_modules/`. */
  private readonly nested = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly entries: readonly LockEntry[],
  ) {}

  read(): Extraction {
    const root = this.entries.find((e) => e.path === '');
    const isWorkspace = workspaceMatcher(root?.workspaces ?? []);
    // Links first: a `file:` package outside node_modules takes its name from the link to it.
    const linkedName = new Map<string, string>();
    for (const entry of this.entries) {
      const path = entry.path;
      if (path === '' || entry.link !== true) continue;
      const name = installName(path);
      if (name === undefined || !isPackageName(name)) this.invalidPath(entry);
      const target = normalizePath(typeof entry.resolved === 'string' ? entry.resolved : '');
      this.kinds.set(path, LINK);
      this.linkTargets.set(path, target);
      if (!linkedName.has(target)) linkedName.set(target, name);
    }
    const packages: LockEntry[] = [];
    for (const entry of this.entries) {
      const path = entry.path;
      if (path === '' || entry.link === true) continue;
      let name = installName(path);
      if (name === undefined) {
        if (isWorkspace(path)) {
          this.kinds.set(path, WORKSPACE);
          continue;
        }
        name = entry.name ?? linkedName.get(normalizePath(path)) ?? path.slice(path.lastIndexOf('/') + 1);
      } else {
        if (!isPackageName(name)) this.invalidPath(entry);
        name = entry.name ?? name;
      }
      if (!isPackageName(name)) this.invalidPath(entry);
      const occurrence: Occurrence = { name, version: entry.version ?? '', ...classify(entry) };
      const commit = typeof entry.resolved === 'string' ? gitCommit(entry.resolved) : undefined;
      if (commit !== undefined) occurrence.commit = commit;
      if (entry.license !== undefined && entry.license !== '') occurrence.licenses = [entry.license];
      if (entry.start !== undefined) occurrence.start = entry.start;
      if (entry.end !== undefined) occurrence.end = entry.end;
      this.kinds.set(path, this.paths.length);
      this.paths.push(path);
      this.occurrences.push(occurrence);
      packages.push(entry);
    }
    this.indexPaths();

    packages.forEach((entry, index) => {
      const dirs = this.lookupDirs(entry.path);
      const targets: number[] = [];
      for (const name of entry.dependencies) {
        const target = this.packageAt(this.resolve(dirs, name));
        if (target !== undefined) targets.push(target);
      }
      this.targets[index] = targets;
    });

    const roots: number[] = [];
    if (root) {
      const projects = [root, ...this.entries.filter((e) => this.kinds.get(e.path) === WORKSPACE)];
      for (const project of projects) {
        const dirs = this.lookupDirs(project.path);
        for (const names of [project.dependencies, project.devDependencies]) {
          for (const name of names) {
            const target = this.packageAt(this.resolve(dirs, name));
            if (target !== undefined) roots.push(target);
          }
        }
      }
    }

    const { packages: result, reportedIds } = buildIndexedPackages(
      this.paths,
      this.occurrences,
      this.targets,
      (id) => id,
    );
    const extraction: Extraction = { packages: result };
    if (root) extraction.roots = sortedIds(roots.map((r) => reportedIds[r] as string));
    return extraction;
  }

  /** The number of the package at a path, or undefined when the path is not a package's. */
  private packageAt(path: string | undefined): number | undefined {
    const kind = path === undefined ? undefined : this.kinds.get(path);
    return kind !== undefined && kind >= 0 ? kind : undefined;
  }

  /** The lookup tables `resolve` uses, once every entry has its kind. */
  private indexPaths(): void {
    for (const path of this.kinds.keys()) {
      if (path.startsWith(NODE_MODULES)) this.topLevel.set(path.slice(NODE_MODULES.length), path);
      for (
        let at = path.indexOf('/' + NODE_MODULES);
        at !== -1;
        at = path.indexOf('/' + NODE_MODULES, at + 1)
      )
        this.nested.add(path.slice(0, at));
    }
  }

  /**
   * The folders whose `node_modules` a dependency of `from` may be installed in, nearest first, the
   * project's own (`''`) left out: `from` and each folder above it, as `resolveInstallPath` walks
   * them, when any entry is installed under it.
   */
  private lookupDirs(from: string): string[] {
    const dirs: string[] = [];
    if (this.nested.size === 0) return dirs;
    for (let dir = from; dir !== '';) {
      if (dir !== 'node_modules' && !dir.endsWith('/node_modules') && this.nested.has(dir)) dirs.push(dir);
      const slash = dir.lastIndexOf('/');
      dir = slash === -1 ? '' : dir.slice(0, slash);
    }
    return dirs;
  }

  /**
   * The entry a dependency resolves to (see `resolveInstallPath`), through a link to its target:
   * `<dir>/node_modules/<name>` for the first of `dirs` that has it, else `node_modules/<name>`.
   */
  private resolve(dirs: readonly string[], name: string): string | undefined {
    let found: string | undefined;
    for (const dir of dirs) {
      const candidate = `${dir}/${NODE_MODULES}${name}`;
      if (this.kinds.has(candidate)) {
        found = candidate;
        break;
      }
    }
    found ??= this.topLevel.get(name);
    if (found === undefined) return undefined;
    return this.kinds.get(found) === LINK ? this.linkTargets.get(found) : found;
  }

  private invalidPath(entry: LockEntry): never {
    throw new ExtractError(
      `invalid package path ${JSON.stringify(entry.path)}`,
      entry.start !== undefined ? lineAt(this.text, entry.start) : undefined,
    );
  }
}

function workspacePatterns(root: PackageEntry | undefined): string[] {
  const workspaces = root?.workspaces;
  if (workspaces === undefined) return [];
  return Array.isArray(workspaces) ? workspaces : (workspaces.packages ?? []);
}

/** lockfileVersion 1: the nested `dependencies` tree. Direct dependencies are not recorded. */
function readV1(text: string, parsed: ParsedJson, dependencies: Record<string, V1Entry>): Extraction {
  const table = new PackageTable();
  const requires = new Map<string, DependencyMap>();
  const walk = (tree: Record<string, V1Entry>, parent: string): void => {
    for (const [installAs, entry] of Object.entries(tree)) {
      const path = parent === '' ? NODE_MODULES + installAs : `${parent}/${NODE_MODULES}${installAs}`;
      const span = parsed.spanOf(entry);
      if (!isPackageName(installAs)) {
        throw new ExtractError(
          `invalid package name ${JSON.stringify(installAs)}`,
          span ? lineAt(text, span.start) : undefined,
        );
      }
      const occurrence: Occurrence = { ...v1Identity(installAs, entry.version), ...classify(entry) };
      if (span) Object.assign(occurrence, span);
      table.add(path, occurrence);
      if (entry.requires) requires.set(path, entry.requires);
      if (entry.dependencies) walk(entry.dependencies, path);
    }
  };
  walk(dependencies, '');
  for (const [path, required] of requires) {
    for (const name of Object.keys(required)) {
      const target = resolveInstallPath(path, name, (p) => table.has(p));
      if (target !== undefined) table.edge(path, target);
    }
  }
  return { packages: table.build().packages };
}

/**
 * A v1 `version`: a plain version, `npm:<name>@<version>` for an alias, or the spec of a git, file or
 * tarball dependency, which records no version (a git one records the commit).
 */
function v1Identity(installAs: string, version: string): Pick<Occurrence, 'name' | 'version' | 'commit'> {
  if (version.startsWith('npm:')) {
    const spec = splitSpec(version.slice(4));
    if (spec && isPackageName(spec.name)) return { name: spec.name, version: spec.rest };
  }
  if (/[:/#]/.test(version)) {
    const commit =
      version.startsWith('file:') || version.startsWith('link:') ? undefined : gitCommit(version);
    return commit === undefined ? { name: installAs, version: '' } : { name: installAs, version: '', commit };
  }
  return { name: installAs, version };
}
