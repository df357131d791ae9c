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
  const byId = new Map<string, LockPackage>();
  for (const pkg of packages) if (!byId.has(pkg.id)) byId.set(pkg.id, pkg);
  const hasEdges = packages.some((p) => (p.dependencies?.length ?? 0) > 0);

  let roots = extraction.roots?.filter((id) => byId.has(id));
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

  // Breadth-first search from every root at once: each package's depth and up to MAX_PATHS parents on
  // shortest paths. Paths are built only when read (a scan reads them for vulnerable packages only).
  const depth = new Map<string, number>();
  const parents = new Map<string, string[]>();
  const reachScope = new Map<string, Scope>();
  const step = (pkg: LockPackage) => (pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name);
  const ownScope = (pkg: LockPackage): Scope | undefined => pkg.scope ?? scopeFromGroups(pkg.depGroups);
  let frontier: string[] = [];
  for (const id of [...rootSet].sort()) {
    const pkg = byId.get(id)!;
    depth.set(id, 0);
    reachScope.set(id, ownScope(pkg) ?? 'prod');
    frontier.push(id);
  }
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      const level = depth.get(id)! + 1;
      for (const dep of byId.get(id)!.dependencies ?? []) {
        if (!byId.has(dep) || dep === id) continue;
        const known = depth.get(dep);
        if (known === undefined) {
          depth.set(dep, level);
          parents.set(dep, [id]);
          next.push(dep);
        } else if (known === level) {
          const list = parents.get(dep)!;
          if (list.length < MAX_PATHS && !list.includes(id)) list.push(id);
        }
      }
    }
    frontier = next;
  }
  // Scope by reachability is a fixed point over a possibly cyclic graph: propagate improvements.
  if (rootSet.size > 0 && hasEdges) {
    const queue = [...rootSet];
    while (queue.length > 0) {
      const id = queue.pop()!;
      const scope = reachScope.get(id)!;
      for (const dep of byId.get(id)!.dependencies ?? []) {
        if (!byId.has(dep)) continue;
        const current = reachScope.get(dep);
        if (current === undefined || SCOPE_ORDER.indexOf(scope) < SCOPE_ORDER.indexOf(current)) {
          reachScope.set(dep, scope);
          queue.push(dep);
        }
      }
    }
  }

  /** The first shortest path to a package: through its first parent, recursively. */
  const firstPath = (id: string): string[] => {
    const chain: string[] = [];
    for (let at: string | undefined = id; at !== undefined; at = parents.get(at)?.[0])
      chain.push(step(byId.get(at)!));
    return chain.reverse();
  };
  const lazyPaths = (component: Component, id: string) => {
    let built: string[][] | undefined;
    Object.defineProperty(component, 'paths', {
      enumerable: true,
      configurable: true,
      get: () =>
        (built ??= !depth.has(id)
          ? [[step(byId.get(id)!)]]
          : (parents.get(id) ?? [undefined]).map((parent) =>
              parent === undefined ? [step(byId.get(id)!)] : [...firstPath(parent), step(byId.get(id)!)],
            )),
      set: (value: string[][]) => {
        built = value;
      },
    });
  };

  const seen = new Set<string>();
  const components: Component[] = [];
  for (const pkg of packages) {
    if (seen.has(pkg.id)) continue;
    seen.add(pkg.id);
    const direct = pkg.direct ?? (rootSet.size > 0 ? rootSet.has(pkg.id) : false);
    const component: Component = {
      ref: `${source}#${pkg.id}`,
      name: pkg.name,
      version: pkg.version,
      ecosystem: pkg.ecosystem,
      purl: purlOf(pkg.ecosystem, pkg.name, pkg.version, pkg.ecosystemVariant),
      direct,
      scope: ownScope(pkg) ?? reachScope.get(pkg.id) ?? 'prod',
      depGroups: [...pkg.depGroups].sort(),
      paths: [],
      dependsOn: [...new Set((pkg.dependencies ?? []).filter((d) => byId.has(d) && d !== pkg.id))]
        .sort()
        .map((d) => `${source}#${d}`),
      source,
    };
    lazyPaths(component, pkg.id);
    if (pkg.ecosystemVariant) component.ecosystemVariant = pkg.ecosystemVariant;
    if (pkg.start !== undefined) component.start = pkg.start;
    if (pkg.end !== undefined) component.end = pkg.end;
    if (pkg.licenses?.length) component.licenses = [...pkg.licenses];
    if (pkg.commit) component.commit = pkg.commit;
    if (pkg.firstParty) component.firstParty = true;
    components.push(component);
  }
  return components.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}
