#!/usr/bin/env node
// The `rampart` binary. Thin on purpose: everything lives in dist/main.js, which maps user errors to
// exit 2 itself; anything that still escapes (a crashed worker) is exit 2 too, never a policy verdict.
try {
  const { run } = await import('../dist/main.js');
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `rampart: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 2;
}
