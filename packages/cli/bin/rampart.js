#!/usr/bin/env node
// The `rampart` binary. Thin on purpose: everything lives in dist/main.js, which maps user errors to
// exit 2 itself; anything that still escapes (a crashed worker) is exit 2 too, never a policy verdict.
// `npm run build` also bundles the CLI into dist/bundle/ (scripts/bundle.mjs), which starts several
// times faster; the separate modules are the fallback when only `tsc -b` has run.
import { existsSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

// Node 22.1 and later can keep V8's compiled code between runs (module.enableCompileCache): ~40 ms of
// every start, a large part of a pre-commit hook. The cache goes to the user's own cache folder, not to
// the shared temporary folder Node would choose, where another local user could plant entries.
// NODE_COMPILE_CACHE (a folder) and NODE_DISABLE_COMPILE_CACHE=1 are Node's own switches and win.
function compileCacheFolder() {
  let base;
  try {
    if (process.platform === 'win32') base = process.env.LOCALAPPDATA;
    else if (process.platform === 'darwin') base = join(homedir(), 'Library', 'Caches');
    else {
      const xdg = process.env.XDG_CACHE_HOME;
      base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
    }
  } catch {
    return undefined; // no home folder
  }
  if (!base || !isAbsolute(base)) return undefined;
  // Created here one level at a time: Node's recursive mkdir never returns on some special file systems
  // (under /proc it keeps retrying ENOENT), and a hook must not hang over a cache.
  const folder = join(base, 'rampart', 'compile-cache');
  for (const path of [base, join(base, 'rampart'), folder]) {
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (error) {
      if (error?.code !== 'EEXIST') return undefined;
    }
  }
  return folder;
}
if (typeof module.enableCompileCache === 'function' && process.env.NODE_COMPILE_CACHE === undefined) {
  const folder = compileCacheFolder();
  try {
    if (folder) module.enableCompileCache(folder);
  } catch {
    // No cache only costs the speed-up.
  }
}

const bundle = new URL('../dist/bundle/main.js', import.meta.url);
// `rampart scan --history` and `--staged`: git starts now, while the CLI loads (see core's
// git/log-source.ts and git/staged-source.ts).
const scanning = process.argv[2] === 'scan';
const early = async (flag, entry) => {
  const url = new URL(`../dist/bundle/${entry}`, import.meta.url);
  return scanning && process.argv.includes(flag) && existsSync(url) ? import(url.href) : undefined;
};
const gitLog = await early('--history', 'git-log.js');
gitLog?.startEarlyGitLog(process.argv.slice(3));
const staged = await early('--staged', 'git-staged.js');
staged?.startEarlyStaged(process.argv.slice(3));
let code;
try {
  const { run } = await import(existsSync(bundle) ? bundle.href : '../dist/main.js');
  code = await run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `rampart: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  code = 2;
}
gitLog?.stopEarlyGitLog();
staged?.stopEarlyStaged();
// Every command has finished its work (the server returns only once it has stopped). Exit explicitly,
// once the output is flushed, instead of letting Node tear the runtime down: on Node 24 that teardown can
// collect better-sqlite3 (<= 12) statements after the environment is gone, which aborts the process with
// "Assertion failed: (env) != nullptr" and a native stack trace after a successful run.
const flushed = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
