/**
 * Helpers the JavaScript lockfile extractors (npm, yarn, pnpm, bun) share: package names and specs,
 * git commits in resolution URLs, scopes propagated from a project's direct dependencies, and a table
 * that reports each distinct package once while keeping the edges between install locations.
 */
import { ExtractError, type LockPackage, type Scope } from '../../model.js';
import { validateShape } from '../validate.js';

/** Stronger scopes win when a package is reached in several ways. */
const SCOPE_RANK: Record<Scope, number> = { dev: 0, peer: 1, optional: 2, prod: 3 };
const SCOPES_DESCENDING: readonly Scope[] = ['prod', 'optional', 'peer', 'dev'];

export function strongerScope(a: Scope | undefined, b: Scope | undefined): Scope | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return SCOPE_RANK[a] >= SCOPE_RANK[b] ? a : b;
}

/** `name@rest` split at the `@` after the name (a scope's leading `@` is part of the name). */
export function splitSpec(spec: string): { name: string; rest: string } | undefined {
  const at = spec.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: spec.slice(0, at), rest: spec.slice(at + 1) };
}

/** A plausible npm package name: `name` or `@scope/name`, without spaces, `@` or `:` inside. */
export function isPackageName(name: string): boolean {
  return /^(?:@[^\s/@:]+\/)?[^\s/@:]+$/.test(name);
}

const HEX_COMMIT = /^[0-9a-fA-F]{7,40}$/;

/**
 * What a URL needs for `gitCommit` to find a commit in it: a fragment, a query (GitLab's `?ref=`), an
 * `/archive/` or `/get/` path (GitHub, Bitbucket) or the codeload host. Without any, it finds none.
 */
const PLAIN_URL_EXCLUDES = /[#?]|\/(?:archive|get)\/|codeload/i;

/**
 * The git commit a resolution URL pins, or undefined when it is not a git source: a `#<sha>` or
 * `#commit=<sha>` fragment of a git URL, or the commit in a GitHub/GitLab/Bitbucket archive URL.
 * A registry tarball's `#<sha1>` fragment (yarn v1) is a checksum, not a commit.
 */
export function gitCommit(url: string): string | undefined {
  // The usual registry tarball: no fragment, no query, no archive path, not codeload (see below).
  if (!PLAIN_URL_EXCLUDES.test(url)) return undefined;
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash + 1);
  for (const part of fragment.split('&')) {
    const match = /^commit[=:]([0-9a-fA-F]{7,40})$/.exec(part);
    if (match) return match[1];
  }
  if (HEX_COMMIT.test(fragment) && isGitSource(base)) return fragment;
  return archiveCommit(base);
}

/** Whether a URL or npm spec (without its fragment) names a git repository. */
export function isGitSource(base: string): boolean {
  const lower = base.toLowerCase();
  if (/^(?:git\+|git:|git@|ssh:|github:|gitlab:|bitbucket:|gist:)/.test(lower)) return true;
  if (lower.endsWith('.git')) return true;
  if (/^[\w.-]+\/[\w.-]+$/.test(base)) return true; // GitHub shorthand `user/repo`
  const host = hostOf(lower);
  if (host === 'github.com' || host === 'gitlab.com' || host === 'bitbucket.org') {
    return !/\.(?:tgz|tar\.gz|zip)$/.test(lower);
  }
  return false;
}

function hostOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@]*@)?([^/:?#]+)/.exec(url);
  return match?.[1];
}

/** The commit in a code-host archive URL (codeload, GitHub/Bitbucket archives, GitLab `?ref=`). */
function archiveCommit(base: string): string | undefined {
  const host = hostOf(base.toLowerCase());
  if (host === undefined) return undefined;
  const query = base.indexOf('?');
  const path = (query === -1 ? base : base.slice(0, query)).split('/').slice(3);
  if (host === 'codeload.github.com') {
    // https://codeload.github.com/<owner>/<repo>/tar.gz/<sha>
    const sha = path[3];
    return sha !== undefined && HEX_COMMIT.test(sha) ? sha : undefined;
  }
  if (query !== -1) {
    // https://gitlab.com/<owner>/<repo>/repository/archive.tar.gz?ref=<sha>
    for (const param of base.slice(query + 1).split('&')) {
      const value = param.startsWith('ref=') ? param.slice(4) : undefined;
      if (value !== undefined && HEX_COMMIT.test(value)) return value;
    }
    return undefined;
  }
  // https://github.com/<owner>/<repo>/archive/<sha>.tar.gz, https://bitbucket.org/<owner>/<repo>/get/<sha>.tar.gz
  const kind = path[2];
  const file = path[3];
  if ((kind === 'archive' || kind === 'get') && file !== undefined && path.length === 4) {
    const sha = file.replace(/\.(?:tar\.gz|tgz|zip)$/, '');
    return HEX_COMMIT.test(sha) ? sha : undefined;
  }
  return undefined;
}

export interface ScopedEdge {
  to: string;
  /** The weakest scope the edge carries: `optional` for an optional dependency, `peer` for a peer. */
  cap: Scope;
}

/**
 * The scope of every package reachable from the projects' direct dependencies: the strongest scope
 * of any path to it, a path being as strong as its root and its weakest edge. Unreached packages are
 * absent from the result.
 */
export function propagateScopes(
  roots: Iterable<{ id: string; scope: Scope }>,
  edgesOf: (id: string) => Iterable<ScopedEdge>,
): Map<string, Scope> {
  const rootList = [...roots];
  const result = new Map<string, Scope>();
  for (const level of SCOPES_DESCENDING) {
    const floor = SCOPE_RANK[level];
    // Everything reached at a stronger level is reached at this one too, so each pass starts from all
    // of it and only walks into packages not reached yet.
    const queue = [...result.keys()];
    for (const root of rootList) {
      if (SCOPE_RANK[root.scope] >= floor && !result.has(root.id)) {
        result.set(root.id, level);
        queue.push(root.id);
      }
    }
    while (queue.length > 0) {
      const id = queue.pop() as string;
      for (const edge of edgesOf(id)) {
        if (SCOPE_RANK[edge.cap] < floor || result.has(edge.to)) continue;
        result.set(edge.to, level);
        queue.push(edge.to);
      }
    }
  }
  return result;
}

/**
 * `propagateScopes` for packages numbered 0 to n - 1, with each package's edges as parallel lists
 * of targets and caps: the same result, by index (undefined where no root reaches).
 */
export function propagateScopesIndexed(
  n: number,
  roots: readonly { index: number; scope: Scope }[],
  targets: readonly (readonly number[] | undefined)[],
  caps: readonly (readonly Scope[] | undefined)[],
): (Scope | undefined)[] {
  const result = new Array<Scope | undefined>(n).fill(undefined);
  const reached: number[] = [];
  // Which caps some edge has: after a level, every edge at least as strong from a reached package
  // leads to a reached one, so the next level can only leave the reached set by an edge with its own
  // cap (the levels are consecutive ranks), or from a new root.
  const capsPresent = new Set<Scope>();
  for (let i = 0; i < caps.length; i++) {
    const list = caps[i];
    if (list) for (let e = 0; e < list.length; e++) capsPresent.add(list[e] as Scope);
  }
  for (const level of SCOPES_DESCENDING) {
    const floor = SCOPE_RANK[level];
    const queue = capsPresent.has(level) ? [...reached] : [];
    for (let r = 0; r < roots.length; r++) {
      const root = roots[r] as { index: number; scope: Scope };
      if (SCOPE_RANK[root.scope] >= floor && result[root.index] === undefined) {
        result[root.index] = level;
        reached.push(root.index);
        queue.push(root.index);
      }
    }
    while (queue.length > 0) {
      const i = queue.pop() as number;
      const to = targets[i];
      const cap = caps[i];
      if (to === undefined || cap === undefined) continue;
      for (let e = 0; e < to.length; e++) {
        const j = to[e] as number;
        if (SCOPE_RANK[cap[e] as Scope] < floor || result[j] !== undefined) continue;
        result[j] = level;
        reached.push(j);
        queue.push(j);
      }
    }
  }
  return result;
}

/** What one lockfile entry says about a package. */
export interface Occurrence {
  name: string;
  version: string;
  commit?: string;
  depGroups: string[];
  scope?: Scope;
  licenses?: string[];
  start?: number;
  end?: number;
}

/** Higher is less restricted: the main group, optional only, dev and optional, dev only. */
function groupRank(groups: readonly string[]): number {
  const dev = groups.includes('dev');
  const optional = groups.includes('optional');
  if (!dev && !optional) return 3;
  if (!dev) return 2;
  return optional ? 1 : 0;
}

/**
 * Whether `a` should stand for its package rather than `b`: the entry in the least restricted group,
 * then the strongest scope, then the first in the file, so that a finding points at the entry that
 * puts the package in production when there is one.
 */
function representsBetter(a: Occurrence, b: Occurrence): boolean {
  const groups = groupRank(a.depGroups) - groupRank(b.depGroups);
  if (groups !== 0) return groups > 0;
  const scopeA = a.scope === undefined ? -1 : SCOPE_RANK[a.scope];
  const scopeB = b.scope === undefined ? -1 : SCOPE_RANK[b.scope];
  if (scopeA !== scopeB) return scopeA > scopeB;
  return (a.start ?? Infinity) < (b.start ?? Infinity);
}

/**
 * Collects lockfile entries under the caller's own ids (an install path, a pnpm dependency path) and
 * reports each distinct name, version and commit once: under the id of its most prominent entry (see
 * `representsBetter`), in the least restricted group and strongest scope any entry gives it, with the
 * union of the edges.
 */
export class PackageTable {
  private readonly occurrences = new Map<string, Occurrence>();
  /** Targets by entry id, in the order added; duplicates are dropped where edges are read. */
  private readonly edges = new Map<string, string[]>();

  has(id: string): boolean {
    return this.occurrences.has(id);
  }

  get(id: string): Occurrence | undefined {
    return this.occurrences.get(id);
  }

  add(id: string, occurrence: Occurrence): void {
    this.occurrences.set(id, occurrence);
  }

  edge(from: string, to: string): void {
    const list = this.edges.get(from);
    if (list) list.push(to);
    else this.edges.set(from, [to]);
  }

  entries(): Iterable<[string, Occurrence]> {
    return this.occurrences.entries();
  }

  edgesOf(from: string): Iterable<string> {
    return new Set(this.edges.get(from));
  }

  /**
   * The packages, sorted by id, and the reported id of each entry id. `idFor` names a package from
   * its representative entry's id and contents (default: that id).
   */
  build(idFor: (id: string, occurrence: Occurrence) => string = (id) => id): {
    packages: LockPackage[];
    idOf: Map<string, string>;
  } {
    const ids: string[] = [];
    const occurrences: Occurrence[] = [];
    this.occurrences.forEach((o, id) => {
      ids.push(id);
      occurrences.push(o);
    });
    const idOf = new Map<string, string>();
    const packages = buildPackages(
      ids,
      occurrences,
      idFor,
      (i) => this.edges.get(ids[i] as string),
      (to) => idOf.get(to),
      (i, id) => idOf.set(ids[i] as string, id),
    );
    return { packages, idOf };
  }
}

/**
 * `PackageTable.build` for entries numbered 0 to n - 1 (`ids[i]`, `occurrences[i]`, in the order
 * added) with edges as lists of entry numbers: the packages, sorted by id, and the reported id of
 * each entry by number.
 */
export function buildIndexedPackages(
  ids: readonly string[],
  occurrences: readonly Occurrence[],
  targets: readonly (readonly number[] | undefined)[],
  idFor: (id: string, occurrence: Occurrence) => string,
): { packages: LockPackage[]; reportedIds: string[] } {
  const reportedIds = new Array<string>(ids.length);
  const packages = buildPackages(
    ids,
    occurrences,
    idFor,
    (i) => targets[i],
    (to) => reportedIds[to],
    (i, id) => {
      reportedIds[i] = id;
    },
  );
  return { packages, reportedIds };
}

/**
 * Each distinct name, version and commit once, under the id of its most prominent entry (see
 * `representsBetter`), in the least restricted group and strongest scope any entry gives it, with the
 * union of the edges (`targetsOf` an entry's targets, `reported` a target's reported id or undefined
 * for none); `setReported` learns each entry's reported id before any `reported` call.
 */
function buildPackages<T>(
  ids: readonly string[],
  occurrences: readonly Occurrence[],
  idFor: (id: string, occurrence: Occurrence) => string,
  targetsOf: (i: number) => readonly T[] | undefined,
  reported: (target: T) => string | undefined,
  setReported: (i: number, id: string) => void,
): LockPackage[] {
  // Each group (name, version, commit) as a chain of indexes from its first entry (the key is
  // unambiguous: each part's length comes first).
  const n = ids.length;
  const nextInGroup = new Int32Array(n).fill(-1);
  const firstOf: number[] = [];
  const lastOf: number[] = [];
  const groupOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const o = occurrences[i] as Occurrence;
    const key = `${o.name.length}:${o.name}${o.version.length}:${o.version}${o.commit ?? ''}`;
    const group = groupOf.get(key);
    if (group === undefined) {
      groupOf.set(key, firstOf.length);
      firstOf.push(i);
      lastOf.push(i);
    } else {
      nextInGroup[lastOf[group] as number] = i;
      lastOf[group] = i;
    }
  }
  const packages: LockPackage[] = [];
  for (const first of firstOf) {
    let rep = first;
    for (let i = first; i !== -1; i = nextInGroup[i] as number)
      if (representsBetter(occurrences[i] as Occurrence, occurrences[rep] as Occurrence)) rep = i;
    const o = occurrences[rep] as Occurrence;
    const id = idFor(ids[rep] as string, o);
    let depGroups = o.depGroups;
    let scope: Scope | undefined;
    let licenses: Set<string> | undefined;
    for (let i = first; i !== -1; i = nextInGroup[i] as number) {
      const member = occurrences[i] as Occurrence;
      setReported(i, id);
      if (groupRank(member.depGroups) > groupRank(depGroups)) depGroups = member.depGroups;
      scope = strongerScope(scope, member.scope);
      for (const license of member.licenses ?? []) (licenses ??= new Set()).add(license);
    }
    const pkg: LockPackage = {
      id,
      name: o.name,
      version: o.version,
      ecosystem: 'npm',
      depGroups: depGroups.length < 2 ? [...depGroups] : [...depGroups].sort(),
    };
    if (o.commit !== undefined) pkg.commit = o.commit;
    if (scope !== undefined) pkg.scope = scope;
    if (licenses !== undefined) pkg.licenses = [...licenses].sort();
    if (o.start !== undefined) pkg.start = o.start;
    if (o.end !== undefined) pkg.end = o.end;
    packages.push(pkg);
  }
  for (let group = 0; group < firstOf.length; group++) {
    const pkg = packages[group] as LockPackage;
    const deps: string[] = [];
    for (let i = firstOf[group] as number; i !== -1; i = nextInGroup[i] as number) {
      const targets = targetsOf(i);
      if (targets === undefined) continue;
      for (let k = 0; k < targets.length; k++) {
        const target = reported(targets[k] as T);
        if (target !== undefined && target !== pkg.id) deps.push(target);
      }
    }
    // Sorted by code unit (the default sort, as compareStrings), each once.
    if (deps.length > 1) {
      sortStrings(deps);
      let kept = 1;
      for (let k = 1; k < deps.length; k++) if (deps[k] !== deps[kept - 1]) deps[kept++] = deps[k] as string;
      deps.length = kept;
    }
    pkg.dependencies = deps;
  }
  return sortedById(packages);
}

