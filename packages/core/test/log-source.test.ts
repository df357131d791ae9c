import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GIT_LOG_ARGS,
  startEarlyGitLog,
  startGitLog,
  stopEarlyGitLog,
  takeEarlyGitLog,
} from '../src/git/log-source.js';
import { gitInit, tempTree } from './support/helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  stopEarlyGitLog();
  for (const c of cleanups.splice(0)) c();
});

/**
 * By default ~1.2 MB of added lines: far more than the pipe, the stream's buffer and the first chunks
 * held (~200 KB together), so git has to wait for its reader.
 */
function repository(count = 30_000): string {
  const lines = Array.from({ length: count }, (_, i) => `const value${i} = ${i * 7919}; // line ${i}`);
  const { root, cleanup } = tempTree({ 'a.js': `${lines.join('\n')}\n`, 'b.txt': 'two\n' });
  cleanups.push(cleanup);
  const git = gitInit(root);
  git('add', '-A');
  git('commit', '-q', '-m', 'one');
  return root;
}

async function readAll(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('git log source', () => {
  it('holds what git writes before it is read, up to a limit, and loses nothing', async () => {
    const root = repository();
    const expected = execFileSync('git', GIT_LOG_ARGS, { cwd: root, maxBuffer: 1 << 26 });
    expect(expected.length).toBeGreaterThan(1_000_000);
    // A small limit: the reading pauses with git still running, and resumes when the reader starts.
    const log = startGitLog(root, undefined, 4096);
    await sleep(200);
    expect(log.running).toBe(true);
    const output = await readAll(log.chunks());
    expect(output.equals(expected)).toBe(true);
    expect(await log.exited).toBe(0);
    // Without a limit in the way, git finishes before anyone reads.
    const eager = startGitLog(root);
    expect(await eager.exited).toBe(0);
    expect((await readAll(eager.chunks())).equals(expected)).toBe(true);
  });

  it('loses nothing when git exits with output still held', async () => {
    // ~100 KB: more than one chunk, little enough for the pipe and the stream's buffer to take the rest,
    // so git exits while its reader is paused after the first chunk.
    const root = repository(2_500);
    const expected = execFileSync('git', GIT_LOG_ARGS, { cwd: root });
    expect(expected.length).toBeGreaterThan(80_000);
    const log = startGitLog(root, undefined, 1);
    await sleep(300);
    expect((await readAll(log.chunks())).equals(expected)).toBe(true);
    expect(await log.exited).toBe(0);
  });

  it('hands the early log only to a pass in the folder it guessed', async () => {
    const root = repository();
    const other = join(root, 'sub');
    mkdirSync(other);
    // Option values that are not folders are passed over.
    startEarlyGitLog(['--format', 'json', root, '--history']);
    const taken = takeEarlyGitLog(root);
    expect(taken?.root).toBe(root);
    expect(takeEarlyGitLog(root)).toBeUndefined();
    await readAll(taken!.chunks());

    startEarlyGitLog([root]);
    expect(takeEarlyGitLog(other)).toBeUndefined();
    // No folder among the arguments: the current folder (the CLI's default target).
    startEarlyGitLog(['--format', 'no-such-folder', '--history']);
    const here = takeEarlyGitLog(process.cwd());
    expect(here?.root).toBe(process.cwd());
    here?.stop();
    expect(here?.stopped).toBe(true);
  });

  it('reports what git says when it fails', async () => {
    const { root, cleanup } = tempTree({ 'a.txt': 'x\n' });
    cleanups.push(cleanup);
    const log = startGitLog(root);
    await readAll(log.chunks());
    expect(await log.exited).not.toBe(0);
    expect(log.stderr()).toMatch(/not a git repository/i);
    expect(log.stopped).toBe(false);
  });
});
