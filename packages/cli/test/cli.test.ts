import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gitInit, tempTree, writeTree } from '../../core/test/support/helpers.js';

// The CLI runs with the core tests' demo scanner instead of the shipped registry.
vi.mock('../src/registry.js', () => ({
  SCANNER_REGISTRY: [{ id: 'demo', packageName: 'demo' }],
  registeredScanners: () => [
    { id: 'demo', url: new URL('../../core/test/support/demo-scanner.js', import.meta.url).href },
  ],
}));

const { run } = await import('../src/main.js');

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function tree(files: Record<string, string>): string {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.root;
}

async function cli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd,
    columns: 80,
  });
  return { code, stdout, stderr };
}

describe('rampart CLI', () => {
  it('exits 0 when the gate passes, 1 when it fails', async () => {
    const root = tree({ 'a.js': 'NOTE: hi\n' });
    const pass = await cli(root, 'scan', '.');
    expect(pass.code).toBe(0);
    expect(pass.stderr).toContain('policy passed');
    writeFileSync(join(root, 'b.js'), 'danger(1);\n');
    const fail = await cli(root, 'scan');
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('demo/danger-call');
    expect(fail.stderr).toContain('policy FAILED');
    expect((await cli(root, 'scan', '--fail-on', 'none')).code).toBe(0);
    expect((await cli(root, 'scan', '--fail-on', 'none', '--max-findings', '1')).code).toBe(1);
  });

  it('exits 2 with a message (no stack) for usage and config errors', async () => {
    const root = tree({ 'rampart.yml': 'fail-on: sometimes\nformat: [pdf]\n' });
    const bad = await cli(root, 'scan');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'rampart.yml:1:10: fail-on: expected one of critical, high, medium, low, info, none',
    );
    expect(bad.stderr).toContain('rampart.yml:2:');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const missing = await cli(root, 'scan', 'no/such/dir');
    expect(missing).toMatchObject({ code: 2, stderr: 'rampart: path not found: no/such/dir\n' });
    expect((await cli(root, 'scan', '--jobs', 'lots')).code).toBe(2);
    expect((await cli(root, 'scan', '--no-such-flag')).code).toBe(2);
    expect((await cli(root, 'frobnicate')).code).toBe(2);
  });

  it('writes several formats, one to stdout', async () => {
    const root = tree({ 'a.js': 'danger(1);\n' });
    const res = await cli(
      root,
      'scan',
      '--format',
      'json,sarif',
      '--output',
      'sarif=out/r.sarif',
      '--fail-on',
      'none',
    );
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout);
    expect(json.findings[0].ruleId).toBe('demo/danger-call');
    expect(JSON.parse(readFileSync(join(root, 'out/r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect((await cli(root, 'scan', '--format', 'json,sarif')).code).toBe(2);
    const single = await cli(root, 'scan', '--format', 'markdown', '--output', 'pr.md');
    expect(single.code).toBe(1);
    expect(readFileSync(join(root, 'pr.md'), 'utf8')).toContain('demo/danger-call');
  });

  it('scans a single file', async () => {
    const root = tree({ 'a.js': 'danger(1);\n', 'b.js': 'danger(2);\n' });
    const res = await cli(root, 'scan', 'b.js', '--format', 'json');
    expect(
      JSON.parse(res.stdout).findings.map((f: { location: { path: string } }) => f.location.path),
    ).toEqual(['b.js']);
  });

  it('creates a baseline and then reports only new findings', async () => {
    const root = tree({ 'a.js': 'danger(1);\n' });
    expect((await cli(root, 'baseline', 'create')).code).toBe(0);
    expect(existsSync(join(root, '.rampart-baseline.json'))).toBe(true);
    expect((await cli(root, 'scan')).code).toBe(0);
    writeFileSync(join(root, 'a.js'), 'danger(1);\ndanger(2);\n');
    const res = await cli(root, 'scan', '--format', 'json');
    expect(res.code).toBe(1);
    const json = JSON.parse(res.stdout);
    expect(json.findings).toHaveLength(1);
    expect(json.baseline).toEqual({ path: '.rampart-baseline.json', matched: 1 });
    writeFileSync(join(root, '.rampart-baseline.json'), '{"version": 1, "findings": "nope"}');
    const broken = await cli(root, 'scan');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('.rampart-baseline.json:1');
  });

  it('gates only new findings with --diff-base', async () => {
    const root = tree({ 'a.js': 'danger(1);\n' });
    const git = gitInit(root);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'topic');
    expect((await cli(root, 'scan', '--diff-base', 'main')).code).toBe(0);
    writeTree(root, { 'b.js': 'danger(2);\n' });
    const res = await cli(root, 'scan', '--diff-base', 'main', '--format', 'json');
    expect(res.code).toBe(1);
    expect(
      JSON.parse(res.stdout).findings.map((f: { location: { path: string } }) => f.location.path),
    ).toEqual(['b.js']);
    expect((await cli(root, 'scan', '--diff-base', 'nope')).code).toBe(2);
  });

  it('scans a named file even when ignored or minified, without walking its folder', async () => {
    const root = tree({
      '.gitignore': '*.local\n',
      '.env.local': 'danger(1);\n',
      'other.js': 'danger(2);\n',
    });
    const res = await cli(root, 'scan', '.env.local', '--format', 'json');
    expect(res.code).toBe(1);
    expect(
      JSON.parse(res.stdout).findings.map((f: { location: { path: string } }) => f.location.path),
    ).toEqual(['.env.local']);
  });

  it('exits 2 when files could not be scanned, unless the gate already failed', async () => {
    const root = tree({ 'boom.js': 'THROW_IN_SCANNER', 'ok.js': 'NOTE: x\n' });
    const res = await cli(root, 'scan');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('scan incomplete: 1 error');
    writeFileSync(join(root, 'bad.js'), 'danger(1);\n');
    expect((await cli(root, 'scan')).code).toBe(1);
  });

  it('keeps report paths from the config file inside the repository', async () => {
    const root = tree({ 'a.js': '', 'rampart.yml': 'output:\n  markdown: ../../outside.md\n' });
    const res = await cli(root, 'scan');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      'rampart.yml:2:13: output.markdown: output paths in the config file must stay inside its folder',
    );
    expect(
      (await cli(root, 'scan', '--output', 'sarif=a.sarif', '--output', 'sarif=b.sarif')).stderr,
    ).toContain('twice');
  });

  it('reports config-file, environment and flag problems together, and impossible dates', async () => {
    const root = tree({
      'rampart.yml': 'jobs: many\n',
      '.rampart-suppressions.yml':
        'suppressions:\n  - rule: demo/note\n    reason: later\n    owner: me\n    expires: 2024-02-30\n',
    });
    const res = await cli(root, 'scan', '--fail-on', 'sometimes');
    expect(res.stderr).toContain('rampart.yml:1:7: jobs:');
    expect(res.stderr).toContain('--fail-on: expected one of');
    writeFileSync(join(root, 'rampart.yml'), '');
    const dates = await cli(root, 'scan');
    expect(dates.code).toBe(2);
    expect(dates.stderr).toContain(
      '.rampart-suppressions.yml:5:14: suppressions[0].expires: not a valid date',
    );
  });

  it('applies severity overrides and gates named by a rule alias', async () => {
    const root = tree({
      'a.js': 'danger(1);\n',
      'rampart.yml': 'severity-overrides:\n  demo/old-danger: low\n',
    });
    const res = await cli(root, 'scan', '--format', 'json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).findings[0].severity).toBe('low');
    expect((await cli(root, 'scan', '--fail-on-rules', 'demo/old-danger')).code).toBe(1);
  });

  it('lists and explains rules', async () => {
    const root = tree({});
    const rules = await cli(root, 'rules');
    expect(rules.stdout).toContain('demo/danger-call');
    expect(JSON.parse((await cli(root, 'rules', '--format', 'json')).stdout)).toHaveLength(4);
    const explain = await cli(root, 'explain', 'demo/danger-call');
    expect(explain.stdout).toContain('Bad (flagged)');
    expect(explain.stdout).toContain('danger()');
    expect((await cli(root, 'explain', 'demo/old-danger')).code).toBe(0);
    const unknown = await cli(root, 'explain', 'demo/danger');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean demo/danger-call');
    expect((await cli(root, 'rules', '--scanner', 'nope')).code).toBe(2);
  });

  it('writes a commented rampart.yml that loads, and refuses to overwrite it', async () => {
    const root = tree({ 'a.js': '' });
    expect((await cli(root, 'init')).code).toBe(0);
    const text = readFileSync(join(root, 'rampart.yml'), 'utf8');
    expect(text).toContain('# fail-on: "high"');
    expect((await cli(root, 'scan')).code).toBe(0);
    expect((await cli(root, 'init')).code).toBe(2);
    // Uncommenting every line gives a valid file too.
    const uncommented = text
      .replace(/^# (?!yaml-language-server)([a-z-]+:.*)$/gm, '$1')
      .replace(/^# {2}(.*)$/gm, '  $1')
      .replace(/^diff-base:.*$/m, '');
    writeFileSync(join(root, 'rampart.yml'), uncommented);
    const res = await cli(root, 'scan');
    expect(res.stderr).not.toContain('invalid config');
  });

  it('prints the version and help', async () => {
    const root = tree({});
    const version = await cli(root, '--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = await cli(root, 'scan', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--diff-base');
    expect(help.stdout).toContain('RAMPART_FAIL_ON');
  });
});
