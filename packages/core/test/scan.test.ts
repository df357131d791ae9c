import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  createBaseline,
  scan,
  scanDiff,
  UsageError,
  type RampartConfig,
  type ScanResult,
} from '../src/index.js';
import { DEMO_SCANNER, PROJECT_SCANNER, configFor, gitInit, tempTree, writeTree } from './support/helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function tree(files: Record<string, string | Buffer>): string {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.root;
}

const TOOL = { name: 'rampart', version: '0.0.0-test' };

async function run(
  root: string,
  overrides: Partial<RampartConfig> = {},
  extra: { scanInMainThread?: boolean; today?: string } = {},
): Promise<ScanResult> {
  return scan({
    root,
    config: configFor(root, overrides),
    scanners: [DEMO_SCANNER],
    tool: TOOL,
    today: extra.today ?? '2026-06-01',
    ...extra,
  });
}

const ids = (r: ScanResult) =>
  r.findings.map((f) => `${f.ruleId}@${f.location.path}:${f.location.startLine}`);

describe('scan pipeline', () => {
  it('finds, locates, masks and gates', async () => {
    const root = tree({ 'a.js': 'ok();\n  danger(1);\nconst t = "tok_abcdef123456";\n' });
    const result = await run(root);
    expect(ids(result)).toEqual(['demo/danger-call@a.js:2', 'demo/token@a.js:3']);
    const [danger, token] = result.findings;
    expect(danger!.location).toMatchObject({
      startLine: 2,
      startColumn: 3,
      endLine: 2,
      endColumn: 10,
      snippet: '  danger(1);',
    });
    expect(token!.location.snippet).toBe('const t = "tok_************";');
    expect(token!.message).not.toContain('abcdef123456');
    expect(JSON.stringify(result)).not.toContain('abcdef123456');
    expect(result.policy).toEqual({
      passed: false,
      failOn: 'high',
      reasons: ['1 finding of severity high or higher'],
    });
    expect(result.rules.map((r) => r.id)).toEqual(['demo/danger-call', 'demo/token']);
    expect(result.stats).toMatchObject({ filesWalked: 1, filesScanned: 1 });
  });

  it('masks every secret of a file in every snippet', async () => {
    const root = tree({ 'a.js': 'danger(tok_abcdef123456);\n' });
    const result = await run(root);
    expect(result.findings.map((f) => f.location.snippet)).toEqual([
      'danger(tok_************);',
      'danger(tok_************);',
    ]);
  });

  it('knows the rules of project-only scanners when a file scanner reads inline markers', async () => {
    const root = tree({
      'a.js': [
        'danger(1); // rampart-ignore: demo/danger-call reviewed',
        '// rampart-ignore: proj/mark reviewed',
        'MARK',
        'x(); // rampart-ignore: proj/old-mark alias of a project rule',
        'y(); // rampart-ignore: proj/* every project rule',
        'z(); // rampart-ignore: proj/no-such-rule because',
      ].join('\n'),
    });
    // jobs 2 without the main thread: the file is scanned in a worker, whose catalog lacks `proj`.
    for (const jobs of [1, 2]) {
      const result = await scan({
        root,
        config: configFor(root, { jobs }),
        scanInMainThread: jobs === 1,
        scanners: [DEMO_SCANNER, PROJECT_SCANNER],
        tool: TOOL,
        today: '2026-06-01',
      });
      expect(result.findings).toEqual([]);
      expect(result.suppressed.map((f) => f.ruleId).sort()).toEqual(['demo/danger-call', 'proj/mark']);
      expect(result.diagnostics.map((d) => `${d.code}:${d.line}`)).toEqual(['unknown-rule:6']);
      expect(result.stats.filesScanned).toBe(1);
    }
  });

  it('counts the files that only project passes read as scanned', async () => {
    const root = tree({ 'a.txt': 'MARK', 'b.txt': 'nothing' });
    const result = await scan({
      root,
      config: configFor(root),
      scanners: [PROJECT_SCANNER],
      tool: TOOL,
      today: '2026-06-01',
    });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['proj/mark']);
    expect(result.stats.filesScanned).toBe(2);
  });

  it('runs project passes and keeps their findings when they fail', async () => {
    const root = tree({ 'a.txt': 'x PROJECT_MARK', 'fail-project.txt': 'PROJECT_MARK' });
    const result = await run(root);
    expect(ids(result)).toEqual(['demo/project-marker@a.txt:1', 'demo/project-marker@fail-project.txt:1']);
    expect(result.diagnostics).toEqual([
      {
        level: 'error',
        code: 'scanner-failed',
        scanner: 'demo',
        message: 'project pass failed: project pass exploded',
      },
    ]);
  });

  it('keeps fingerprints when lines move and tells identical matches apart', async () => {
    const root = tree({ 'a.js': 'danger(1);\ndanger(1);\n' });
    const before = (await run(root)).findings.map((f) => f.fingerprint);
    writeFileSync(join(root, 'a.js'), '// a new comment\n\n\ndanger(1);\ndanger(1);\n');
    const after = (await run(root)).findings.map((f) => f.fingerprint);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(2);
    expect(before[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('honours inline suppressions with a reason, on the line or the line before', async () => {
    const root = tree({
      'a.js': [
        'danger(1); // rampart-ignore: demo/danger-call reviewed in SEC-12',
        '// rampart-ignore: demo/* test fixture',
        'danger(2);',
        'danger(3); // rampart-ignore: demo/danger-call',
        'danger(4); // rampart-ignore: demo/no-such-rule because',
        'danger(5); // rampart-ignore: demo/old-danger renamed rule still works',
      ].join('\n'),
    });
    const result = await run(root);
    expect(ids(result)).toEqual(['demo/danger-call@a.js:4', 'demo/danger-call@a.js:5']);
    expect(
      result.suppressed.map((f) => [f.location.startLine, f.suppression.kind, f.suppression.reason]),
    ).toEqual([
      [1, 'inline', 'reviewed in SEC-12'],
      [3, 'inline', 'test fixture'],
      [6, 'inline', 'renamed rule still works'],
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['invalid-suppression', 4],
      ['unknown-rule', 5],
    ]);
  });

  it('reports what inline comments would hide when inline ignores are off (--no-inline-ignores)', async () => {
    const root = tree({
      'a.js': ['danger(1); // rampart-ignore: demo/danger-call reviewed in SEC-12', '', 'danger(2);'].join(
        '\n',
      ),
    });
    expect(ids(await run(root))).toEqual(['demo/danger-call@a.js:3']);
    const strict = await run(root, { inlineIgnores: false });
    expect(ids(strict)).toEqual(['demo/danger-call@a.js:1', 'demo/danger-call@a.js:3']);
    expect(strict.suppressed).toEqual([]);
    expect(strict.diagnostics.map((d) => d.code)).toContain('inline-ignores-disabled');
  });

  it('applies the suppressions file; expired entries stop suppressing and are reported', async () => {
    const root = tree({
      'src/a.js': 'danger(1);\n',
      'test/b.js': 'danger(2);\n',
      'c.js': 'danger(3);\n',
      '.rampart-suppressions.yml': [
        'suppressions:',
        '  - rule: demo/danger-call',
        '    path: "test/**"',
        '    reason: test code only',
        '    owner: alice',
        '    expires: 2026-12-31',
        '  - rule: demo/danger-call',
        '    path: src/a.js',
        '    reason: accepted until the rewrite',
        '    owner: bob',
        '    expires: 2026-01-31',
        '  - rule: demo/ghost',
        '    reason: typo in the rule id',
        '    owner: carol',
      ].join('\n'),
    });
    const result = await run(root, {}, { today: '2026-06-01' });
    expect(ids(result)).toEqual(['demo/danger-call@c.js:1', 'demo/danger-call@src/a.js:1']);
    expect(result.suppressed).toHaveLength(1);
    expect(result.suppressed[0]!.suppression).toMatchObject({
      kind: 'file',
      owner: 'alice',
      expires: '2026-12-31',
      source: '.rampart-suppressions.yml:2',
    });
    const codes = result.diagnostics.map((d) => `${d.code}:${d.line}`);
    expect(codes).toEqual(['suppression-expired:7', 'unknown-rule:12']);
    // The day of expiry still counts.
    const onDay = await run(root, {}, { today: '2026-01-31' });
    expect(ids(onDay)).toEqual(['demo/danger-call@c.js:1']);
  });

  it('warns about a suppression that matches nothing, and only on full scans', async () => {
    const root = tree({
      'a.js': 'danger(1);\n',
      '.rampart-suppressions.yml': [
        'suppressions:',
        '  - rule: demo/danger-call',
        '    path: gone/**',
        '    reason: the old folder',
        '    owner: alice',
        '  - rule: demo/danger-call',
        '    advisory: GHSA-xxxx-yyyy-zzzz',
        '    reason: only dependency findings carry advisories',
        '    owner: bob',
      ].join('\n'),
    });
    const result = await run(root);
    expect(ids(result)).toEqual(['demo/danger-call@a.js:1']);
    expect(result.diagnostics.map((d) => `${d.code}:${d.line}`)).toEqual([
      'suppression-unused:2',
      'suppression-unused:6',
    ]);
    const partial = await run(root, {}, { onlyPaths: new Set(['a.js']) });
    expect(partial.diagnostics.filter((d) => d.code === 'suppression-unused')).toEqual([]);
  });

  it('rejects a malformed suppressions file with lines', async () => {
    const root = tree({
      'a.js': '',
      '.rampart-suppressions.yml': 'suppressions:\n  - rule: demo/x\n    reason: ok then\n',
    });
    const error = await run(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({
      line: 2,
      message: 'missing required key "owner"',
    });
  });

  it('reports only findings not in the baseline, and rejects a malformed baseline', async () => {
    const root = tree({ 'a.js': 'danger(1);\n' });
    const first = await run(root);
    writeFileSync(join(root, '.rampart-baseline.json'), createBaseline(first.findings, 'rampart'));
    writeFileSync(join(root, 'a.js'), '\ndanger(1);\ndanger(2);\n');
    const second = await run(root);
    expect(ids(second)).toEqual(['demo/danger-call@a.js:3']);
    expect(second.baseline).toEqual({ path: '.rampart-baseline.json', matched: 1 });
    expect(second.suppressed[0]!.suppression.kind).toBe('baseline');

    writeFileSync(
      join(root, '.rampart-baseline.json'),
      '{\n  "version": 1,\n  "findings": [\n    {"fingerprint": "zz"}\n  ]\n}\n',
    );
    const error = await run(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('.rampart-baseline.json:4');
    writeFileSync(join(root, '.rampart-baseline.json'), '{ "version": 1, ');
    await expect(run(root)).rejects.toThrow(/\.rampart-baseline\.json:1/);
  });

  it('errors on an explicit baseline that does not exist', async () => {
    const root = tree({ 'a.js': '' });
    await expect(run(root, { baseline: join(root, 'nope.json'), baselineExplicit: true })).rejects.toThrow(
      UsageError,
    );
  });

  it('reports bad files and goes on: invalid UTF-8, too large, binary, a failing scanner', async () => {
    const root = tree({
      'latin1.js': Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('\ndanger(1);\n')]),
      'big.js': `danger(0);\n${'x'.repeat(2000)}`,
      'bin.dat2': Buffer.from([0x64, 0x61, 0x6e, 0x00, 0x01]),
      'boom.js': 'THROW_IN_SCANNER danger(9);',
      'fine.js': 'danger(2);\n',
    });
    const result = await run(root, { maxFileSize: 1000 });
    expect(ids(result)).toEqual(['demo/danger-call@fine.js:1', 'demo/danger-call@latin1.js:2']);
    expect(result.diagnostics.map((d) => `${d.level}:${d.code}:${d.path}`)).toEqual([
      'warning:file-too-large:big.js',
      'error:scanner-failed:boom.js',
      'warning:invalid-utf8:latin1.js',
    ]);
    expect(result.stats.skipped).toMatchObject({ binary: 1, 'too-large': 1 });
  });

  it('reads files larger than the read buffer whole, and skips large binary, generated and minified ones', async () => {
    // The engine reads 256 KiB at once; larger files go through a second buffer kept for the next one,
    // so files of different sizes in a row must each be read whole and alone.
    const large = (lines: number, call: string) => `${'x = 1;\n'.repeat(lines)}${call}\n`;
    const root = tree({
      'a.js': large(90_000, 'danger(1);'),
      'b.js': large(45_000, 'danger(2);'),
      'c.js': large(70_000, 'danger(3);'),
      'bundle.js': `${'f(),'.repeat(100_000)}\ndanger(4);\n`,
      'gen.js': `// Code generated by a tool. DO NOT EDIT.\n${large(45_000, 'danger(5);')}`,
      'blob.js': Buffer.concat([Buffer.from([0x00]), Buffer.from(large(45_000, 'danger(6);'))]),
    });
    const result = await run(root);
    expect(ids(result)).toEqual([
      'demo/danger-call@a.js:90001',
      'demo/danger-call@b.js:45001',
      'demo/danger-call@c.js:70001',
    ]);
    expect(result.stats.skipped).toMatchObject({ binary: 1, generated: 1, minified: 1 });
  });

  it('selects scanners and rules and validates scanner config with lines', async () => {
    const root = tree({
      'a.js': 'danger(1); NOTE: x; @@ y',
      'rampart.yml': 'scanner-config:\n  demo:\n    note-marker: "@@"\n',
    });
    const withNotes = await run(root);
    expect(ids(withNotes)).toEqual([
      'demo/danger-call@a.js:1',
      'demo/note@a.js:1',
      'demo/note@rampart.yml:3',
    ]);
    expect(withNotes.findings[1]!.location.startColumn).toBe(21);
    expect(ids(await run(root, { excludeRules: ['demo/note'] }))).toEqual(['demo/danger-call@a.js:1']);
    await expect(run(root, { scanners: ['nope'] })).rejects.toThrow(/unknown scanner "nope"/);
    await expect(run(root, { failOnRules: ['demo/typo'] })).rejects.toThrow(ConfigError);

    const bad = tree({
      'a.js': '',
      'rampart.yml': 'scanner-config:\n  demo:\n    colour: red\n  other: {}\n',
    });
    const { loadConfig } = await import('../src/index.js');
    const loaded = loadConfig({ root: bad, cwd: bad, env: {}, flags: {} });
    const error = await scan({
      root: bad,
      config: loaded.config,
      configDocument: loaded.document!,
      scanners: [DEMO_SCANNER],
      tool: TOOL,
    }).catch((e: unknown) => e);
    expect((error as ConfigError).issues.map((i) => [i.key, i.line])).toEqual([
      ['scanner-config.demo.colour', 3],
      ['scanner-config.other', 4],
    ]);
  });

  it('gives the same result on the worker pool as in the main thread', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`src/f${i}.js`] = i % 7 === 0 ? `x\ndanger(${i});\n` : 'nothing\n';
    const root = tree(files);
    const inline = await run(root, { jobs: 1 });
    const pooled = await run(root, { jobs: 2 }, { scanInMainThread: false });
    expect(pooled).toEqual(inline);
    expect(pooled.findings).toHaveLength(43);
  });

  it('gates on counts and named rules', async () => {
    const root = tree({ 'a.js': 'NOTE: NOTE: NOTE:' });
    expect((await run(root)).policy.passed).toBe(true);
    expect((await run(root, { maxFindings: { total: 2 } })).policy.reasons).toEqual([
      '3 findings, more than the limit of 2',
    ]);
    expect((await run(root, { maxFindings: { info: 1 } })).policy.reasons).toEqual([
      '3 info findings, more than the limit of 1',
    ]);
    expect((await run(root, { failOnRules: ['demo/*'] })).policy.reasons).toEqual([
      '3 findings of rule demo/*',
    ]);
    expect((await run(root, { failOn: 'info' })).policy.passed).toBe(false);
  });
});

describe('diff-base mode', () => {
  it('reports only findings introduced since the merge base', async () => {
    const root = tree({
      'old.js': 'danger(1);\n',
      'moved.js': 'danger(2);\n',
      'same.js': 'danger(3);\n',
      'ignored.log': 'danger(4);\n',
      '.gitignore': '*.log\n',
    });
    const git = gitInit(root);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    // Lines move in old.js (not new), moved.js is renamed (not new), a new finding in old.js and a new file.
    writeTree(root, { 'old.js': '// header\n\ndanger(1);\ndanger(10);\n', 'fresh.js': 'danger(11);\n' });
    git('mv', 'moved.js', 'renamed.js');
    git('add', '-A');
    git('commit', '-q', '-m', 'change');
    writeTree(root, { 'untracked.js': 'danger(12);\n', 'ignored2.log': 'danger(13);\n' });

    const config = configFor(root);
    const result = await scanDiff({ root, config, scanners: [DEMO_SCANNER], tool: TOOL }, 'main');
    expect(ids(result)).toEqual([
      'demo/danger-call@fresh.js:1',
      'demo/danger-call@old.js:4',
      'demo/danger-call@untracked.js:1',
    ]);
    expect(result.diffBase).toMatchObject({ ref: 'main', changedFiles: 4 });
    expect(result.diffBase!.mergeBase).toMatch(/^[0-9a-f]{40}$/);
    expect(result.policy.passed).toBe(false);

    await expect(
      scanDiff({ root, config, scanners: [DEMO_SCANNER], tool: TOOL }, 'no-such-branch'),
    ).rejects.toThrow(/unknown git ref/);
    await expect(
      scanDiff({ root, config, scanners: [DEMO_SCANNER], tool: TOOL }, '--output=x'),
    ).rejects.toThrow(UsageError);
  });
});
