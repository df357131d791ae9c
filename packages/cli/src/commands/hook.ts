import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, git } from '@rampart/core';
import { EXIT, type CliIo } from '../io.js';

const MARKER = '# rampart pre-commit hook';

/** Quote for POSIX sh: the value is data, never code. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The hook runs this very installation directly (no npx: it adds a third of a second per commit), and
 * falls back to a `rampart` on PATH when the recorded paths are gone (Node upgraded, project moved).
 */
export function hookScript(node: string, cli: string): string {
  return [
    '#!/bin/sh',
    `${MARKER} (installed by \`rampart hook install\`).`,
    '# Scans what is staged before each commit. Skip once with `git commit --no-verify`.',
    `node=${shellQuote(node)}`,
    `cli=${shellQuote(cli)}`,
    'if [ -x "$node" ] && [ -f "$cli" ]; then',
    '  exec "$node" "$cli" scan --staged --progress never "$@"',
    'fi',
    'if command -v rampart >/dev/null 2>&1; then',
    '  exec rampart scan --staged --progress never "$@"',
    'fi',
    'echo "rampart: not found; reinstall the hook with: npx rampart hook install --force" >&2',
    'exit 1',
    '',
  ].join('\n');
}

/** `rampart hook install`: write the git pre-commit hook (where core.hooksPath says, if set). */
export async function hookInstallCommand(io: CliIo, dir: string, force: boolean): Promise<number> {
  const root = resolve(io.cwd, dir);
  const hooks = (await git(root, ['rev-parse', '--git-path', 'hooks'])).trim();
  const hooksDir = isAbsolute(hooks) ? hooks : join(root, hooks);
  const path = join(hooksDir, 'pre-commit');
  if (existsSync(path) && !force && !readFileSync(path, 'utf8').includes(MARKER)) {
    throw new UsageError(
      `${path} exists and was not written by rampart; use --force to replace it, or call rampart from it`,
    );
  }
  // Two levels up from dist/commands/ and from dist/bundle/ (the bundled CLI) alike.
  const cli = fileURLToPath(new URL('../../bin/rampart.js', import.meta.url));
  mkdirSync(hooksDir, { recursive: true });
  writeFileSync(path, hookScript(process.execPath, cli));
  chmodSync(path, 0o755);
  io.stderr(`rampart: installed the pre-commit hook at ${path}\n`);
  return EXIT.ok;
}
