import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableUser } from '../src/auth/accounts.js';
import { checkOidcOptions, safeReturnPath } from '../src/auth/oidc-config.js';
import {
  createServer,
  createUser,
  OidcConfigError,
  verifyAudit,
  type OidcOptions,
  type RampartServer,
  type Store,
} from '../src/index.js';
import { implementations } from './helpers.js';
import { PASSWORD, startApi, type Api } from './http-helpers.js';
import {
  Browser,
  CLIENT_ID,
  CLIENT_SECRET,
  DENY,
  freePort,
  startProvider,
  type TestProvider,
} from './oidc-helpers.js';

/**
 * OIDC single sign-on against a real OpenID provider (`oidc-provider`) on 127.0.0.1: the whole browser
 * flow over HTTP with manual redirects and cookies, on every store implementation.
 */

const CALLBACK = '/api/v1/auth/oidc/callback';

interface Rampart {
  server: RampartServer;
  store: Store;
  url: string;
}

/**
 * A Rampart server over `store` with OIDC settings, listening on `port` (its public URL must be known
 * before it starts, for the redirect URI). Several may share one store, as instances behind a proxy do.
 */
async function startRampart(
  port: number,
  provider: TestProvider,
  store: Store,
  extra: Partial<OidcOptions> = {},
  now?: () => number,
): Promise<Rampart> {
  const url = `http://127.0.0.1:${port}`;
  const server = createServer({
    store,
    checkResponses: true,
    secureCookies: false,
    rateLimits: { login: { capacity: 1000, perSecond: 1000 } },
    oidc: {
      issuer: provider.issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      publicUrl: url,
      scopes: ['openid', 'email', 'groups'],
      adminGroups: ['rampart-admins'],
      displayName: 'Test IdP',
      ...extra,
    },
    ...(now !== undefined ? { now } : {}),
  });
  await server.listen({ host: '127.0.0.1', port });
  return { server, store, url };
}

/** Start a sign-in in `browser` and follow it through the provider; returns the callback URL, unopened. */
async function throughProvider(browser: Browser, rampart: Rampart, returnTo = '/projects'): Promise<URL> {
  const start = `${rampart.url}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`;
  return browser.followUntil(start, (next) => next.href.startsWith(rampart.url + CALLBACK));
}

interface SessionBody {
  kind: string;
  user: { id: number; email: string; admin: boolean; roles: unknown[] };
  csrfToken: string;
}

async function session(browser: Browser, rampart: Rampart): Promise<{ status: number; body: SessionBody }> {
  const response = await browser.get(`${rampart.url}/api/v1/session`);
  return { status: response.status, body: (await response.json()) as SessionBody };
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code, message: body.error.message };
}

async function auditActions(store: Store): Promise<{ action: string; actor: string; data: string | null }[]> {
  return store.db.selectFrom('audit_log').select(['action', 'actor', 'data']).orderBy('seq').execute();
}

async function userCount(store: Store): Promise<number> {
  return (await store.db.selectFrom('users').select('id').execute()).length;
}

describe('OIDC settings', () => {
  const base: OidcOptions = {
    issuer: 'https://login.example.com/realms/dev',
    clientId: 'rampart',
    clientSecret: 'very-secret-value',
    publicUrl: 'https://rampart.example.com',
  };

  it('accepts a complete configuration and builds the redirect URI', () => {
    const settings = checkOidcOptions(base);
    expect(settings.redirectUri).toBe('https://rampart.example.com/api/v1/auth/oidc/callback');
    expect(settings.scopes).toEqual(['openid', 'email', 'profile']);
    expect(settings.requireVerifiedEmail).toBe(true);
    expect(settings.linkByEmail).toBe(false);
    expect(checkOidcOptions({ ...base, scopes: ['email'] }).scopes).toEqual(['openid', 'email']);
  });

  it('names every problem at once, and never the secret', () => {
    let error: unknown;
    try {
      checkOidcOptions({
        ...base,
        issuer: 'http://login.example.com',
        publicUrl: 'https://rampart.example.com/rampart',
        clientId: '',
        scopes: ['openid', 'bad scope'],
        clientSecret: 'very-secret-value\n',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OidcConfigError);
    const problems = (error as OidcConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/issuer URL must use https/);
    expect(problems.join('\n')).toMatch(/public URL must be an origin/);
    expect(problems.join('\n')).toMatch(/client id is missing/);
    expect(problems.join('\n')).toMatch(/scope "bad scope"/);
    expect((error as Error).message).not.toContain('very-secret-value');
  });

  it('allows plain http only on loopback addresses, and no credentials in URLs', () => {
    expect(checkOidcOptions({ ...base, issuer: 'http://127.0.0.1:9000' }).insecureIssuer).toBe(true);
    expect(() => checkOidcOptions({ ...base, issuer: 'https://u:p@login.example.com' })).toThrow(
      /user name or password/,
    );
    expect(() => checkOidcOptions({ ...base, publicUrl: 'http://rampart.example.com' })).toThrow(/https/);
  });

  it('keeps returnTo on this server', () => {
    const origin = 'https://rampart.example.com';
    for (const good of ['/', '/projects', '/projects/a%2Fb/findings?severity=high#top'])
      expect(safeReturnPath(good, origin)).toBe(good);
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\t/evil.example',
      ' /projects',
      'projects',
      '',
    ])
      expect(safeReturnPath(bad, origin)).toBeUndefined();
  });
});

