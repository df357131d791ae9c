import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `rampart server` end to end, through the real binary only (the SQLite addon is never loaded in the
 * test process): create an administrator, start the server on 127.0.0.1 with a free port, create tokens,
 * upload a scan with `rampart scan --upload`, read the findings back, stop with SIGTERM while an upload
 * is in flight, and verify the audit log. Loopback only.
 */

const bin = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'rampart-server-e2e-'));
const dataDir = join(work, 'data');
const password = ['e2e', 'password', 'long', 'enough'].join('-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function rampart(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: options.cwd ?? work,
        env: { ...process.env, CI: 'true', RAMPART_DB: join(work, 'osv.db'), ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 2) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('git', args, { cwd }, (error, stdout) =>
      error ? reject(new Error(error.message)) : resolve(stdout.trim()),
    ),
  );
}

/** A loopback port that nothing listens on (it was free a moment ago). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

let server: ChildProcess;
let address = '';
let logs = '';
let exited: Promise<number | null>;
let project = '';

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(`${address}${path}`, { ...init, headers });
}

beforeAll(async () => {
  const db = await rampart([
    'db',
    'import',
    fileURLToPath(new URL('fixtures/sca/advisories.jsonl', import.meta.url)),
  ]);
  expect(db.code, db.stderr).toBe(0);
  const admin = await rampart(
    ['server', 'create-admin', '--email', 'admin@example.com', '--data-dir', dataDir],
    {
      input: `${password}\n`,
    },
  );
  expect(admin.code, admin.stderr).toBe(0);
  expect(admin.stdout).toContain('created administrator admin@example.com');

  server = spawn(process.execPath, [bin, 'server', '--port', '0'], {
    cwd: work,
    env: {
      ...process.env,
      RAMPART_HOST: '127.0.0.1',
      RAMPART_DATA_DIR: dataDir,
      // The SLA policy from the environment: critical and high shortened, medium and low the defaults.
      RAMPART_SLA_DAYS: 'critical=3,high=14',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${logs}`)), 20_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      logs += chunk.toString('utf8');
      const match = /"event":"started","address":"(http:\/\/127\.0\.0\.1:[0-9]+)"/.exec(logs);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    server.stderr!.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
  });

  // A git repository of the deliberately vulnerable sample.
  project = join(work, 'vulnerable-app');
  cpSync(join(repo, 'samples/vulnerable-app'), project, { recursive: true });
  // A lockfile, so that the upload carries an SBOM and a dependency finding (lodash 4.17.4 has advisories).
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'vulnerable-app',
      lockfileVersion: 3,
      packages: {
        '': { name: 'vulnerable-app', dependencies: { lodash: '4.17.4' } },
        'node_modules/lodash': { version: '4.17.4' },
      },
    }),
  );
  await git(project, 'init', '-q', '-b', 'main');
  await git(project, 'add', '.');
  await git(project, '-c', 'user.email=e2e@example.com', '-c', 'user.name=e2e', 'commit', '-qm', 'sample');
}, 60_000);

afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL');
});

describe('rampart server end to end', () => {
  let cookie = '';
  let csrf = '';
  let ingestToken = '';
  let readToken = '';

  it('refuses a short password and a bad port with a plain message', async () => {
    const short = await rampart(
      ['server', 'create-admin', '--email', 'x@example.com', '--data-dir', dataDir],
      {
        input: 'short\n',
      },
    );
    expect(short).toMatchObject({ code: 2, stderr: 'rampart: a password needs at least 12 characters\n' });
    const port = await rampart(['server', '--port', 'http'], {});
    expect(port).toMatchObject({
      code: 2,
      stderr: 'rampart: invalid port "http": a number from 0 to 65535\n',
    });
  });

  it('logs JSON lines, answers health checks, and signs the administrator in', async () => {
    for (const line of logs.split('\n').filter((l) => l.startsWith('{')))
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(await (await api('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await api('/readyz')).status).toBe(200);
    const res = await api('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password }),
    });
    expect(res.status).toBe(200);
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    // Plain http on loopback: no Secure flag, still HttpOnly and SameSite.
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  });

  it('creates an ingest token through the API and a read token with the CLI', async () => {
    const res = await api('/api/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ name: 'ci', scope: 'ingest', projects: ['acme/vulnerable-app'] }),
    });
    expect(res.status).toBe(201);
    ingestToken = ((await res.json()) as { token: string }).token;
    expect(ingestToken).toMatch(/^rpt_/);
    const cli = await rampart([
      'server',
      'create-token',
      '--name',
      'dashboard',
      '--scope',
      'read',
      '--project',
      'acme/vulnerable-app',
      '--data-dir',
      dataDir,
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    readToken = cli.stdout.trim();
    expect(readToken).toMatch(/^rpt_[A-Za-z0-9_-]{43}$/);
    expect(cli.stderr).not.toContain(readToken);

    // A server-wide metrics token for Prometheus: no project, reads /metrics and nothing else.
    const refused = await rampart([
      'server',
      'create-token',
      '--name',
      'p',
      '--scope',
      'metrics',
      '--project',
      'x',
      '--data-dir',
      dataDir,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('leave out --project');
    const metrics = await rampart([
      'server',
      'create-token',
      '--name',
      'prometheus',
      '--scope',
      'metrics',
      '--data-dir',
      dataDir,
    ]);
    expect(metrics.code, metrics.stderr).toBe(0);
    expect(metrics.stderr).toContain('for the whole server');
    const scrape = await fetch(`${address}/metrics`, {
      headers: { authorization: `Bearer ${metrics.stdout.trim()}` },
    });
    expect(scrape.status).toBe(200);
    const exposition = await scrape.text();
    expect(exposition).toContain('# TYPE');
    for (const [severity, days] of [
      ['critical', 3],
      ['high', 14],
      ['medium', 90],
      ['low', 180],
    ])
      expect(exposition).toContain(`rampart_sla_policy_days{severity="${severity}"} ${days}\n`);
    const notData = await fetch(`${address}/api/v1/projects/acme%2Fvulnerable-app/findings`, {
      headers: { authorization: `Bearer ${metrics.stdout.trim()}` },
    });
    expect(notData.status).toBe(403);
  });

  it('uploads a scan with `rampart scan --upload`, keeping the exit code, and reads the findings back', async () => {
    const env = {
      RAMPART_TOKEN: ingestToken,
      GITHUB_SERVER_URL: 'https://github.example.com',
      GITHUB_REPOSITORY: 'acme/vulnerable-app',
      GITHUB_RUN_ID: '42',
    };
    const scan = await rampart(
      ['scan', '.', '--upload', address, '--format', 'json', '--progress', 'never'],
      {
        env,
        cwd: project,
      },
    );
    // The sample fails the gate: the scan's exit code stays 1 after a successful upload.
    expect(scan.code, scan.stderr).toBe(1);
    expect(scan.stderr).toMatch(
      /uploaded to http:\/\/127\.0\.0\.1:[0-9]+: project acme\/vulnerable-app, scan 1: [0-9]+ findings/,
    );
    const local = JSON.parse(scan.stdout) as { findings: { fingerprint: string }[] };

    const findings = await api(
      `/api/v1/projects/${encodeURIComponent('acme/vulnerable-app')}/findings?limit=1000`,
      {
        token: readToken,
      },
    );
    expect(findings.status).toBe(200);
    const body = (await findings.json()) as { items: { fingerprint: string; state: string }[] };
    expect(body.items.map((f) => f.fingerprint).sort()).toEqual(
      local.findings.map((f) => f.fingerprint).sort(),
    );
    expect(new Set(body.items.map((f) => f.state))).toEqual(new Set(['new']));

    const scans = (await (
      await api(`/api/v1/projects/${encodeURIComponent('acme/vulnerable-app')}/scans`, { token: readToken })
    ).json()) as { items: { commit: string; branch: string; pipelineUrl: string; kind: string }[] };
    expect(scans.items[0]).toMatchObject({
      commit: await git(project, 'rev-parse', 'HEAD'),
      branch: 'main',
      pipelineUrl: 'https://github.example.com/acme/vulnerable-app/actions/runs/42',
      kind: 'full',
    });

    // The SBOM came along: the server knows who uses lodash 4.17.4.
    const usage = await api('/api/v1/packages?name=lodash&version=4.17.4', { token: readToken });
    expect(((await usage.json()) as { items: { project: string; purl: string }[] }).items).toEqual([
      expect.objectContaining({ project: 'acme/vulnerable-app', purl: 'pkg:npm/lodash@4.17.4' }),
    ]);
    expect(body.items.some((f) => (f as { ruleId?: string }).ruleId?.startsWith('sca/'))).toBe(true);
  }, 60_000);

  it('reports upload errors plainly and keeps the scan verdict', async () => {
    const base = ['scan', '.', '--upload', address, '--format', 'json', '--progress', 'never'];
    const other = await rampart([...base, '--project', 'acme/other'], {
      env: { RAMPART_TOKEN: ingestToken },
      cwd: project,
    });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(
      'rampart: upload failed: RAMPART_TOKEN may not upload to project "acme/other"',
    );
    const unknown = await rampart(base, { env: { RAMPART_TOKEN: `rpt_${'x'.repeat(43)}` }, cwd: project });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('the server does not accept RAMPART_TOKEN');
    const missing = await rampart(base, { env: { RAMPART_TOKEN: '' }, cwd: project });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'rampart: --upload needs an API token in the RAMPART_TOKEN environment variable\n',
    );
    const closed = await freePort();
    const down = await rampart(
      [...base.slice(0, 2), '--upload', `http://127.0.0.1:${closed}`, '--format', 'json'],
      {
        env: { RAMPART_TOKEN: ingestToken },
        cwd: project,
      },
    );
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`upload failed: cannot reach http://127.0.0.1:${closed}: ECONNREFUSED`);
    for (const res of [other, unknown, down]) {
      expect(res.stderr).not.toMatch(/\n\s+at /);
      expect(res.stderr).not.toContain(ingestToken);
    }
  }, 60_000);

  it('finishes an upload in flight on SIGTERM, then stops and closes the store', async () => {
    const results = Array.from({ length: 30_000 }, (_, i) => ({
      ruleId: 'big.rule',
      message: { text: `finding ${i}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: `src/f${i % 300}.js` }, region: { startLine: i + 1 } },
        },
      ],
    }));
    const sarif = Buffer.from(
      JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'bigtool' } }, results }] }),
    );
    // The body is sent in two halves; the second only once the server has begun to stop, so the
    // request is certainly in flight when SIGTERM arrives.
    let sendRest!: () => void;
    const gate = new Promise<void>((resolve) => (sendRest = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(sarif.subarray(0, sarif.length >> 1));
        await gate;
        controller.enqueue(sarif.subarray(sarif.length >> 1));
        controller.close();
      },
    });
    const upload = api(`/api/v1/projects/${encodeURIComponent('acme/vulnerable-app')}/scans?branch=main`, {
      method: 'POST',
      token: ingestToken,
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    });
    const logged = (text: string) =>
      new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (logs.includes(text)) {
            clearInterval(poll);
            resolve();
          }
        }, 5);
      });
    await logged('"url":"/api/v1/projects/acme%2Fvulnerable-app/scans?branch=main"');
    server.kill('SIGTERM');
    await logged('"event":"stopping"');
    sendRest();
    const res = await upload;
    expect(res.status).toBe(201);
    expect(((await res.json()) as { findings: number }).findings).toBe(30_000);
    expect(await exited).toBe(0);
    const lines = logs
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { event?: string });
    // The big upload was still being read and ingested when the server was told to stop.
    expect(lines.map((l) => l.event).filter(Boolean)).toEqual([
      'started',
      'scan-ingested',
      'stopping',
      'scan-ingested',
      'stopped',
    ]);
    // No secret reached the log.
    for (const secret of [password, ingestToken, readToken, csrf, cookie.split('=')[1]!])
      expect(logs).not.toContain(secret);
  }, 60_000);

  it('verifies the audit log, and detects an edited export', async () => {
    const verify = await rampart(['audit', 'verify', '--data-dir', dataDir]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^audit log intact: [0-9]+ entries/m);
    const file = join(work, 'audit.jsonl');
    const exported = await rampart(['audit', 'export', '--data-dir', dataDir, '-o', file]);
    expect(exported.code, exported.stderr).toBe(0);
    const key = `${file}.pub.pem`;
    expect((await rampart(['audit', 'verify', '--export', file, '--public-key', key])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"action":"token.created"');
    writeFileSync(
      file,
      text.replace('"actor":"user:admin@example.com"', '"actor":"user:mallory@example.com"'),
    );
    const tampered = await rampart([
      'audit',
      'verify',
      '--export',
      file,
      '--public-key',
      key,
      '--format',
      'json',
    ]);
    expect(tampered.code).toBe(1);
    expect(
      (JSON.parse(tampered.stdout) as { problems: { kind: string }[] }).problems.map((p) => p.kind),
    ).toContain('modified');
    const noKey = await rampart(['audit', 'verify', '--export', file]);
    expect(noKey.code).toBe(2);
  }, 60_000);
});
