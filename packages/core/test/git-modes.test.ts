import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan, scanDiff, scanStaged, UsageError, type ScanResult } from '../src/index.js';
import { stagedBlobs } from '../src/git/staged-source.js';
import { DEMO_SCANNER, configFor, gitInit, tempTree, writeTree } from './support/helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const TOOL = { name: 'rampart', version: '0.0.0-test' };

function tree(files: Record<string, string>): string {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.root;
}

const where = (r: ScanResult) =>
  r.findings.map((f) => `${f.ruleId}@${f.location.path}:${f.location.startLine}`);

describe('--history', () => {
  it('finds a secret that was added and later deleted, with its commit and file line', async () => {
    const root = tree({ 'app.js': 'line 1\nline 2\n' });
    const git = gitInit(root);
    git('add', '-A');
    git('commit', '-q', '-m', 'first');
    writeTree(root, {
      'app.js': 'line 1\nline 2\nconst t = "tok_abcdef123456";\n',
      'sub/x.txt': 'tok_zzzzzz999999\n',
    });
    git('add', '-A');
    git('commit', '-q', '-m', 'add tokens');
    const added = git('rev-parse', 'HEAD').trim();
    writeTree(root, { 'app.js': 'line 1\nline 2\n' });
    rmSync(join(root, 'sub'), { recursive: true });
    git('add', '-A');
    git('commit', '-q', '-m', 'remove them');

    const config = configFor(root, { history: true });
    const result = await scan({ root, config, scanners: [DEMO_SCANNER], tool: TOOL });
    expect(where(result)).toEqual(['demo/token@app.js:3', 'demo/token@sub/x.txt:1']);
    expect(result.history).toEqual({ commits: 3 });
    expect(result.findings[0]!.message).toBe(`token in ${added.slice(0, 7)} by t <t@example.com>`);
    expect(result.findings[0]!.location.snippet).toBe('const t = "tok_************";');
    // The working tree has no token now: without --history nothing is found.
    const current = await scan({ root, config: configFor(root), scanners: [DEMO_SCANNER], tool: TOOL });
    expect(current.findings).toEqual([]);
    expect(current.history).toBeUndefined();
  });

  it('reports a folder that is not a repository, and an empty repository, without failing the scan', async () => {
    const plain = tree({ 'a.js': 'danger(1);\n' });
    const result = await scan({
      root: plain,
      config: configFor(plain, { history: true }),
      scanners: [DEMO_SCANNER],
      tool: TOOL,
    });
    expect(result.diagnostics.map((d) => [d.level, d.code])).toEqual([['error', 'not-a-git-repository']]);
    // The demo scanner reads history instead of files, so it reports nothing here; the scan still completes.
    expect(result.findings).toEqual([]);

    const empty = tree({ 'a.txt': 'x\n' });
    gitInit(empty);
    const none = await scan({
      root: empty,
      config: configFor(empty, { history: true }),
      scanners: [DEMO_SCANNER],
      tool: TOOL,
    });
    expect(none.diagnostics.map((d) => [d.level, d.code])).toEqual([['info', 'no-commits']]);
  });

  it('--history-range scans only the commits of the range', async () => {
    const root = tree({ 'a.txt': 'tok_oldoldold111\n' });
    const git = gitInit(root);
    git('add', '-A');
    git('commit', '-q', '-m', 'old token');
    git('branch', 'base');
    writeTree(root, { 'b.txt': 'tok_newnewnew222\n' });
    git('add', '-A');
    git('commit', '-q', '-m', 'new token');
    const run = (flags: Record<string, string>) =>
      scan({ root, config: configFor(root, {}, flags), scanners: [DEMO_SCANNER], tool: TOOL });

    // As a pull request's check would: only what the branch added since `base`.
    const branch = await run({ 'history-range': 'base..HEAD' });
    expect(where(branch)).toEqual(['demo/token@b.txt:1']);
    expect(branch.history).toEqual({ range: 'base..HEAD', commits: 1 });
    expect(branch.diagnostics).toEqual([]);
    // One revision: it and its ancestors.
    expect(where(await run({ 'history-range': 'base' }))).toEqual(['demo/token@a.txt:1']);
    expect(where(await run({ 'history-range': 'HEAD' }))).toEqual([
      'demo/token@a.txt:1',
      'demo/token@b.txt:1',
    ]);

    // An empty range is not an error; an unknown revision is, and names the range.
    const empty = await run({ 'history-range': 'HEAD..base' });
    expect(empty.history).toEqual({ range: 'HEAD..base', commits: 0 });
    expect(empty.diagnostics.map((d) => [d.level, d.code, d.message])).toEqual([
      ['info', 'no-commits', 'no commits in "HEAD..base": nothing to scan'],
    ]);
    const unknown = await run({ 'history-range': 'no-such-branch..HEAD' });
    expect(unknown.diagnostics.map((d) => [d.level, d.code])).toEqual([['error', 'bad-revision']]);
    expect(unknown.diagnostics[0]?.message).toMatch(
      /^--history-range: git cannot read "no-such-branch\.\.HEAD" \(fatal: /,
    );
  });

  it('--history-range refuses what is not a revision range before git sees it', () => {
    const root = tree({ 'a.txt': 'x\n' });
    expect(() => configFor(root, {}, { 'history-range': '' })).toThrow(/--history-range: expected a string/);
    for (const value of ['--output=/tmp/x', '-p', 'a b', 'main\n..HEAD', 'x\u001b[2J'])
      expect(() => configFor(root, {}, { 'history-range': value }), JSON.stringify(value)).toThrow(
        /--history-range: .* is not a git revision range/,
      );
    expect(configFor(root, {}, { 'history-range': 'origin/main...feature@{1}' })).toMatchObject({
      history: true,
      historyRange: 'origin/main...feature@{1}',
    });
  });
});

describe('--staged', () => {
  it('scans what is staged, not the working tree', async () => {
    const root = tree({ 'a.js': 'clean\n', 'b.js': 'clean\n' });
    const git = gitInit(root);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    writeTree(root, { 'a.js': 'danger(1);\n' });
    git('add', 'a.js');
    // Unstaged edits are not what will be committed: a.js's new danger and b.js are not reported.
    writeTree(root, { 'a.js': 'danger(1);\ndanger(2);\n', 'b.js': 'danger(3);\n', 'new.js': 'danger(4);\n' });
    const result = await scanStaged({ root, config: configFor(root), scanners: [DEMO_SCANNER], tool: TOOL });
    expect(where(result)).toEqual(['demo/danger-call@a.js:1']);

    writeFileSync(join(root, 'c.js'), 'tok_abcdef123456\n');
    git('add', 'c.js');
    expect(
      where(await scanStaged({ root, config: configFor(root), scanners: [DEMO_SCANNER], tool: TOOL })),
    ).toEqual(['demo/danger-call@a.js:1', 'demo/token@c.js:1']);
  });

  it('works before the first commit and refuses a folder outside git', async () => {
    const root = tree({ 'a.js': 'danger(1);\n' });
    const git = gitInit(root);
    git('add', 'a.js');
    expect(
      where(await scanStaged({ root, config: configFor(root), scanners: [DEMO_SCANNER], tool: TOOL })),
    ).toEqual(['demo/danger-call@a.js:1']);
    const plain = tree({ 'a.js': '' });
    await expect(
      scanStaged({ root: plain, config: configFor(plain), scanners: [DEMO_SCANNER], tool: TOOL }),
    ).rejects.toThrow(UsageError);
    // git's own answer, not that of `git diff --no-index` (which has no --cached).
    await expect(
      scanStaged({ root: plain, config: configFor(plain), scanners: [DEMO_SCANNER], tool: TOOL }),
    ).rejects.toThrow(/--staged needs a git repository with a work tree \(.*not a git repository/);
  });

  it('scans a renamed file under its new name, and only the subfolder it is run in', async () => {
    const root = tree({ 'old.js': 'danger(1);\n', 'sub/a.js': 'clean\n', 'b.js': 'clean\n' });
    const git = gitInit(root);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    git('mv', 'old.js', 'sub/renamed.js');
    writeTree(root, { 'b.js': 'danger(2);\n', 'sub/a.js': 'danger(3);\n' });
    git('add', 'b.js', 'sub/a.js');
    const all = await scanStaged({ root, config: configFor(root), scanners: [DEMO_SCANNER], tool: TOOL });
    expect(where(all)).toEqual([
      'demo/danger-call@b.js:1',
      'demo/danger-call@sub/a.js:1',
      'demo/danger-call@sub/renamed.js:1',
    ]);
    const sub = join(root, 'sub');
    const inSub = await scanStaged({
      root: sub,
      config: configFor(sub),
      scanners: [DEMO_SCANNER],
      tool: TOOL,
    });
    expect(where(inSub)).toEqual(['demo/danger-call@a.js:1', 'demo/danger-call@renamed.js:1']);
  });

  it('reads paths and blob ids from git diff --raw, skipping submodules', () => {
    const blob = 'a'.repeat(40);
    const raw = [
      `:000000 100644 ${'0'.repeat(40)} ${blob} A`,
      'dir/new file.txt',
      `:160000 160000 ${'1'.repeat(40)} ${'2'.repeat(40)} M`,
      'vendor/lib',
      `:100644 100755 ${'3'.repeat(40)} ${'b'.repeat(64)} M`,
      'run.sh',
      '',
    ].join('\0');
    expect(stagedBlobs(raw)).toEqual([
      { path: 'dir/new file.txt', blob },
      { path: 'run.sh', blob: 'b'.repeat(64) },
    ]);
  });
});

describe('a repository git refuses to read (owned by another user)', () => {
  // git's test switch for its safe.directory check: every repository counts as another user's.
  const asAnotherUsers = async <T>(run: () => Promise<T>): Promise<T> => {
    process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER = '1';
    try {
      return await run();
    } finally {
      delete process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER;
    }
  };
  const hint = /git refuses to read the repository at .*git config --global --add safe\.directory '/;

  it('--staged, --history and --diff-base say so and how to trust it, and do not override it', async () => {
    const root = tree({ 'a.js': 'danger(1);\n' });
    const git = gitInit(root);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    writeTree(root, { 'b.js': 'danger(2);\n' });
    git('add', 'b.js');
    const run = (config: Parameters<typeof configFor>[1]) => ({
      root,
      config: configFor(root, config),
      scanners: [DEMO_SCANNER],
      tool: TOOL,
    });

    await expect(asAnotherUsers(() => scanStaged(run({})))).rejects.toThrow(hint);
    await expect(asAnotherUsers(() => scanDiff(run({}), 'HEAD'))).rejects.toThrow(hint);
    const history = await asAnotherUsers(() => scan(run({ history: true })));
    expect(history.diagnostics.map((d) => [d.level, d.code])).toEqual([['error', 'repository-not-trusted']]);
    expect(history.diagnostics[0]?.message).toMatch(hint);
    // The same repository, trusted: the staged file is scanned.
    expect(where(await scanStaged(run({})))).toEqual(['demo/danger-call@b.js:1']);
  });
});
