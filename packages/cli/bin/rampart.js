#!/usr/bin/env node
// The `rampart` binary. Thin on purpose: everything lives in dist/main.js, which maps user errors to
// exit 2 itself; anything that still escapes (a crashed worker) is exit 2 too, never a policy verdict.
// `npm run build` also bundles the CLI into dist/bundle/ (scripts/bundle.mjs), which starts several
// times faster; the separate modules are the fallback when only `tsc -b` has run.
import { existsSync } from 'node:fs';

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
