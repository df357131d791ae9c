/**
 * `PackageTable.build` groups entries by index chains for speed. This test keeps the plain version it
 * replaced (one list per group, a Set of edges per package) and checks that both agree on random tables.
 */
import { describe, expect, it } from 'vitest';
import { PackageTable, strongerScope, type Occurrence } from '../../src/extractors/npm/shared.js';
import type { LockPackage, Scope } from '../../src/model.js';

const SCOPE_RANK: Record<Scope, number> = { dev: 0, peer: 1, optional: 2, prod: 3 };

function groupRank(groups: readonly string[]): number {
  const dev = groups.includes('dev');
  const optional = groups.includes('optional');
  if (!dev && !optional) return 3;
  if (!dev) return 2;
  return optional ? 1 : 0;
}

function representsBetter(a: Occurrence, b: Occurrence): boolean {
  const groups = groupRank(a.depGroups) - groupRank(b.depGroups);
  if (groups !== 0) return groups > 0;
  const scopeA = a.scope === undefined ? -1 : SCOPE_RANK[a.scope];
  const scopeB = b.scope === undefined ? -1 : SCOPE_RANK[b.scope];
  if (scopeA !== scopeB) return scopeA > scopeB;
  return (a.start ?? Infinity) < (b.start ?? Infinity);
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function referenceBuild(
  occurrences: Map<string, Occurrence>,
  edges: Map<string, Set<string>>,
  idFor: (id: string, occurrence: Occurrence) => string,
): { packages: LockPackage[]; idOf: Map<string, string> } {
  const groups = new Map<string, Array<[string, Occurrence]>>();
  for (const entry of occurrences) {
    const [, o] = entry;
    const key = JSON.stringify([o.name, o.version, o.commit ?? '']);
    const list = groups.get(key);
    if (list) list.push(entry);
    else groups.set(key, [entry]);
  }
  const idOf = new Map<string, string>();
  const built: Array<{ pkg: LockPackage; members: string[] }> = [];
  for (const list of groups.values()) {
    let first = list[0]!;
    for (const entry of list) if (representsBetter(entry[1], first[1])) first = entry;
    const [firstId, rep] = first;
    const id = idFor(firstId, rep);
    let depGroups = rep.depGroups;
    let scope: Scope | undefined;
    const licenses = new Set<string>();
    for (const [memberId, o] of list) {
      idOf.set(memberId, id);
      if (groupRank(o.depGroups) > groupRank(depGroups)) depGroups = o.depGroups;
      scope = strongerScope(scope, o.scope);
      for (const license of o.licenses ?? []) licenses.add(license);
    }
    const pkg: LockPackage = {
      id,
      name: rep.name,
      version: rep.version,
      ecosystem: 'npm',
      depGroups: [...depGroups].sort(),
    };
    if (rep.commit !== undefined) pkg.commit = rep.commit;
    if (scope !== undefined) pkg.scope = scope;
    if (licenses.size > 0) pkg.licenses = [...licenses].sort();
    if (rep.start !== undefined) pkg.start = rep.start;
    if (rep.end !== undefined) pkg.end = rep.end;
    built.push({ pkg, members: list.map(([memberId]) => memberId) });
  }
  for (const { pkg, members } of built) {
    const deps = new Set<string>();
    for (const member of members)
      for (const to of edges.get(member) ?? []) {
        const target = idOf.get(to);
        if (target !== undefined && target !== pkg.id) deps.add(target);
      }
    pkg.dependencies = [...deps].sort(compareStrings);
  }
  return { packages: built.map((b) => b.pkg).sort((a, b) => compareStrings(a.id, b.id)), idOf };
}

describe('PackageTable.build against the reference', () => {
  it('agrees on random tables', () => {
    let state = 0x2545f491;
    const pick = (n: number) => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return Math.floor(((state >>> 0) / 0x100000000) * n);
    };
    const GROUPS = [[], [], ['dev'], ['optional'], ['dev', 'optional'], ['optional', 'dev']];
    const SCOPES: (Scope | undefined)[] = [undefined, 'prod', 'dev', 'optional', 'peer'];
    for (let round = 0; round < 300; round++) {
      const table = new PackageTable();
      const occurrences = new Map<string, Occurrence>();
      const edges = new Map<string, Set<string>>();
      const count = 1 + pick(30);
      const ids = Array.from({ length: count }, (_, i) => `id-${pick(3) === 0 ? 'z' : ''}${i}`);
      for (const id of ids) {
        const o: Occurrence = {
          name: `n${pick(6)}`,
          version: pick(5) === 0 ? '' : `1.${pick(3)}.0`,
          depGroups: [...GROUPS[pick(GROUPS.length)]!],
        };
        const scope = SCOPES[pick(SCOPES.length)];
        if (scope !== undefined) o.scope = scope;
        if (pick(4) === 0) o.commit = pick(2) === 0 ? 'abc1234' : '';
        if (pick(4) === 0) o.licenses = pick(2) === 0 ? ['MIT'] : ['MIT', 'ISC'];
        if (pick(6) !== 0) o.start = pick(1000);
        table.add(id, o);
        occurrences.set(id, o);
      }
      for (let e = pick(60); e > 0; e--) {
        const from = ids[pick(count)]!;
        const to = pick(8) === 0 ? 'unknown' : ids[pick(count)]!;
        table.edge(from, to);
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
      const idFor =
        round % 2 === 0 ? (id: string) => id : (_: string, o: Occurrence) => `${o.name}@${o.version}`;
      const got = table.build(idFor);
      const want = referenceBuild(occurrences, edges, idFor);
      expect(got.packages, `round ${round}`).toEqual(want.packages);
      expect([...got.idOf], `round ${round}`).toEqual([...want.idOf]);
    }
  });
});
