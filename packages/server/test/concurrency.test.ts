import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyFindings, nativeResult } from './helpers.js';
import { call, projectUrl, startApi, tokenFor, type Api } from './http-helpers.js';

const COMMIT = 'd'.repeat(40);

// SQLite runs on the server's thread: a large upload must not stall every other request until it is
// committed. Reads go through a second connection and the ingest pauses between batches.
describe('SQLite: requests during a large ingest', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers health, sign-in checks and reads of committed data while 100k findings are written', async () => {
    const ingest = await tokenFor(api, 'ingest', ['big', 'small']);
    const read = await tokenFor(api, 'read', ['small']);
    const small = await call(api, projectUrl('small', '/scans'), {
      as: ingest,
      body: { branch: 'main', commit: COMMIT, report: nativeResult([{ fingerprint: 'c0ffee' }]) },
    });
    expect(small.statusCode, small.body).toBe(201);

    const order: string[] = [];
    const body = { branch: 'main', commit: COMMIT, report: nativeResult(manyFindings(100_000)) };
    const upload = call(api, projectUrl('big', '/scans'), { as: ingest, body }).then((res) => {
      order.push('upload');
      return res;
    });
    // Start the other requests once the upload is inside its transaction.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ready = call(api, '/readyz').then((res) => {
      order.push('readyz');
      return res;
    });
    const list = call(api, projectUrl('small', '/findings'), { as: read }).then((res) => {
      order.push('findings');
      return res;
    });
    const [uploaded, readyz, findings] = await Promise.all([upload, ready, list]);
    expect(uploaded.statusCode, uploaded.body.slice(0, 300)).toBe(201);
    expect(readyz.statusCode).toBe(200);
    expect(findings.statusCode).toBe(200);
    expect(findings.json<{ items: unknown[] }>().items).toHaveLength(1);
    // Both were answered while the upload was still being written.
    expect(order).toEqual(['readyz', 'findings', 'upload']);
  }, 60_000);
});
