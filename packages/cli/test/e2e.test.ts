import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real binary, the real registry and the real secrets scanner, as a user runs them.
const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'rampart-e2e-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function rampart(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: repo,
      // A database of real advisories (test/fixtures/sca): the dependency checks run on this repository too.
      env: { ...process.env, CI: 'true', RAMPART_DB: join(out, 'osv.db') },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  const res = await rampart(
    'db',
    'import',
    fileURLToPath(new URL('fixtures/sca/advisories.jsonl', import.meta.url)),
  );
  expect(res.code).toBe(0);
});

describe('rampart binary end to end', () => {
  it('finds the deliberate secrets in the sample, masks them, and fails the gate', async () => {
    const sarif = join(out, 'sample.sarif');
    const res = await rampart(
      'scan',
      'samples/vulnerable-app',
      '--format',
      'json,sarif',
      '--output',
      `sarif=${sarif}`,
    );
    expect(res.code).toBe(1);
    const json = JSON.parse(res.stdout) as {
      findings: { ruleId: string; location: { path: string; snippet: string } }[];
    };
    expect(json.findings.map((f) => `${f.ruleId} ${f.location.path}`).sort()).toEqual([
      'iac/docker-base-image-latest Dockerfile',
      'iac/docker-base-image-no-digest Dockerfile',
      'iac/docker-missing-healthcheck Dockerfile',
      'iac/docker-missing-user Dockerfile',
      'sast/command-injection src/server.js',
      'sast/xss src/server.js',
      'secrets/aws-access-key-id src/config.js',
      'secrets/aws-secret-access-key src/config.js',
      'secrets/database-url-password .env',
      'secrets/generic-secret-assignment src/server.js',
      'secrets/private-key deploy/id_rsa',
      'secrets/slack-webhook .env',
      'secrets/stripe-secret-key .env',
    ]);
    // No secret from the sample appears in any output.
    const sample = readFileSync(join(repo, 'samples/vulnerable-app/src/config.js'), 'utf8');
    const key = /'(AKIA[A-Z0-9]{16})'/.exec(sample)![1]!;
    expect(res.stdout).not.toContain(key);
    expect(readFileSync(sarif, 'utf8')).not.toContain(key);
    expect(res.stderr).toContain('policy FAILED');
  });

  it('passes its own gate on this repository', async () => {
    const res = await rampart('scan', '.', '--format', 'json');
    expect(res.code).toBe(0);
  });

  it('exits 2 with a plain message for a bad path, and shows the stack only with --debug', async () => {
    const res = await rampart('scan', 'does/not/exist');
    expect(res).toMatchObject({ code: 2, stderr: 'rampart: path not found: does/not/exist\n' });
    const debug = await rampart('scan', 'does/not/exist', '--debug');
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/UsageError: path not found[\s\S]*\n\s+at /);
  });

  it('explains a shipped rule and lists rules', async () => {
    const explain = await rampart('explain', 'secrets/aws-access-key-id');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('Bad (flagged)');
    const rules = await rampart('rules', '--format', 'json');
    expect((JSON.parse(rules.stdout) as unknown[]).length).toBeGreaterThanOrEqual(11);
  });
});
