import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  allows,
  ConflictError,
  countAdmins,
  createToken,
  createUser,
  listTokens,
  listUsers,
  revokeToken,
  setProjectRole,
  verifyAudit,
  type Store,
} from '../src/index.js';
import { checkPassword, createSession, principalOfToken, userOfSession } from '../src/auth/accounts.js';
import { hashPassword, verifyPassword } from '../src/auth/password.js';
import { clock, DAY, implementations } from './helpers.js';
import { PASSWORD } from './http-helpers.js';

describe('password hashing', () => {
  it('hashes with a per-user salt and verifies in constant time', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}x`, a)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'scrypt$99999999$8$1$AA==$AA==')).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plain')).toBe(false);
  });
});

describe.each(implementations())('accounts contract: $name', (impl) => {
  const open: Store[] = [];
  const time = clock();
  async function fresh(): Promise<Store> {
    time.set(Date.UTC(2026, 0, 15, 12, 0, 0));
    const store = await impl.open({ now: time.now });
    open.push(store);
    return store;
  }
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  afterAll(() => impl.cleanup());

  it('creates users, grants roles, opens sessions and audits every change', async () => {
    const store = await fresh();
    expect(await countAdmins(store)).toBe(0);
    const admin = await createUser(
      store,
      { email: 'Admin@Example.com', password: PASSWORD, admin: true },
      'cli',
    );
    expect(admin).toMatchObject({ email: 'admin@example.com', admin: true });
    expect(await countAdmins(store)).toBe(1);
    await expect(
      createUser(store, { email: 'admin@example.com', password: PASSWORD }, 'cli'),
    ).rejects.toThrow(ConflictError);
    await expect(
      createUser(store, { email: 'second@example.com', password: PASSWORD, admin: true }, 'setup', {
        onlyIfNoAdmin: true,
      }),
    ).rejects.toThrow(/exists already/);
    const dev = await createUser(
      store,
      { email: 'dev@example.com', password: PASSWORD },
      'user:admin@example.com',
    );
    await setProjectRole(store, dev.id, 'acme/app', 'viewer', 'user:admin@example.com');
    await setProjectRole(store, dev.id, 'acme/app', 'maintainer', 'user:admin@example.com');
    expect((await listUsers(store)).find((u) => u.id === dev.id)!.roles).toEqual([
      { project: 'acme/app', role: 'maintainer' },
    ]);

    expect(await checkPassword(store, 'dev@example.com', 'wrong password!')).toBeUndefined();
    expect(await checkPassword(store, 'nobody@example.com', PASSWORD)).toBeUndefined();
    const userId = await checkPassword(store, 'DEV@example.com', PASSWORD);
    expect(userId).toBe(dev.id);
    const session = await createSession(store, dev.id, DAY);
    const principal = await userOfSession(store, session.secret, time.now());
    expect(principal).toMatchObject({ kind: 'user', email: 'dev@example.com', admin: false });
    expect(allows(principal!, 'triage', 'acme/app')).toBe(true);
    expect(allows(principal!, 'read', 'acme/other')).toBe(false);
    expect(await userOfSession(store, session.secret, time.now() + 2 * DAY)).toBeUndefined();
    expect(await userOfSession(store, 'x'.repeat(43), time.now())).toBeUndefined();

    const actions = [];
    for await (const entry of store.auditEntries())
      actions.push(`${entry.actor} ${entry.action} ${entry.target}`);
    expect(actions).toEqual([
      `cli user.created user:${admin.id}`,
      `user:admin@example.com user.created user:${dev.id}`,
      'user:admin@example.com member.granted project:acme/app',
      'user:admin@example.com member.granted project:acme/app',
      `user:dev@example.com user.signed-in user:${dev.id}`,
    ]);
    expect((await verifyAudit(store, store.signingKey.publicKeyPem)).ok).toBe(true);
  });

  it('creates scoped tokens stored as hashes, expires and revokes them', async () => {
    const store = await fresh();
    const { token, view } = await createToken(
      store,
      { name: 'ci', scope: 'ingest', projects: ['b/app', 'a/app', 'a/app'], expiresAt: time.now() + DAY },
      'cli',
    );
    expect(token).toMatch(/^rpt_[A-Za-z0-9_-]{43}$/);
    expect(view.projects).toEqual(['a/app', 'b/app']);
    const stored = await store.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const principal = await principalOfToken(store, token, time.now());
    expect(principal).toMatchObject({ kind: 'token', scope: 'ingest', name: 'ci' });
    expect(allows(principal!, 'ingest', 'a/app')).toBe(true);
    expect(allows(principal!, 'read', 'a/app')).toBe(false);
    expect(allows(principal!, 'ingest', 'c/app')).toBe(false);
    expect(await principalOfToken(store, token, time.now() + 2 * DAY)).toBeUndefined();
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await principalOfToken(store, altered, time.now())).toBeUndefined();
    const revoked = await revokeToken(store, view.id, 'user:admin@example.com');
    expect(revoked.revokedAt).toBe(time.now());
    expect(await principalOfToken(store, token, time.now())).toBeUndefined();
    expect((await listTokens(store)).map((t) => t.revokedAt)).toEqual([time.now()]);
    let entries = '';
    for await (const entry of store.auditEntries()) entries += JSON.stringify(entry);
    expect(entries).toContain('token.created');
    expect(entries).toContain('token.revoked');
    expect(entries).not.toContain(token);
  });
});
