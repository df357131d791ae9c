import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

// The real binary and the real secrets scanner in temporary git repositories.
const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

function repo(): { root: string; git: (...args: string[]) => string } {
  const root = mkdtempSync(join(tmpdir(), 'rampart-secrets-e2e-'));
  dirs.push(root);
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  return { root, git };
}

async function rampart(cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, CI: 'true' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Synthetic canaries in real formats (random characters; never issued).
const AWS_ID = 'AKIAZ7QW3RT5YUI9OPLK'; // rampart-ignore: secrets/* synthetic canary for the masking test
const DB_PASSWORD = 'Xq7mWv2Lp9Rt4Zk8'; // rampart-ignore: secrets/* synthetic canary for the masking test
const CANARY = `export const aws = '${AWS_ID}';\nexport const db = 'postgres://svc:${DB_PASSWORD}@db.internal:5432/app';\n`;

describe('secrets end to end', () => {
  it('never prints a full secret in any output format (canary test)', async () => {
    const { root } = repo();
    writeFileSync(join(root, 'config.ts'), CANARY);
    const formats = ['json', 'sarif', 'markdown', 'junit', 'html'];
    const res = await rampart(
      root,
      'scan',
      '.',
      '--format',
      ['table', ...formats].join(','),
      ...formats.flatMap((f) => ['--output', `${f}=out/report.${f}`]),
    );
    expect(res.code).toBe(1);
    const outputs = [
      res.stdout,
      res.stderr,
      ...readdirSync(join(root, 'out')).map((f) => readFileSync(join(root, 'out', f), 'utf8')),
    ];
    expect(outputs).toHaveLength(7);
    for (const text of outputs) {
      expect(text).not.toContain(AWS_ID);
      expect(text).not.toContain(DB_PASSWORD);
    }
    expect(res.stdout).toContain('secrets/aws-access-key-id');
    // --no-mask is the one way to see them, and it warns.
    const unmasked = await rampart(root, 'scan', '.', '--no-mask', '--format', 'json');
    expect(unmasked.stdout).toContain(AWS_ID);
    expect(unmasked.stderr).toContain('--no-mask shows secrets in full');
  });

  it('--history finds a secret that was committed and then deleted', async () => {
    const { root, git } = repo();
    writeFileSync(join(root, 'README.md'), '# app\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'init');
    writeFileSync(join(root, 'config.ts'), CANARY);
    git('add', '-A');
    git('commit', '-q', '-m', 'oops');
    const leaked = git('rev-parse', 'HEAD').trim();
    git('rm', '-q', 'config.ts');
    git('commit', '-q', '-m', 'remove');
    expect((await rampart(root, 'scan', '.')).code).toBe(0);
    const res = await rampart(root, 'scan', '.', '--history', '--format', 'json');
    expect(res.code).toBe(1);
    const findings = (
      JSON.parse(res.stdout) as {
        findings: {
          ruleId: string;
          location: { path: string; startLine: number };
          details: { commit: string; author: string };
        }[];
      }
    ).findings;
    const aws = findings.find((f) => f.ruleId === 'secrets/aws-access-key-id')!;
    expect(aws.location).toMatchObject({ path: 'config.ts', startLine: 1 });
    expect(aws.details).toMatchObject({ commit: leaked, author: 'Dev <dev@example.com>' });
    expect(res.stdout).not.toContain(AWS_ID);
    expect(JSON.parse(res.stdout).history).toEqual({ commits: 3 });
    // The table names the commit; a range without that commit does not find it.
    const table = await rampart(root, 'scan', '.', '--history', '--format', 'table');
    expect(table.stdout).toContain(`  commit ${leaked.slice(0, 12)} by Dev <dev@example.com> on `);
    const lastCommit = await rampart(
      root,
      'scan',
      '.',
      '--history-range',
      'HEAD~1..HEAD',
      '--format',
      'json',
    );
    expect(lastCommit.code).toBe(0);
    expect(JSON.parse(lastCommit.stdout)).toMatchObject({
      findings: [],
      history: { range: 'HEAD~1..HEAD', commits: 1 },
    });
    // The binary starts `git log` before the CLI parses its arguments, in the first one that names a
    // folder. From another folder where "json" (an option's value here) is a folder too, that guess is
    // wrong: the log is stopped and the right one read, with the same findings.
    const elsewhere = mkdtempSync(join(tmpdir(), 'rampart-secrets-e2e-cwd-'));
    dirs.push(elsewhere);
    mkdirSync(join(elsewhere, 'json'));
    const guessed = await rampart(elsewhere, 'scan', '--format', 'json', root, '--history');
    expect(guessed.code).toBe(1);
    expect(JSON.parse(guessed.stdout)).toMatchObject({ findings: JSON.parse(res.stdout).findings });
  });

  it('--staged reports what is staged, not the working tree, also when the early guess is wrong', async () => {
    const { root, git } = repo();
    writeFileSync(join(root, 'clean.ts'), 'export const a = 1;\n');
    git('add', 'clean.ts');
    git('commit', '-q', '-m', 'clean');
    // Staged: the secret. In the working tree since: the secret removed, and an unstaged leak.
    writeFileSync(join(root, 'config.ts'), CANARY);
    git('add', 'config.ts');
    writeFileSync(join(root, 'config.ts'), 'export const aws = process.env.AWS_KEY;\n');
    writeFileSync(join(root, 'clean.ts'), CANARY);
    const res = await rampart(root, 'scan', '--staged', '--format', 'json');
    expect(res.code).toBe(1);
    const paths = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as { findings: { location: { path: string } }[] }).findings
        .map((f) => f.location.path)
        .sort();
    expect(paths(res)).toEqual(['config.ts', 'config.ts']);
    // The binary starts git for --staged before the CLI parses its arguments, in the first argument that
    // names a folder ("json" here, from another folder): that fetch is dropped and the right one read.
    const elsewhere = mkdtempSync(join(tmpdir(), 'rampart-secrets-e2e-cwd-'));
    dirs.push(elsewhere);
    mkdirSync(join(elsewhere, 'json'));
    const guessed = await rampart(elsewhere, 'scan', '--format', 'json', root, '--staged');
    expect(guessed.code).toBe(1);
    expect(JSON.parse(guessed.stdout)).toMatchObject({ findings: JSON.parse(res.stdout).findings });
    // Outside a repository: a plain message, exit 2.
    const outside = await rampart(elsewhere, 'scan', '--staged');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--staged needs a git repository/);
  });

  it('inline markers work in files the secrets scanner alone reads (its prefilter looks for them)', async () => {
    const { root } = repo();
    // Built from parts, so that a scan of this repository does not take these for markers of its own.
    const marker = ['rampart', 'ignore:'].join('-');
    writeFileSync(join(root, 'a.ts'), `export const a = 1; // ${marker} secrets/no-such-rule because\n`);
    writeFileSync(
      join(root, 'b.ts'),
      `export const aws = '${AWS_ID}'; // ${marker} secrets/aws-access-key-id synthetic key\n`,
    );
    const res = await rampart(root, 'scan', '.', '--scanners', 'secrets', '--format', 'json');
    expect(res.code).toBe(0);
    const result = JSON.parse(res.stdout) as {
      findings: unknown[];
      suppressed: { ruleId: string; location: { path: string } }[];
      diagnostics: { code: string; path: string }[];
    };
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => [f.ruleId, f.location.path])).toEqual([
      ['secrets/aws-access-key-id', 'b.ts'],
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['unknown-rule', 'a.ts']]);
  });

  it('the installed pre-commit hook blocks a commit with a secret and lets a clean one through', async () => {
    const { root, git } = repo();
    const install = await rampart(root, 'hook', 'install');
    expect(install.code).toBe(0);
    writeFileSync(join(root, 'clean.ts'), 'export const a = 1;\n');
    git('add', 'clean.ts');
    git('commit', '-q', '-m', 'clean');
    writeFileSync(join(root, 'config.ts'), CANARY);
    git('add', 'config.ts');
    expect(() => git('commit', '-q', '-m', 'leak')).toThrow(/secrets\/aws-access-key-id/);
    expect(git('log', '--format=%s').trim().split('\n')).toEqual(['clean']);
    // A second install replaces our own hook; someone else's needs --force.
    expect((await rampart(root, 'hook', 'install')).code).toBe(0);
    writeFileSync(join(root, '.git/hooks/pre-commit'), '#!/bin/sh\nexit 0\n');
    expect((await rampart(root, 'hook', 'install')).code).toBe(2);
    expect((await rampart(root, 'hook', 'install', '--force')).code).toBe(0);
  });
});
