import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ingest, type Store } from '../src/index.js';
import { clock, implementations, nativeResult } from './helpers.js';

// The finding filters and page cursors the HTTP API uses, on every store implementation.
describe.each(implementations())('finding queries: $name', (impl) => {
  const open: Store[] = [];
  const time = clock();
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  afterAll(() => impl.cleanup());

  it('filters by scanner, rule, path prefix and fingerprint, and pages scans by id', async () => {
    const store = await impl.open({ now: time.now });
    open.push(store);
    const report = nativeResult(
      [
        { fingerprint: 'c1', path: 'src/a.ts' },
        { fingerprint: 'c2', path: 'src/sub/b.ts', scanner: 'sast', ruleId: 'sast/xss' },
        { fingerprint: 'c3', path: 'lib/c.ts' },
        { fingerprint: 'c4', path: 'srcx/d.ts' },
        { fingerprint: 'c5', path: 'src/é/ü.ts' },
      ],
      { scanners: ['secrets', 'sast'] },
    );
    for (const commit of ['1111111', '2222222', '3333333'])
      await ingest(store, { project: 'p', branch: 'main', commit, report, kind: 'partial' });
    const prints = async (filter: Parameters<Store['listFindings']>[1]) =>
      (await store.listFindings('p', filter)).map((f) => f.fingerprint);
    expect(await prints({ scanners: ['sast'] })).toEqual(['c2']);
    expect(await prints({ ruleIds: ['secrets/test-rule'] })).toEqual(['c1', 'c3', 'c4', 'c5']);
    expect(await prints({ pathPrefix: 'src/' })).toEqual(['c1', 'c2', 'c5']);
    expect(await prints({ pathPrefix: 'src/é/' })).toEqual(['c5']);
    expect(await prints({ pathPrefix: 'src/sub/b.ts' })).toEqual(['c2']);
    expect(await prints({ pathPrefix: '%' })).toEqual([]);
    expect(await prints({ fingerprints: ['c3', 'c4'], scanners: ['secrets'] })).toEqual(['c3', 'c4']);
    const first = await prints({ limit: 2 });
    expect(first).toEqual(['c1', 'c2']);
    const ids = (await store.listFindings('p', { limit: 2 })).map((f) => f.id);
    expect(await prints({ afterId: ids[1]!, limit: 2 })).toEqual(['c3', 'c4']);

    const scans = await store.scanHistory('p', { limit: 2 });
    expect(scans.map((s) => s.commit)).toEqual(['3333333', '2222222']);
    const rest = await store.scanHistory('p', { limit: 2, beforeId: scans[1]!.id });
    expect(rest.map((s) => s.commit)).toEqual(['1111111']);
  });
});
