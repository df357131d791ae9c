import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  CLIENT_ID,
  CLIENT_SECRET,
  freePort,
  startProvider,
  type TestProvider,
} from '../../server/test/oidc-helpers.js';

/**
 * `rampart server` with OIDC flags, through the real binary (the SQLite addon stays out of the test
 * process), against a real OpenID provider on 127.0.0.1: the secret from a file, a full sign-in, and a
 * plain refusal of bad settings at start. Loopback only.
 */

const bin = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'rampart-oidc-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('rampart server with OIDC sign-in', () => {
  let provider: TestProvider;
  let server: ChildProcess;
  let url: string;
  let stdout = '';
  let stderr = '';

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    provider = await startProvider([`${url}/api/v1/auth/oidc/callback`]);
    provider.accounts.set('ops-sub', { email: 'ops@example.com', email_verified: true, groups: ['ops'] });
    const secretFile = join(work, 'oidc-secret');
    writeFileSync(secretFile, `${CLIENT_SECRET}\n`, { mode: 0o600 });
    server = spawn(
      process.execPath,
      [
        bin,
        'server',
        '--port',
        String(port),
        '--data-dir',
        join(work, 'data'),
        '--public-url',
        url,
        '--oidc-issuer',
        provider.issuer,
        '--oidc-client-id',
        CLIENT_ID,
        '--oidc-scopes',
        'openid email groups',
        '--oidc-admin-groups',
        'ops',
      ],
      {
        env: { ...process.env, RAMPART_OIDC_CLIENT_SECRET_FILE: secretFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    server.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const started = Date.now();
    while (!stdout.includes('"event":"oidc-enabled"')) {
      if (server.exitCode !== null || Date.now() - started > 20_000)
        throw new Error(`the server did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    if (server !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await provider?.close();
  });

  it('signs a member of an admin group in as an administrator', async () => {
    const providers = await fetch(`${url}/api/v1/auth/providers`);
    expect(await providers.json()).toMatchObject({ oidc: { enabled: true, name: 'Single sign-on' } });
    provider.signInAs = 'ops-sub';
    const browser = new Browser();
    const callback = await browser.followUntil(`${url}/api/v1/auth/oidc/login?returnTo=%2F`, (next) =>
      next.href.startsWith(`${url}/api/v1/auth/oidc/callback`),
    );
    const done = await browser.get(callback.href);
    expect(done.status).toBe(302);
    const session = await browser.get(`${url}/api/v1/session`);
    expect(await session.json()).toMatchObject({
      user: { email: 'ops@example.com', admin: true, roles: [] },
    });
    // The secret never reaches the logs.
    expect(stdout + stderr).not.toContain(CLIENT_SECRET);
  });

  it('refuses bad OIDC settings at start with exit code 2', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          bin,
          'server',
          '--port',
          '0',
          '--data-dir',
          join(work, 'other'),
          '--oidc-issuer',
          'http://sso.example.com',
        ],
        { env: { ...process.env, RAMPART_OIDC_CLIENT_SECRET: 'x' } },
        (error, _stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 2) : 0, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/issuer URL must use https/);
    expect(result.stderr).toMatch(/client id is missing/);
    expect(result.stderr).toMatch(/public URL is missing/);
  });
});
