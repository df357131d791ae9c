import type { OsvRecord } from '../osv.js';

/** Disjoint sets over strings, with path halving; used to join ids that name the same flaw. */
export class UnionFind {
  private readonly parent = new Map<string, string>();

  find(x: string): string {
    let node = x;
    let up = this.parent.get(node);
    if (up === undefined) {
      this.parent.set(node, node);
      return node;
    }
    while (up !== node) {
      const grand = this.parent.get(up)!;
      this.parent.set(node, grand);
      node = grand;
      up = this.parent.get(node)!;
    }
    return node;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller id becomes the root, so the result does not depend on the order of unions.
    if (ra !== rb) {
      if (ra < rb) this.parent.set(rb, ra);
      else this.parent.set(ra, rb);
    }
  }
}

/**
 * Group records that describe the same flaw: a record joins every other record that shares its id
 * or one of its aliases, transitively (GHSA-x aliases CVE-1, PYSEC-y aliases CVE-1 → one group).
 * Groups are sorted by their smallest record id; the records in a group by id. A record id seen
 * twice (the same advisory loaded twice) appears once.
 */
export function groupAliases(records: readonly OsvRecord[]): OsvRecord[][] {
  const sets = new UnionFind();
  const byId = new Map<string, OsvRecord>();
  for (const record of records) {
    if (!byId.has(record.id)) byId.set(record.id, record);
    sets.find(record.id);
    for (const alias of record.aliases ?? []) sets.union(record.id, alias);
  }
  const groups = new Map<string, OsvRecord[]>();
  for (const record of byId.values()) {
    const root = sets.find(record.id);
    const group = groups.get(root);
    if (group) group.push(record);
    else groups.set(root, [record]);
  }
  const result = [...groups.values()].map((group) => group.sort((a, b) => compare(a.id, b.id)));
  return result.sort((a, b) => compare(a[0]!.id, b[0]!.id));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
