import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { fetchStaged, startEarlyStaged, stopEarlyStaged, takeEarlyStaged } from '../src/git/staged-source.js';
import { gitInit, tempTree } from './support/helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  stopEarlyStaged();
  for (const c of cleanups.splice(0)) c();
});

function repository(): string {
  const { root, cleanup } = tempTree({ 'a.txt': 'committed\n', 'sub/b.txt': 'committed\n' });
  cleanups.push(cleanup);
  const git = gitInit(root);
  git('add', '-A');
  git('commit', '-q', '-m', 'one');
  writeFileSync(join(root, 'a.txt'), 'staged\n');
  writeFileSync(join(root, 'sub/c.txt'), 'new and staged\n');
  git('add', '-A');
  // Edits after staging are not what will be committed.
  writeFileSync(join(root, 'a.txt'), 'working tree\n');
  writeFileSync(join(root, 'sub/b.txt'), 'unstaged\n');
  return root;
}

const texts = async (fetch: ReturnType<typeof fetchStaged>) => {
  const { staged, blobs } = await fetch.content;
  return Object.fromEntries(staged.map((s) => [s.path, blobs.get(s.blob)?.toString('utf8')]));
};

describe('staged source', () => {
  it('reads the staged version of each added or modified file, relative to the root', async () => {
    const root = repository();
    expect(await texts(fetchStaged(root))).toEqual({ 'a.txt': 'staged\n', 'sub/c.txt': 'new and staged\n' });
    expect(await texts(fetchStaged(join(root, 'sub')))).toEqual({ 'c.txt': 'new and staged\n' });
  });

  it('hands the early fetch only to a scan of the folder it guessed', async () => {
    const root = repository();
    startEarlyStaged(['--format', 'json', root, '--staged']);
    const taken = takeEarlyStaged(root);
    expect(taken?.root).toBe(root);
    expect(takeEarlyStaged(root)).toBeUndefined();
    expect(await texts(taken!)).toMatchObject({ 'a.txt': 'staged\n' });

    startEarlyStaged([root]);
    expect(takeEarlyStaged(join(root, 'sub'))).toBeUndefined();
    // No folder among the arguments: the current folder (the CLI's default target).
    startEarlyStaged(['--format', 'no-such-folder', '--staged']);
    expect(takeEarlyStaged(process.cwd())?.root).toBe(process.cwd());
  });

  it('says a git repository is needed outside one', async () => {
    const { root, cleanup } = tempTree({ 'a.txt': 'x\n' });
    cleanups.push(cleanup);
    mkdirSync(join(root, 'empty'));
    const failed = fetchStaged(join(root, 'empty')).content;
    await expect(failed).rejects.toBeInstanceOf(UsageError);
    await expect(failed).rejects.toThrow(/--staged needs a git repository with a work tree/);
  });
});
