import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 7, faults: "killing the server during an ingest loses no previously committed data and leaves no
 * half-imported scan". The real binary on SQLite, killed with SIGKILL while a 100k-finding upload is
 * being written (its write transaction has spilled pages into the WAL file), then started again.
 */

const bin = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'rampart-server-kill-'));
const dataDir = join(work, 'data');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function rampart(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: work }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 2) : 0, stdout, stderr }),
    );
  });
}

async function start(): Promise<{ child: ChildProcess; address: string; logs: () => string }> {
  const child = spawn(process.execPath, [bin, 'server', '--port', '0', '--data-dir', dataDir], {
    cwd: work,
    env: { ...process.env, RAMPART_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let logs = '';
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${logs}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      logs += chunk.toString('utf8');
      const match = /"event":"started","address":"(http:\/\/127\.0\.0\.1:[0-9]+)"/.exec(logs);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
  });
  return { child, address, logs: () => logs };
}

function report(count: number, prefix: string) {
  const findings = [];
  for (let i = 0; i < count; i++) {
    const line = (i % 1000) + 1;
    findings.push({
      ruleId: 'secrets/generic-api-key',
      scanner: 'secrets',
      severity: 'high',
      message: `Generic API key ${i}`,
      location: { path: `src/f${i % 500}.ts`, startLine: line, startColumn: 1, endLine: line, endColumn: 9 },
      cwe: ['CWE-798'],
      fingerprint: `${prefix}${i.toString(16).padStart(30, '0')}`,
    });
  }
  return {
    $schema: 'https://rampart.dev/schemas/result-1.json',
    schemaVersion: '1.0.0',
    tool: { name: 'rampart', version: '0.1.0' },
    scanners: [{ id: 'secrets', version: '0.1.0', rules: 1 }],
    rules: [],
    findings,
    suppressed: [],
    diagnostics: [],
    stats: {
      filesWalked: 1,
      filesScanned: 1,
      skipped: { binary: 0, vendored: 0, minified: 0, generated: 0, 'too-large': 0, unreadable: 0 },
    },
    policy: { passed: false, reasons: [], failOn: 'high' },
  };
}

function upload(address: string, token: string, commit: string, body: object): Promise<Response> {
  return fetch(`${address}/api/v1/projects/kill%2Fapp/scans`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    },
    body: gzipSync(JSON.stringify({ branch: 'main', commit: commit.repeat(40), report: body })),
  });
}

describe('rampart server killed during an ingest', () => {
  it('keeps what was committed, has no trace of the interrupted upload, and takes it again', async () => {
    const created = await rampart([
      'server',
      'create-token',
      '--name',
      'ci',
      '--project',
      'kill/app',
      '--data-dir',
      dataDir,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const ingestToken = created.stdout.trim();
    const read = await rampart([
      'server',
      'create-token',
      '--name',
      'r',
      '--scope',
      'read',
      '--project',
      'kill/app',
      '--data-dir',
      dataDir,
    ]);
    const readToken = read.stdout.trim();

    const first = await start();
    const small = await upload(first.address, ingestToken, 'a', report(3, 'aa'));
    expect(small.status, await small.clone().text()).toBe(201);

    // The big upload: kill the process once its write transaction has spilled into the WAL file.
    const wal = join(dataDir, 'rampart.db-wal');
    const walBefore = existsSync(wal) ? statSync(wal).size : 0;
    const big = report(100_000, 'bb');
    const pending = upload(first.address, ingestToken, 'b', big).catch((error: unknown) => error);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && statSync(wal).size < walBefore + 4 * 1024 * 1024)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const ingested = first.logs().includes('"scanId":2');
    first.child.kill('SIGKILL');
    await pending;
    // The kill landed inside the write, not after it.
    expect(ingested).toBe(false);

    // The audit chain and its signed checkpoints are intact.
    const verify = await rampart(['audit', 'verify', '--data-dir', dataDir]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);

    const second = await start();
    const headers = { authorization: `Bearer ${readToken}` };
    const scans = (await (
      await fetch(`${second.address}/api/v1/projects/kill%2Fapp/scans`, { headers })
    ).json()) as { items: { findingCount: number }[] };
    expect(scans.items.map((s) => s.findingCount)).toEqual([3]);
    const findings = (await (
      await fetch(`${second.address}/api/v1/projects/kill%2Fapp/findings?limit=1000`, { headers })
    ).json()) as { items: { fingerprint: string }[] };
    expect(findings.items.map((f) => f.fingerprint).every((f) => f.startsWith('aa'))).toBe(true);
    expect(findings.items).toHaveLength(3);

    // The interrupted upload goes through whole when sent again.
    const again = await upload(second.address, ingestToken, 'b', big);
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ created: 100_000, duplicate: false });
    second.child.kill('SIGTERM');
  }, 120_000);
});