describe.each(implementations())('OIDC single sign-on ($name)', (impl) => {
  let store: Store;
  let provider: TestProvider;
  let rampart: Rampart;
  let linking: Rampart;
  let lenient: Rampart;
  let clock = 0;

  beforeAll(async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    provider = await startProvider(ports.map((port) => `http://127.0.0.1:${port}${CALLBACK}`));
    provider.accounts.set('alice-sub', { email: 'Alice@Example.com', email_verified: true, groups: ['dev'] });
    provider.accounts.set('root-sub', {
      email: 'root@example.com',
      email_verified: true,
      groups: ['dev', 'rampart-admins'],
    });
    provider.accounts.set('eve-sub', { email: 'eve@example.com', email_verified: false });
    provider.accounts.set('bob-sub', { email: 'bob@example.com', email_verified: true });
    provider.accounts.set('nomail-sub', {});
    store = await impl.open();
    rampart = await startRampart(ports[0]!, provider, store, {}, () => Date.now() + clock);
    linking = await startRampart(ports[1]!, provider, store, { linkByEmail: true });
    lenient = await startRampart(ports[2]!, provider, store, { requireVerifiedEmail: false });
  });

  afterAll(async () => {
    for (const server of [rampart, linking, lenient]) await server?.server.close();
    await store?.close();
    await provider?.close();
    await impl.cleanup();
  });

  it('says which sign-in methods are enabled', async () => {
    const response = await new Browser().get(`${rampart.url}/api/v1/auth/providers`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      password: { enabled: true },
      oidc: { enabled: true, name: 'Test IdP', loginUrl: '/api/v1/auth/oidc/login' },
    });
  });

  it('signs a new user in with PKCE, state and nonce, and creates them with no roles', async () => {
    const browser = new Browser();
    provider.signInAs = 'alice-sub';
    const start = await browser.get(`${rampart.url}/api/v1/auth/oidc/login?returnTo=%2Fprojects%3Fx%3D1`);
    expect(start.status).toBe(302);
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith('rampart_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(rampart.url + CALLBACK);

    const callback = await browser.followUntil(authorize.href, (next) =>
      next.href.startsWith(rampart.url + CALLBACK),
    );
    expect(callback.searchParams.get('code')).toBeTruthy();
    const done = await browser.get(callback.href);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/projects?x=1');
    const sessionCookie = done.headers.getSetCookie().find((c) => c.startsWith('rampart_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Strict/);
    expect(browser.cookie(rampart.url, 'rampart_oidc')).toBeUndefined();

    const me = await session(browser, rampart);
    expect(me.status).toBe(200);
    expect(me.body.kind).toBe('user');
    expect(me.body.user).toMatchObject({ email: 'alice@example.com', admin: false, roles: [] });
    expect(me.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Deny by default: no project is visible until an administrator grants a role.
    const projects = await browser.get(`${rampart.url}/api/v1/projects`);
    expect(await projects.json()).toEqual({ items: [] });

    const identities = await store.db.selectFrom('user_identities').selectAll().execute();
    expect(identities).toEqual([
      expect.objectContaining({ issuer: provider.issuer, subject: 'alice-sub', user_id: me.body.user.id }),
    ]);
    const audit = await auditActions(store);
    const created = audit.find((a) => a.action === 'user.created')!;
    expect(created.actor).toBe(`oidc:${provider.issuer}`);
    expect(JSON.parse(created.data!)).toMatchObject({
      email: 'alice@example.com',
      via: 'oidc',
      admin: false,
    });
    const signedIn = audit.filter((a) => a.action === 'user.signed-in');
    expect(signedIn.map((a) => [a.actor, JSON.parse(a.data!) as unknown])).toEqual([
      ['user:alice@example.com', { method: 'oidc' }],
    ]);

    // Nobody knows the password of a user created by OIDC.
    const password = await fetch(`${rampart.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@example.com', password: PASSWORD }),
    });
    expect(password.status).toBe(401);
  });

  it('signs the same user in again without creating another', async () => {
    const before = await userCount(store);
    const browser = new Browser();
    provider.signInAs = 'alice-sub';
    const done = await browser.get((await throughProvider(browser, rampart, '/')).href);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/');
    const me = await session(browser, rampart);
    expect(me.body.user.email).toBe('alice@example.com');
    expect(await userCount(store)).toBe(before);
    const audit = await auditActions(store);
    expect(audit.filter((a) => a.action === 'user.created')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'user.signed-in')).toHaveLength(2);
  });

  it('creates one user when two first sign-ins of an account complete at once', async () => {
    provider.accounts.set('dana-sub', { email: 'dana@example.com', email_verified: true });
    provider.signInAs = 'dana-sub';
    const browsers = [new Browser(), new Browser()];
    const callbacks = await Promise.all(browsers.map((b) => throughProvider(b, rampart)));
    const answers = await Promise.all(browsers.map((b, i) => b.get(callbacks[i]!.href)));
    expect(answers.map((a) => a.status)).toEqual([302, 302]);
    const users = await store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'dana@example.com')
      .execute();
    expect(users).toHaveLength(1);
    for (const browser of browsers) expect((await session(browser, rampart)).body.user.id).toBe(users[0]!.id);
  });

  it('makes members of an admin group administrators, for as long as they are members', async () => {
    provider.signInAs = 'root-sub';
    const browser = new Browser();
    await browser.get((await throughProvider(browser, rampart)).href);
    const me = await session(browser, rampart);
    expect(me.body.user).toMatchObject({ email: 'root@example.com', admin: true });
    const users = await browser.get(`${rampart.url}/api/v1/users`);
    expect(users.status).toBe(200);

    provider.accounts.set('root-sub', { email: 'root@example.com', email_verified: true, groups: ['dev'] });
    const again = new Browser();
    await again.get((await throughProvider(again, rampart)).href);
    expect((await session(again, rampart)).body.user.admin).toBe(false);
    // The earlier session follows the user's rights at once.
    expect((await session(browser, rampart)).body.user.admin).toBe(false);
    const actions = (await auditActions(store)).map((a) => a.action);
    expect(actions).toContain('user.admin-granted');
    expect(actions).toContain('user.admin-withdrawn');
  });

  it('refuses a callback with a tampered or missing state, and one without the browser cookie', async () => {
    provider.signInAs = 'alice-sub';
    const browser = new Browser();
    const callback = await throughProvider(browser, rampart);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'x'.repeat(43));
    const refused = await browser.get(tampered.href);
    expect(await errorOf(refused)).toMatchObject({ status: 400, code: 'oidc-failed' });
    expect(refused.headers.getSetCookie().some((c) => c.startsWith('rampart_session='))).toBe(false);
    expect(refused.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^rampart_oidc=;.*Max-Age=0/),
    );
    // The pending sign-in was used up by the refused attempt: the genuine callback fails too.
    expect((await errorOf(await browser.get(callback.href))).code).toBe('oidc-state-invalid');

    const second = new Browser();
    const genuine = await throughProvider(second, rampart);
    const missing = new URL(genuine);
    missing.searchParams.delete('state');
    expect(await errorOf(await second.get(missing.href))).toMatchObject({ status: 400, code: 'oidc-failed' });

    // Another browser (an attacker's link to a victim) has no pending sign-in.
    const third = new Browser();
    const theirs = await throughProvider(third, rampart);
    expect(await errorOf(await new Browser().get(theirs.href))).toMatchObject({
      status: 400,
      code: 'oidc-state-invalid',
    });
    expect((await session(second, rampart)).status).toBe(401);
  });

  it('reports a sign-in cancelled at the provider', async () => {
    provider.signInAs = DENY;
    const browser = new Browser();
    const callback = await throughProvider(browser, rampart);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const refused = await browser.get(callback.href);
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: 'oidc-denied' });
  });

  it('refuses a replayed callback', async () => {
    provider.signInAs = 'alice-sub';
    const browser = new Browser();
    const callback = await throughProvider(browser, rampart);
    const cookie = browser.cookieHeader(rampart.url);
    expect((await browser.get(callback.href)).status).toBe(302);
    // The same request again, with the cookie it had the first time.
    const replay = await fetch(callback.href, { redirect: 'manual', headers: { cookie } });
    expect(await errorOf(replay)).toMatchObject({ status: 400, code: 'oidc-state-invalid' });
  });

  it('refuses a sign-in that took longer than ten minutes', async () => {
    provider.signInAs = 'alice-sub';
    const browser = new Browser();
    const callback = await throughProvider(browser, rampart);
    clock = 11 * 60 * 1000;
    try {
      expect((await errorOf(await browser.get(callback.href))).code).toBe('oidc-state-invalid');
    } finally {
      clock = 0;
    }
  });

  it('refuses a returnTo that leaves the server, before anything is stored', async () => {
    const pending = async () => (await store.db.selectFrom('oidc_logins').select('id').execute()).length;
    const before = await pending();
    for (const returnTo of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      '/\t/evil.example',
    ]) {
      const response = await new Browser().get(
        `${rampart.url}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(await errorOf(response)).toMatchObject({ status: 400, code: 'invalid-return-to' });
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await pending()).toBe(before);
  });

  it('refuses an e-mail address the provider has not verified, unless told to accept it', async () => {
    provider.signInAs = 'eve-sub';
    const before = await userCount(store);
    const browser = new Browser();
    const refused = await browser.get((await throughProvider(browser, rampart)).href);
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: 'oidc-email-unverified' });
    expect(await userCount(store)).toBe(before);

    const lenientBrowser = new Browser();
    const accepted = await lenientBrowser.get((await throughProvider(lenientBrowser, lenient)).href);
    expect(accepted.status).toBe(302);
    expect((await session(lenientBrowser, lenient)).body.user.email).toBe('eve@example.com');
  });

  it('refuses an account without an e-mail address', async () => {
    provider.signInAs = 'nomail-sub';
    const browser = new Browser();
    const refused = await browser.get((await throughProvider(browser, rampart)).href);
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('refuses a disabled user', async () => {
    provider.signInAs = 'bob-sub';
    const browser = new Browser();
    await browser.get((await throughProvider(browser, rampart)).href);
    const me = await session(browser, rampart);
    expect(me.status).toBe(200);
    await disableUser(store, me.body.user.id, 'test');
    const again = new Browser();
    const refused = await again.get((await throughProvider(again, rampart)).href);
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: 'account-disabled' });
    expect(refused.headers.getSetCookie().some((c) => c.startsWith('rampart_session='))).toBe(false);
  });

  it('links an existing password user by e-mail address only when configured to', async () => {
    await createUser(store, { email: 'carol@example.com', password: PASSWORD }, 'test');
    provider.accounts.set('carol-sub', { email: 'carol@example.com', email_verified: true });
    provider.signInAs = 'carol-sub';

    const browser = new Browser();
    const refused = await browser.get((await throughProvider(browser, rampart)).href);
    expect(await errorOf(refused)).toMatchObject({ status: 409, code: 'conflict' });

    const linked = new Browser();
    expect((await linked.get((await throughProvider(linked, linking)).href)).status).toBe(302);
    const me = await session(linked, linking);
    const carol = await store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'carol@example.com')
      .executeTakeFirstOrThrow();
    expect(me.body.user.id).toBe(carol.id);
    const linkedEntry = (await auditActions(store)).find((a) => a.action === 'user.oidc-linked')!;
    expect(JSON.parse(linkedEntry.data!)).toMatchObject({ email: 'carol@example.com', subject: 'carol-sub' });
  });

  it('keeps the audit chain intact', async () => {
    const response = await new Browser().get(`${rampart.url}/healthz`);
    expect(response.status).toBe(200);
    const result = await verifyAudit(store, store.signingKey.publicKey);
    expect(result.ok).toBe(true);
  });
});