/**
 * Strings in code-unit order, in place, as the default sort orders them; short lists by insertion,
 * which unlike `Array.prototype.sort` allocates nothing (a lockfile sorts one list per package).
 */
function sortStrings(list: string[]): void {
  if (list.length > 16) {
    list.sort();
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const value = list[i] as string;
    let j = i - 1;
    for (; j >= 0 && (list[j] as string) > value; j--) list[j + 1] = list[j] as string;
    list[j + 1] = value;
  }
}

/** Packages in code-unit order of their ids; packages with the same id keep their order (a stable sort). */
export function sortedById<T extends { id: string }>(packages: T[]): T[] {
  let sorted = true;
  for (let i = 1; i < packages.length && sorted; i++)
    sorted = (packages[i - 1] as T).id <= (packages[i] as T).id;
  if (sorted) return packages;
  // Array.prototype.sort is stable.
  return [...packages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `./a/b/../c` → `a/c`, with `\\` read as `/`; leading `..` segments stay. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

/**
 * Members whose values are maps keyed by package names, install paths or descriptors, in the JSON and
 * YAML lockfiles: `dependencies`, `packages`, `snapshots`...
 */
export const KEYED_MAPS: ReadonlySet<string> = new Set([
  'packages',
  'snapshots',
  'importers',
  'workspaces',
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'dependenciesMeta',
  'requires',
  'specifiers',
  'bin',
]);

/**
 * An empty plain object for a map keyed by data (package names, paths). V8 gives an object a hidden
 * class per distinct set of keys, so thousands of small maps with distinct keys (every package's
 * `dependencies`) cost a new hidden class each and make parsing several times slower. An object that
 * lost a property is kept as a hash table instead: the same plain object (prototype, key order), built
 * without hidden classes.
 */
export function keyedMap(): Record<string, unknown> {
  const map: Record<string, unknown> = { a: 0, b: 0 };
  delete map['a'];
  delete map['b'];
  return map;
}

/**
 * `object[key] = value`, except that a `__proto__` key becomes an own property (as `JSON.parse` makes
 * it) instead of replacing the prototype.
 */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/** Code-unit order, independent of the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted, de-duplicated ids. */
export function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareStrings);
}

export interface ShapeCandidate {
  schema: object;
  value: unknown;
  what: string;
  line: number | undefined;
}

/**
 * `validateShape`, and when the document does not fit, the first entry that does not fit on its own
 * named with its line: `packages["node_modules/ms"]: version must be string` at the entry's line.
 * `entries` sees data that failed validation, so it must check what it walks.
 */
export function validateWithLines<T>(
  schema: object,
  data: unknown,
  what: string,
  entries: () => Iterable<ShapeCandidate>,
): T {
  try {
    return validateShape<T>(schema, data, what);
  } catch (error) {
    if (!(error instanceof ExtractError)) throw error;
    for (const entry of entries()) {
      try {
        validateShape(entry.schema, entry.value, entry.what);
      } catch (inner) {
        if (inner instanceof ExtractError) throw new ExtractError(inner.message, entry.line);
        throw inner;
      }
    }
    throw error;
  }
}

/** The own enumerable members of a value that should be an object, or none. */
export function membersOf(value: unknown): Array<[string, unknown]> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}
