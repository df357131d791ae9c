import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedSince } from '../src/git/diff-base.js';
import { readBlobs } from '../src/git/git.js';
import { startGitLog } from '../src/git/log-source.js';
import { filterOffEnv } from '../src/git/safe-config.js';
import { fetchStaged } from '../src/git/staged-source.js';
import { gitInit, tempTree } from './support/helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/**
 * A repository whose own config names programs git would run while Rampart reads it: an fsmonitor hook
 * and a clean filter for every file. Each program writes to `ran` when it runs.
 */
function trappedRepository(): { root: string; ran: string } {
  const { root, cleanup } = tempTree({ 'a.txt': 'one\n', 'b.txt': 'kept\n' });
  cleanups.push(cleanup);
  const ran = join(root, '..', `${root.split('/').pop()}-ran.txt`);
  cleanups.push(() => rmSync(ran, { force: true }));
  const git = gitInit(root);
  git('add', '-A');
  git('commit', '-q', '-m', 'one');
  // The hook fails (git then looks at the files itself); the filter passes the content through.
  const hook = join(root, '.git', 'monitor.sh');
  writeFileSync(hook, `#!/bin/sh\necho "monitor $*" >> '${ran}'\nexit 1\n`);
  const filter = join(root, '.git', 'filter.sh');
  writeFileSync(filter, `#!/bin/sh\necho "filter $*" >> '${ran}'\ncat\n`);
  for (const program of [hook, filter]) chmodSync(program, 0o755);
  git('config', 'core.fsmonitor', hook);
  git('config', 'filter.trap.clean', `${filter} clean`);
  git('config', 'filter.trap.required', 'true');
  writeFileSync(join(root, '.gitattributes'), '* filter=trap\n');
  writeFileSync(join(root, 'a.txt'), 'two\n');
  git('-c', 'core.fsmonitor=false', 'add', 'a.txt');
  rmSync(ran, { force: true });
  return { root, ran };
}

/** Stale stat data makes git hash the working-tree file again (through its clean filter). */
function makeStale(root: string): void {
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(join(root, 'b.txt'), past, past);
}

describe('git runs no program named by the scanned repository', () => {
  it('the trap is real: plain git runs the fsmonitor hook and the clean filter', () => {
    const { root, ran } = trappedRepository();
    makeStale(root);
    execFileSync('git', ['diff', '--name-status', 'HEAD'], { cwd: root, stdio: 'pipe' });
    const log = readFileSync(ran, 'utf8');
    expect(log).toContain('monitor 2 ');
    expect(log).toContain('filter clean');
  });

  it('--staged, --diff-base, --history and blob reads leave them alone', async () => {
    const { root, ran } = trappedRepository();
    const { staged, blobs } = await fetchStaged(root).content;
    expect(staged.map((s) => [s.path, blobs.get(s.blob)?.toString('utf8')])).toEqual([['a.txt', 'two\n']]);

    makeStale(root);
    const changes = await changedSince(root, 'HEAD');
    expect([...changes.changed].sort()).toEqual(['.gitattributes', 'a.txt']);

    const log = startGitLog(root);
    let bytes = 0;
    for await (const chunk of log.chunks()) bytes += chunk.length;
    expect(await log.exited).toBe(0);
    expect(bytes).toBeGreaterThan(0);

    const read = await readBlobs(root, ['HEAD:b.txt']);
    expect(read.get('HEAD:b.txt')?.toString('utf8')).toBe('kept\n');

    expect(existsSync(ran) ? readFileSync(ran, 'utf8') : '').toBe('');
  });
});

describe('filterOffEnv', () => {
  const listing = [
    'filter.lfs.clean\ngit-lfs clean -- %f',
    'filter.lfs.required\ntrue',
    'filter.we=ird name.process\n/x',
    '',
  ].join('\0');

  it('blanks every configured driver, after the variables already set', () => {
    expect(filterOffEnv(listing, { GIT_CONFIG_COUNT: '1' })).toEqual({
      GIT_CONFIG_KEY_1: 'filter.lfs.clean',
      GIT_CONFIG_VALUE_1: '',
      GIT_CONFIG_KEY_2: 'filter.lfs.smudge',
      GIT_CONFIG_VALUE_2: '',
      GIT_CONFIG_KEY_3: 'filter.lfs.process',
      GIT_CONFIG_VALUE_3: '',
      GIT_CONFIG_KEY_4: 'filter.lfs.required',
      GIT_CONFIG_VALUE_4: 'false',
      GIT_CONFIG_KEY_5: 'filter.we=ird name.clean',
      GIT_CONFIG_VALUE_5: '',
      GIT_CONFIG_KEY_6: 'filter.we=ird name.smudge',
      GIT_CONFIG_VALUE_6: '',
      GIT_CONFIG_KEY_7: 'filter.we=ird name.process',
      GIT_CONFIG_VALUE_7: '',
      GIT_CONFIG_KEY_8: 'filter.we=ird name.required',
      GIT_CONFIG_VALUE_8: 'false',
      GIT_CONFIG_COUNT: '9',
    });
  });

  it('sets nothing when no filter is configured, and ignores a malformed count', () => {
    expect(filterOffEnv('', {})).toEqual({});
    expect(filterOffEnv('filter.x.clean\ny\0', { GIT_CONFIG_COUNT: 'many' }).GIT_CONFIG_KEY_0).toBe(
      'filter.x.clean',
    );
  });
});
