import { describe, expect, it } from 'vitest';
import { propagateScopes, propagateScopesIndexed, type ScopedEdge } from '../../src/extractors/npm/shared.js';
import type { Scope } from '../../src/model.js';

const SCOPES: Scope[] = ['prod', 'optional', 'peer', 'dev'];

describe('propagateScopesIndexed', () => {
  it('gives what propagateScopes gives, on random graphs', () => {
    let state = 0x9e3779b9;
    const pick = (n: number) => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return Math.floor(((state >>> 0) / 0x100000000) * n);
    };
    for (let round = 0; round < 300; round++) {
      const n = 1 + pick(30);
      const targets: number[][] = [];
      const caps: Scope[][] = [];
      for (let i = 0; i < n; i++) {
        if (pick(5) === 0) continue; // no edges recorded
        const count = pick(5);
        targets[i] = Array.from({ length: count }, () => pick(n));
        caps[i] = Array.from({ length: count }, () => SCOPES[pick(SCOPES.length)]!);
      }
      const roots = Array.from({ length: pick(4) }, () => ({ index: pick(n), scope: SCOPES[pick(4)]! }));
      const byId = propagateScopes(
        roots.map((r) => ({ id: `p${r.index}`, scope: r.scope })),
        (id): ScopedEdge[] => {
          const i = Number(id.slice(1));
          return (targets[i] ?? []).map((to, e) => ({ to: `p${to}`, cap: caps[i]![e]! }));
        },
      );
      const indexed = propagateScopesIndexed(n, roots, targets, caps);
      expect(
        indexed.map((scope, i) => [i, scope]).filter(([, scope]) => scope !== undefined),
        `round ${round}`,
      ).toEqual(
        [...byId]
          .map(([id, scope]) => [Number(id.slice(1)), scope])
          .sort((a, b) => Number(a[0]) - Number(b[0])),
      );
    }
  });
});