describe('OIDC not configured', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('says so, and has no OIDC routes to use', async () => {
    const providers = await api.server.app.inject({ url: '/api/v1/auth/providers' });
    expect(providers.json()).toEqual({ password: { enabled: true }, oidc: { enabled: false } });
    for (const url of ['/api/v1/auth/oidc/login?returnTo=%2F', '/api/v1/auth/oidc/callback?code=x&state=y']) {
      const response = await api.server.app.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not-found' } });
    }
  });

  it('answers 502 while the provider cannot be reached, and stores nothing', async () => {
    const port = await freePort();
    const unreachable = await startApi({
      oidc: {
        issuer: `http://127.0.0.1:${port}`,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        publicUrl: 'http://127.0.0.1:1',
      },
    });
    try {
      const response = await unreachable.server.app.inject({ url: '/api/v1/auth/oidc/login' });
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({ error: { code: 'oidc-unavailable' } });
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(await unreachable.store.db.selectFrom('oidc_logins').select('id').execute()).toEqual([]);
    } finally {
      await unreachable.close();
    }
  });

  it('refuses to start with invalid OIDC settings', () => {
    expect(() =>
      createServer({
        store: api.store,
        oidc: {
          issuer: 'ftp://x',
          clientId: 'c',
          clientSecret: 's',
          publicUrl: 'https://rampart.example.com',
        },
      }),
    ).toThrow(OidcConfigError);
  });
});
