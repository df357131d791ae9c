import type { Component, Extraction, LockPackage, Scope } from './model.js';
import { purlOf } from './purl.js';

/** At most this many dependency paths are kept per component (the shortest ones, one per parent). */
export const MAX_PATHS = 3;

/** Scopes from the most to the least "shipped": a package reachable from a prod root is prod. */
const SCOPE_ORDER: readonly Scope[] = ['prod', 'optional', 'peer', 'dev'];

/** Words in a group name (or a requirements file's stem) that mark tooling rather than shipped code. */
const DEV_WORDS = new Set([
  'dev',
  'develop',
  'development',
  'test',
  'tests',
  'testing',
  'lint',
  'linting',
  'docs',
  'doc',
  'typing',
  'ci',
  'build',
]);

/**
 * Scope from the lockfile's groups: `dev`/`test` (npm, composer, Poetry, PDM, Maven), tooling groups
 * such as `docs` or `lint`, requirements files named like `requirements-dev`, Conan's
 * `build-requires`; `optional`. A package in several groups counts as the most shipped of them.
 */
export function scopeFromGroups(groups: readonly string[]): Scope | undefined {
  if (groups.length === 0) return undefined;
  const scopes = groups.map((group): Scope | undefined => {
    if (group === 'optional') return 'optional';
    const words = group.toLowerCase().split(/[-_.\s]+/);
    return words.some((w) => DEV_WORDS.has(w)) ? 'dev' : undefined;
  });
  if (scopes.includes(undefined)) return undefined;
  return scopes.includes('optional') ? 'optional' : 'dev';
}

/**
 * Turn one lockfile's extraction into components: direct/transitive status, scope and the dependency
 * paths from a direct dependency to each package.
 *
 * - Direct: the lockfile's own `direct` flag, else membership in `roots`. When the lockfile records
 *   edges but not its roots (yarn.lock), packages nothing depends on are taken as the roots.
 * - Scope: the lockfile's own `scope`, else its groups (`dev`, `test`, `optional`), else the best scope
 *   of the roots that reach the package (prod wins over dev), else prod.
 * - Paths: breadth-first from the roots, so each path is a shortest one.
 */
export function toComponents(source: string, extraction: Extraction): Component[] {
  const packages = extraction.packages;
  // Packages by index: the first package of each id stands for it, as in a lookup by id.
  const indexOf = new Map<string, number>();
  const unique: LockPackage[] = [];
  for (const pkg of packages) {
    if (!indexOf.has(pkg.id)) {
      indexOf.set(pkg.id, unique.length);
      unique.push(pkg);
    }
  }
  const n = unique.length;
  const hasEdges = packages.some((p) => (p.dependencies?.length ?? 0) > 0);

  let roots = extraction.roots?.filter((id) => indexOf.has(id));
  if (!roots) {
    const flagged = packages.filter((p) => p.direct === true).map((p) => p.id);
    if (flagged.length > 0) roots = flagged;
    else if (hasEdges) {
      const depended = new Set<string>();
      for (const pkg of packages) for (const dep of pkg.dependencies ?? []) depended.add(dep);
      roots = packages.filter((p) => !depended.has(p.id)).map((p) => p.id);
    }
  }
  const rootSet = new Set(roots ?? []);

  // The edges between known packages, as indexes (CSR): `edges[edgeStart[i]..edgeStart[i + 1]]`.
  const edgeStart = new Int32Array(n + 1);
  let edgeCount = 0;
  for (let i = 0; i < n; i++) edgeCount += unique[i]!.dependencies?.length ?? 0;
  const edges = new Int32Array(edgeCount);
  edgeCount = 0;
  for (let i = 0; i < n; i++) {
    edgeStart[i] = edgeCount;
    for (const dep of unique[i]!.dependencies ?? []) {
      const j = indexOf.get(dep);
      if (j !== undefined) edges[edgeCount++] = j;
    }
  }
  edgeStart[n] = edgeCount;

  // Breadth-first search from every root at once: each package's depth and up to MAX_PATHS parents on
  // shortest paths. Paths are built only when read (a scan reads them for vulnerable packages only).
  const depth = new Int32Array(n).fill(-1);
  const parents = new Int32Array(n * MAX_PATHS).fill(-1);
  /** Index in SCOPE_ORDER of the best scope of a root that reaches the package; -1 when none does. */
  const reach = new Int8Array(n).fill(-1);
  const ownScope = (pkg: LockPackage): Scope | undefined => pkg.scope ?? scopeFromGroups(pkg.depGroups);
  const rootIndexes = [...rootSet].sort().map((id) => indexOf.get(id)!);
  for (const i of rootIndexes) {
    depth[i] = 0;
    reach[i] = SCOPE_ORDER.indexOf(ownScope(unique[i]!) ?? 'prod');
  }
  let frontier = rootIndexes;
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const i of frontier) {
      const level = depth[i]! + 1;
      for (let e = edgeStart[i]!, end = edgeStart[i + 1]!; e < end; e++) {
        const j = edges[e]!;
        if (j === i) continue;
        const known = depth[j]!;
        if (known === -1) {
          depth[j] = level;
          parents[j * MAX_PATHS] = i;
          next.push(j);
        } else if (known === level) {
          const at = j * MAX_PATHS;
          for (let k = 0; k < MAX_PATHS; k++) {
            const parent = parents[at + k]!;
            if (parent === i) break;
            if (parent === -1) {
              parents[at + k] = i;
              break;
            }
          }
        }
      }
    }
    frontier = next;
  }
  // Scope by reachability is a fixed point over a possibly cyclic graph: propagate improvements.
  if (rootSet.size > 0 && hasEdges) {
    const queue = [...rootSet].map((id) => indexOf.get(id)!);
    while (queue.length > 0) {
      const i = queue.pop()!;
      const scope = reach[i]!;
      for (let e = edgeStart[i]!, end = edgeStart[i + 1]!; e < end; e++) {
        const j = edges[e]!;
        const current = reach[j]!;
        if (current === -1 || scope < current) {
          reach[j] = scope;
          queue.push(j);
        }
      }
    }
  }

  const lazy = lazyProperties(source, {
    ids: unique.map((pkg) => pkg.id),
    names: unique.map((pkg) => pkg.name),
    versions: unique.map((pkg) => pkg.version),
    depth,
    parents,
    edgeStart,
    edges,
  });

  const components: Component[] = [];
  for (let i = 0; i < n; i++) {
    const pkg = unique[i]!;
    const direct = pkg.direct ?? (rootSet.size > 0 ? rootSet.has(pkg.id) : false);
    const reached = reach[i]!;
    const component = {
      ref: `${source}#${pkg.id}`,
      name: pkg.name,
      version: pkg.version,
      ecosystem: pkg.ecosystem,
      purl: purlOf(pkg.ecosystem, pkg.name, pkg.version, pkg.ecosystemVariant),
      direct,
      scope: ownScope(pkg) ?? (reached === -1 ? undefined : SCOPE_ORDER[reached]) ?? 'prod',
      depGroups: pkg.depGroups.length < 2 ? [...pkg.depGroups] : [...pkg.depGroups].sort(),
    } as Component;
    lazy.define(component, i);
    component.source = source;
    if (pkg.ecosystemVariant) component.ecosystemVariant = pkg.ecosystemVariant;
    if (pkg.start !== undefined) component.start = pkg.start;
    if (pkg.end !== undefined) component.end = pkg.end;
    if (pkg.licenses?.length) component.licenses = [...pkg.licenses];
    if (pkg.commit) component.commit = pkg.commit;
    if (pkg.firstParty) component.firstParty = true;
    components.push(component);
  }
  return sortedByRef(components);
}

