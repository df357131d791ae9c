import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ingest,
  openStore,
  SIGNING_KEY_FILE,
  StoreConfigError,
  verifyAudit,
  type Store,
} from '../src/index.js';
import { nativeResult, tempDir } from './helpers.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A SQLite store with an audit log of 6 entries, sealed by checkpoints. */
async function populated(): Promise<Store> {
  const dataDir = tempDir();
  dirs.push(dataDir);
  const store = await openStore({ dataDir });
  stores.push(store);
  await ingest(store, {
    project: 'p',
    branch: 'main',
    commit: 'a'.repeat(40),
    report: nativeResult([{ fingerprint: 'f1' }, { fingerprint: 'f2' }]),
  });
  for (const name of ['alice', 'bob', 'carol'])
    await store.recordAdminAction({
      actor: 'admin',
      action: 'user.created',
      target: `user:${name}`,
      reason: 'onboarding',
    });
  await store.triage('p', 'f1', { decision: 'false_positive', justification: 'test data', actor: 'alice' });
  const result = await verifyAudit(store, store.signingKey.publicKeyPem);
  expect(result).toMatchObject({ ok: true, entries: 6, sealedThrough: 6, unsealed: 0 });
  return store;
}

describe('audit log tamper detection (SQLite)', () => {
  it('detects a modified entry', async () => {
    const store = await populated();
    await store.db.updateTable('audit_log').set({ reason: 'nothing to see' }).where('seq', '=', 4).execute();
    const result = await verifyAudit(store, store.signingKey.publicKey);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'modified', seq: 4 }));
  });

  it('detects a modified entry whose hash and chain were recomputed, through the signed checkpoints', async () => {
    const store = await populated();
    const { entryHash } = await import('../src/audit/chain.js');
    const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    let prev = rows[2]!.hash;
    for (const row of rows.slice(3)) {
      const content = {
        at: row.at,
        actor: row.seq === 4 ? 'mallory' : row.actor,
        action: row.action,
        target: row.target,
        reason: row.reason,
        data: row.data === null ? null : (JSON.parse(row.data) as unknown),
      };
      const hash = entryHash(prev, content);
      await store.db
        .updateTable('audit_log')
        .set({ actor: content.actor, prev_hash: prev, hash })
        .where('seq', '=', row.seq)
        .execute();
      prev = hash;
    }
    const result = await verifyAudit(store, store.signingKey.publicKeyPem);
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.kind === 'modified').map((p) => p.seq)).toEqual([4, 5, 6]);
  });

  it('detects a deleted entry', async () => {
    const store = await populated();
    await store.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    const result = await verifyAudit(store, store.signingKey.publicKey);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ kind: 'deleted', seq: 3, message: 'entry 3 is missing' });
  });

  it('detects a deleted last entry through its checkpoint', async () => {
    const store = await populated();
    await store.db.deleteFrom('audit_log').where('seq', '=', 6).execute();
    const result = await verifyAudit(store, store.signingKey.publicKey);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: 6 })]);
  });

  it('detects reordered entries', async () => {
    const store = await populated();
    // Swap entries 4 and 5 (sequence numbers only: each entry stays intact).
    await sql`update audit_log set seq = -1 where seq = 4`.execute(store.db);
    await sql`update audit_log set seq = 4 where seq = 5`.execute(store.db);
    await sql`update audit_log set seq = 5 where seq = -1`.execute(store.db);
    const result = await verifyAudit(store, store.signingKey.publicKey);
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.kind === 'reordered').map((p) => p.seq)).toEqual([4, 5, 6]);
  });

  it('rejects checkpoints signed by another key', async () => {
    const store = await populated();
    const other = generateKeyPairSync('ed25519').publicKey;
    const result = await verifyAudit(store, other);
    expect(result.ok).toBe(false);
    expect(result.problems.every((p) => p.kind === 'bad-signature')).toBe(true);
    expect(result.sealedThrough).toBe(0);
    expect(result.unsealed).toBe(6);
  });

  it('rejects a forged checkpoint signature', async () => {
    const store = await populated();
    await store.db
      .updateTable('audit_checkpoints')
      .set({ signature: Buffer.alloc(64).toString('base64') })
      .where('seq', '=', 6)
      .execute();
    const result = await verifyAudit(store, store.signingKey.publicKey);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'bad-signature', seq: 6 })]);
  });
});

describe('the signing key', () => {
  it('is created once with mode 0600 and reused', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await openStore({ dataDir });
    const keyId = first.signingKey.keyId;
    await first.close();
    if (process.platform !== 'win32')
      expect(statSync(join(dataDir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = await openStore({ dataDir });
    expect(second.signingKey.keyId).toBe(keyId);
    await second.close();
  });

  it.skipIf(process.platform === 'win32')('refuses a key file others can read', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    await (await openStore({ dataDir })).close();
    chmodSync(join(dataDir, SIGNING_KEY_FILE), 0o644);
    await expect(openStore({ dataDir })).rejects.toThrow(StoreConfigError);
    await expect(openStore({ dataDir })).rejects.toThrow(/chmod 600/);
  });

  it('refuses a database URL that is not PostgreSQL', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    await expect(openStore({ dataDir, databaseUrl: 'mysql://localhost/x' })).rejects.toThrow(/postgres:\/\//);
  });
});
