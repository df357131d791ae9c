import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadConfig, type RampartConfig, type ScannerModule } from '../../src/index.js';

export const DEMO_SCANNER: ScannerModule = {
  id: 'demo',
  url: new URL('./demo-scanner.js', import.meta.url).href,
};

/** A scanner with a project pass only: its rules are not in the worker threads' catalog. */
export const PROJECT_SCANNER: ScannerModule = {
  id: 'proj',
  url: new URL('./project-scanner.js', import.meta.url).href,
};

/** A temporary folder with the given files; removed by the returned cleanup. */
export function tempTree(files: Record<string, string | Buffer>): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'rampart-test-'));
  writeTree(root, files);
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function configFor(
  root: string,
  overrides: Partial<RampartConfig> = {},
  flags: Record<string, string> = {},
): RampartConfig {
  return { ...loadConfig({ root, cwd: root, env: {}, flags }).config, ...overrides };
}

export function gitInit(root: string): (...args: string[]) => string {
  const run = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    });
  run('init', '-q', '-b', 'main');
  run('config', 'commit.gpgsign', 'false');
  return run;
}
