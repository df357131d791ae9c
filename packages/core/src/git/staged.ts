import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { ScanResult } from '../result.js';
import { scan, type ScanOptions } from '../pipeline/scan.js';
import { blobReader, git, splitNul } from './git.js';

/**
 * `--staged` (the pre-commit hook): scan exactly what is staged, i.e. the index versions of added,
 * copied and modified files (a renamed file counts as added under its new name), not the working tree
 * (which may hold unstaged edits). The blobs are read with one `git cat-file --batch` into a temporary
 * folder and scanned there with the same config, so paths in the result are the repository's.
 *
 * Two git processes, started together: `git diff --cached --raw` names the staged files and their blob
 * ids (relative to the scan root, which may be a subfolder), and `git cat-file --batch` reads the blobs.
 */
export async function scanStaged(options: ScanOptions): Promise<ScanResult> {
  const reader = blobReader(options.root);
  const listing = git(options.root, [
    'diff',
    '--cached',
    '--raw',
    '-z',
    '--no-renames',
    '--no-abbrev',
    '--diff-filter=ACM',
    '--relative',
  ]);
  // While git answers (in other processes), compile the scanner modules the scan will import: the hook's
  // wait for git and its module loading overlap. Failures are left for the scan to report.
  for (const module of options.scanners) void import(module.url).catch(() => undefined);
  let raw: string;
  try {
    raw = await listing;
  } catch (error) {
    reader.cancel();
    if (!(error instanceof UsageError) || error.message.includes('not installed')) throw error;
    throw new UsageError(`--staged needs a git repository with a work tree (${error.message})`);
  }
  const staged = stagedBlobs(raw);
  const dir = mkdtempSync(join(tmpdir(), 'rampart-staged-'));
  try {
    const blobs = await reader.read(staged.map((s) => s.blob));
    for (const { path, blob: id } of staged) {
      const blob = blobs.get(id);
      if (blob === undefined) continue;
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, blob);
    }
    // The project's .rampartignore still applies (and is scanned only if it is itself staged).
    const paths = staged.map((s) => s.path);
    if (existsSync(join(options.root, '.rampartignore')) && !paths.includes('.rampartignore')) {
      copyFileSync(join(options.root, '.rampartignore'), join(dir, '.rampartignore'));
    }
    // Staged files are tracked, so .gitignore does not apply to them; the config's excludes still do.
    const only = options.explicitFiles ?? options.onlyPaths;
    const wanted = only ? paths.filter((p) => only.has(p)) : paths;
    return await scan({
      ...options,
      root: dir,
      explicitFiles: undefined,
      onlyPaths: new Set(wanted),
      config: { ...options.config, gitignore: false },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The entries of `git diff --raw -z` (`:<old mode> <new mode> <old id> <new id> <status>` NUL `<path>` NUL)
 * as staged paths and blob ids. Submodules (mode 160000: the id is a commit) are not files to scan.
 */
export function stagedBlobs(raw: string): { path: string; blob: string }[] {
  const fields = splitNul(raw);
  const out: { path: string; blob: string }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, newMode, , blob] = fields[i]!.split(' ');
    if (newMode === '160000' || blob === undefined || !/^[0-9a-f]{40,64}$/.test(blob)) continue;
    out.push({ path: fields[i + 1]!, blob });
  }
  return out;
}