/** What the paths and dependsOn of a lockfile's components are built from; indexes as in toComponents. */
interface Graph {
  ids: string[];
  names: string[];
  versions: string[];
  /** Breadth-first depth from the roots; -1 when no root reaches the package. */
  depth: Int32Array;
  /** Up to MAX_PATHS parents per package on shortest paths, -1 for none. */
  parents: Int32Array;
  edgeStart: Int32Array;
  edges: Int32Array;
}

/**
 * `paths` and `dependsOn`, built when first read (a scan reads them for a few components only) by
 * accessors that all the components of one lockfile share: accessors of their own (closures per
 * component) would make V8 keep each component as a hash table, at several times the memory. Kept in
 * a function of its own so that what the accessors keep reachable is the compact graph only.
 */
function lazyProperties(source: string, graph: Graph): { define(component: Component, i: number): void } {
  const { ids, names, versions, depth, parents, edgeStart, edges } = graph;
  const steps: (string | undefined)[] = new Array<string | undefined>(ids.length);
  const step = (i: number): string => {
    let text = steps[i];
    if (text === undefined) steps[i] = text = versions[i] ? `${names[i]!}@${versions[i]}` : names[i]!;
    return text;
  };
  /** The first shortest path to a package: through its first parent, recursively. */
  const firstPath = (i: number): string[] => {
    const chain: string[] = [];
    for (let at = i; at !== -1; at = parents[at * MAX_PATHS]!) chain.push(step(at));
    return chain.reverse();
  };
  const pathsOf = (i: number): string[][] => {
    if (depth[i] === -1) return [[step(i)]];
    const out: string[][] = [];
    for (let k = 0; k < MAX_PATHS; k++) {
      const parent = parents[i * MAX_PATHS + k]!;
      if (parent === -1) break;
      const path = firstPath(parent);
      path.push(step(i));
      out.push(path);
    }
    return out.length > 0 ? out : [[step(i)]];
  };
  /** Refs of the known packages a package depends on (itself left out), sorted, once each. */
  const dependsOnOf = (i: number): string[] => {
    const deps: string[] = [];
    for (let e = edgeStart[i]!, end = edgeStart[i + 1]!; e < end; e++)
      if (edges[e] !== i) deps.push(ids[edges[e]!]!);
    let sortedUnique = true;
    for (let k = 1; k < deps.length && sortedUnique; k++) sortedUnique = deps[k - 1]! < deps[k]!;
    return (sortedUnique ? deps : [...new Set(deps)].sort()).map((d) => `${source}#${d}`);
  };
  const indexOf = new Map<object, number>();
  const property = <K extends 'paths' | 'dependsOn'>(
    key: K,
    make: (i: number) => Component[K],
  ): PropertyDescriptor => {
    const values: (Component[K] | undefined)[] = new Array<Component[K] | undefined>(ids.length);
    return {
      enumerable: true,
      configurable: true,
      get(this: object): Component[K] | never[] {
        const i = indexOf.get(this);
        return i === undefined ? [] : (values[i] ??= make(i));
      },
      set(this: object, value: Component[K]): void {
        const i = indexOf.get(this);
        if (i !== undefined) values[i] = value;
        else
          Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
      },
    };
  };
  const paths = property('paths', pathsOf);
  const dependsOn = property('dependsOn', dependsOnOf);
  return {
    define(component, i) {
      indexOf.set(component, i);
      Object.defineProperty(component, 'paths', paths);
      Object.defineProperty(component, 'dependsOn', dependsOn);
    },
  };
}

/** Components in code-unit order of their refs (unique within one lockfile). */
function sortedByRef(components: Component[]): Component[] {
  let sorted = true;
  for (let i = 1; i < components.length && sorted; i++) sorted = components[i - 1]!.ref < components[i]!.ref;
  if (sorted) return components;
  return components.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}
