import { describe, expect, it } from 'vitest';
import { isLoopback, maskUrl, serverSettings } from '../src/commands/server.js';
import { pipelineUrlFromEnv, projectFromRemote, uploadTarget } from '../src/commands/upload.js';
import type { CliIo } from '../src/io.js';

// Pure helpers of `rampart server` and `scan --upload`; nothing here loads the server's store.

function io(env: Record<string, string> = {}): CliIo & { err: string[] } {
  const err: string[] = [];
  return {
    err,
    stdout: () => undefined,
    stderr: (s) => err.push(s),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env,
    cwd: '/work',
    columns: 80,
  };
}

const TOKEN = `rpt_${'a'.repeat(43)}`;

describe('scan --upload helpers', () => {
  it('builds the pipeline URL from the CI variables', () => {
    expect(
      pipelineUrlFromEnv({
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_RUN_ID: '7',
      }),
    ).toBe('https://github.com/acme/app/actions/runs/7');
    expect(pipelineUrlFromEnv({ CI_PIPELINE_URL: 'https://gitlab.example.com/acme/app/-/pipelines/3' })).toBe(
      'https://gitlab.example.com/acme/app/-/pipelines/3',
    );
    expect(pipelineUrlFromEnv({ BUILD_URL: 'https://jenkins/job/1/' })).toBe('https://jenkins/job/1/');
    expect(pipelineUrlFromEnv({ RAMPART_PIPELINE_URL: 'https://x/1', BUILD_URL: 'https://y' })).toBe(
      'https://x/1',
    );
    expect(pipelineUrlFromEnv({})).toBeUndefined();
  });

  it('names the project after the git remote', () => {
    expect(projectFromRemote('git@github.com:acme/payments.git')).toBe('acme/payments');
    expect(projectFromRemote('https://github.com/acme/payments.git')).toBe('acme/payments');
    expect(projectFromRemote('ssh://git@gitlab.example.com:2222/group/sub/app.git/')).toBe('group/sub/app');
    expect(projectFromRemote('https://example.com/')).toBeUndefined();
    expect(projectFromRemote(`https://example.com/${'/'.repeat(50_000)}x`)).toBe('x');
  });

  it('checks the server URL, the token and the project before scanning', () => {
    expect(
      uploadTarget(io({ RAMPART_TOKEN: TOKEN }), 'https://rampart.example.com', 'acme/app'),
    ).toMatchObject({
      project: 'acme/app',
      token: TOKEN,
    });
    expect(() => uploadTarget(io(), 'https://r.example.com', undefined)).toThrow(/RAMPART_TOKEN/);
    expect(() => uploadTarget(io({ RAMPART_TOKEN: 'ghp_x' }), 'https://r.example.com', undefined)).toThrow(
      /not a Rampart API token/,
    );
    expect(() => uploadTarget(io({ RAMPART_TOKEN: TOKEN }), 'ftp://r.example.com', undefined)).toThrow(
      /http/,
    );
    expect(() => uploadTarget(io({ RAMPART_TOKEN: TOKEN }), 'https://u:p@r.example.com', undefined)).toThrow(
      /no credentials/,
    );
    expect(() => uploadTarget(io({ RAMPART_TOKEN: TOKEN }), 'https://r.example.com', '../etc')).toThrow(
      /invalid project name/,
    );
    const plain = io({ RAMPART_TOKEN: TOKEN });
    uploadTarget(plain, 'http://rampart.internal', 'a');
    expect(plain.err.join('')).toContain('plain http');
    const local = io({ RAMPART_TOKEN: TOKEN });
    uploadTarget(local, 'http://127.0.0.1:8080', 'a');
    expect(local.err).toEqual([]);
  });
});

describe('rampart server settings', () => {
  it('takes flags over RAMPART_* variables over defaults', () => {
    expect(serverSettings(io(), {})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      dataDir: '/work/rampart-data',
      databaseUrl: '',
      trustProxy: [],
    });
    expect(serverSettings(io({ RAMPART_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }), {}).trustProxy).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
    ]);
    expect(
      serverSettings(
        io({
          RAMPART_HOST: '0.0.0.0',
          RAMPART_PORT: '9000',
          RAMPART_DATA_DIR: '/data',
          DATABASE_URL: 'postgres://x',
        }),
        {},
      ),
    ).toEqual({ host: '0.0.0.0', port: 9000, dataDir: '/data', databaseUrl: 'postgres://x', trustProxy: [] });
    expect(serverSettings(io({ RAMPART_PORT: '9000' }), { port: '0', dataDir: 'd' })).toMatchObject({
      port: 0,
      dataDir: '/work/d',
    });
    expect(() => serverSettings(io(), { port: '80a' })).toThrow(/invalid port/);
    expect(() => serverSettings(io(), { port: '70000' })).toThrow(/invalid port/);
  });

  it('knows loopback hosts and masks database passwords', () => {
    expect(['127.0.0.1', 'localhost', '::1', '127.1.2.3'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', 'rampart.example.com'].some(isLoopback)).toBe(false);
    // rampart-ignore: secrets/database-url-password a made-up password the masking must hide
    expect(maskUrl('postgres://rampart:s3cret@db:5432/rampart')).toBe(
      'postgres://rampart:****@db:5432/rampart',
    );
    expect(maskUrl('postgres://db/rampart')).toBe('postgres://db/rampart');
  });
});
