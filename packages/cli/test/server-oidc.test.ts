import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOidcAtStart, oidcOptions } from '../src/commands/server-oidc.js';
import type { CliIo } from '../src/io.js';

// The OIDC settings of `rampart server`: flags, RAMPART_OIDC_* variables, and the secret's sources.

const dir = mkdtempSync(join(tmpdir(), 'rampart-oidc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string> = {}): CliIo {
  return {
    stdout: () => undefined,
    stderr: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env,
    cwd: dir,
    columns: 80,
  };
}

const ENV = {
  RAMPART_OIDC_ISSUER: 'https://login.example.com/realms/dev',
  RAMPART_OIDC_CLIENT_ID: 'rampart',
  RAMPART_OIDC_CLIENT_SECRET: 's3cret',
  RAMPART_PUBLIC_URL: 'https://rampart.example.com',
};

describe('rampart server OIDC settings', () => {
  it('is off without an issuer', () => {
    expect(oidcOptions(io(), {})).toBeUndefined();
  });

  it('takes flags over variables, and lists of scopes and groups', () => {
    expect(
      oidcOptions(
        io({
          ...ENV,
          RAMPART_OIDC_SCOPES: 'openid email',
          RAMPART_OIDC_ADMIN_GROUPS: 'ops, /rampart-admins',
          RAMPART_OIDC_LINK_BY_EMAIL: 'true',
        }),
        { oidcClientId: 'from-flag', oidcScopes: 'openid,email groups', oidcName: 'Keycloak' },
      ),
    ).toEqual({
      issuer: ENV.RAMPART_OIDC_ISSUER,
      clientId: 'from-flag',
      clientSecret: 's3cret',
      publicUrl: ENV.RAMPART_PUBLIC_URL,
      scopes: ['openid', 'email', 'groups'],
      adminGroups: ['ops', '/rampart-admins'],
      displayName: 'Keycloak',
      linkByEmail: true,
    });
    expect(oidcOptions(io(ENV), { oidcAllowUnverifiedEmail: true })).toMatchObject({
      requireVerifiedEmail: false,
    });
  });

  it('reads the secret from a file without its final newline, and not from both sources', () => {
    const file = join(dir, 'secret');
    writeFileSync(file, 'from-file\n');
    const { RAMPART_OIDC_CLIENT_SECRET: _direct, ...withoutSecret } = ENV;
    expect(
      oidcOptions(io({ ...withoutSecret, RAMPART_OIDC_CLIENT_SECRET_FILE: 'secret' }), {})?.clientSecret,
    ).toBe('from-file');
    expect(() => oidcOptions(io({ ...ENV, RAMPART_OIDC_CLIENT_SECRET_FILE: file }), {})).toThrow(/not both/);
    expect(() =>
      oidcOptions(io({ ...withoutSecret, RAMPART_OIDC_CLIENT_SECRET_FILE: 'missing' }), {}),
    ).toThrow(/ENOENT/);
  });

  it('refuses the secret as an argument, settings without an issuer, and unclear booleans', () => {
    expect(() => oidcOptions(io(ENV), { oidcClientSecret: 'visible' })).toThrow(/RAMPART_OIDC_CLIENT_SECRET/);
    expect(() => oidcOptions(io(), { oidcClientId: 'x' })).toThrow(/without an issuer/);
    expect(() => oidcOptions(io({ ...ENV, RAMPART_OIDC_LINK_BY_EMAIL: 'maybe' }), {})).toThrow(
      /true or false/,
    );
  });

  it('stops the start with a plain message when the settings are wrong or the provider is unreachable', async () => {
    await expect(
      checkOidcAtStart({ ...oidcOptions(io(ENV), {})!, publicUrl: 'http://rampart.example.com' }),
    ).rejects.toThrow(/public URL must use https/);
    // A port nothing listens on.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await checkOidcAtStart({
      ...oidcOptions(io(ENV), {})!,
      issuer: `http://127.0.0.1:${port}`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/cannot read the OpenID provider's metadata/);
    expect((error as Error).message).not.toContain('s3cret');
  });
});
