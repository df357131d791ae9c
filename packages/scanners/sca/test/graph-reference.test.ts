/**
 * `toComponents` works on package indexes and typed arrays for speed. This test keeps the plain
 * version it replaced (maps keyed by id) as the reference and checks that both give the same
 * components on random graphs: cycles, self-edges, duplicate ids and edges, unknown targets, roots
 * given, flagged or inferred, scopes from the lockfile, from groups or from reachability.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PATHS, scopeFromGroups, toComponents } from '../src/graph.js';
import type { Component, Extraction, LockPackage, Scope } from '../src/model.js';
import { purlOf } from '../src/purl.js';

const SCOPE_ORDER: readonly Scope[] = ['prod', 'optional', 'peer', 'dev'];

function referenceComponents(source: string, extraction: Extraction): Component[] {
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
  const depth = new Map<string, number>();
  const parents = new Map<string, string[]>();
  const reachScope = new Map<string, Scope>();
  const step = (pkg: LockPackage) => (pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name);
  const ownScope = (pkg: LockPackage): Scope | undefined => pkg.scope ?? scopeFromGroups(pkg.depGroups);
  let frontier: string[] = [];
  for (const id of [...rootSet].sort()) {
    depth.set(id, 0);
    reachScope.set(id, ownScope(byId.get(id)!) ?? 'prod');
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
  const firstPath = (id: string): string[] => {
    const chain: string[] = [];
    for (let at: string | undefined = id; at !== undefined; at = parents.get(at)?.[0])
      chain.push(step(byId.get(at)!));
    return chain.reverse();
  };
  const seen = new Set<string>();
  const components: Component[] = [];
  for (const pkg of packages) {
    if (seen.has(pkg.id)) continue;
    seen.add(pkg.id);
    const component: Component = {
      ref: `${source}#${pkg.id}`,
      name: pkg.name,
      version: pkg.version,
      ecosystem: pkg.ecosystem,
      purl: purlOf(pkg.ecosystem, pkg.name, pkg.version, pkg.ecosystemVariant),
      direct: pkg.direct ?? (rootSet.size > 0 ? rootSet.has(pkg.id) : false),
      scope: ownScope(pkg) ?? reachScope.get(pkg.id) ?? 'prod',
      depGroups: [...pkg.depGroups].sort(),
      paths: !depth.has(pkg.id)
        ? [[step(pkg)]]
        : (parents.get(pkg.id) ?? [undefined]).map((parent) =>
            parent === undefined ? [step(pkg)] : [...firstPath(parent), step(pkg)],
          ),
      dependsOn: [...new Set((pkg.dependencies ?? []).filter((d) => byId.has(d) && d !== pkg.id))]
        .sort()
        .map((d) => `${source}#${d}`),
      source,
    };
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

function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return Math.floor(((state >>> 0) / 0x100000000) * n);
  };
}

const GROUPS = [[], [], [], ['dev'], ['optional'], ['dev', 'optional'], ['test']];
const SCOPES: (Scope | undefined)[] = [undefined, undefined, undefined, 'dev', 'prod', 'optional', 'peer'];

function randomExtraction(seed: number): Extraction {
  const pick = random(seed);
  const count = 1 + pick(40);
  const ids = Array.from({ length: count }, (_, i) => `p${pick(3) === 0 ? i : (i * 7) % count}`);
  const packages: LockPackage[] = ids.map((id, i) => {
    const pkg: LockPackage = {
      id,
      name: `name-${pick(4) === 0 ? 'x' : i}`,
      version: pick(6) === 0 ? '' : `1.${i}.0`,
      ecosystem: 'npm',
      depGroups: [...GROUPS[pick(GROUPS.length)]!],
      dependencies: Array.from({ length: pick(6) }, () =>
        pick(8) === 0 ? `unknown-${pick(3)}` : ids[pick(count)]!,
      ),
      start: i * 10,
      end: i * 10 + 5,
    };
    const scope = SCOPES[pick(SCOPES.length)];
    if (scope !== undefined) pkg.scope = scope;
    if (pick(10) === 0) pkg.direct = pick(2) === 0;
    if (pick(12) === 0) pkg.licenses = ['MIT'];
    if (pick(15) === 0) pkg.dependencies = undefined;
    return pkg;
  });
  const extraction: Extraction = { packages };
  const roots = pick(3);
  if (roots === 0)
    extraction.roots = Array.from({ length: pick(5) }, () => (pick(6) === 0 ? 'missing' : ids[pick(count)]!));
  return extraction;
}

const plain = (components: Component[]) => components.map((c) => JSON.parse(JSON.stringify(c)) as object);

describe('toComponents against the reference', () => {
  it('gives the same components on random graphs', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const extraction = randomExtraction(seed * 2654435761);
      expect(plain(toComponents('lock', extraction)), `seed ${seed}`).toEqual(
        plain(referenceComponents('lock', extraction)),
      );
    }
  });

  it('keeps paths and dependsOn assignable', () => {
    const [component] = toComponents('lock', {
      packages: [{ id: 'a', name: 'a', version: '1.0.0', ecosystem: 'npm', depGroups: [] }],
    });
    component!.paths = [['x']];
    component!.dependsOn = ['y'];
    expect(component).toMatchObject({ paths: [['x']], dependsOn: ['y'] });
    expect({ ...component }).toMatchObject({ paths: [['x']], dependsOn: ['y'] });
  });
});
