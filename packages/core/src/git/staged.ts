import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { ScanResult } from '../result.js';
import { scan, type ScanOptions } from '../pipeline/scan.js';
import { git, readBlobs, splitNul } from './git.js';

/**
 * `--staged` (the pre-commit hook): scan exactly what is staged, i.e. the index versions of added,
 * copied, modified and renamed files, not the working tree (which may hold unstaged edits). The blobs
 * are read with one `git cat-file --batch` into a temporary folder and scanned there with the same
 * config, so paths in the result are the repository's.
 */
export async function scanStaged(options: ScanOptions): Promise<ScanResult> {
  // One rev-parse for both answers: every git process costs the hook tens of milliseconds.
  const [inside = '', prefix = ''] = (
    await git(options.root, ['rev-parse', '--is-inside-work-tree', '--show-prefix']).catch(() => '')
  ).split('\n');
  if (inside.trim() !== 'true') throw new UsageError('--staged needs a git repository');
  const staged = splitNul(
    await git(options.root, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR', '--relative']),
  );
  const dir = mkdtempSync(join(tmpdir(), 'rampart-staged-'));
  try {
    const blobs = await readBlobs(
      options.root,
      staged.map((path) => `:${prefix}${path}`),
    );
    for (const path of staged) {
      const blob = blobs.get(`:${prefix}${path}`);
      if (blob === undefined) continue;
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, blob);
    }
    // The project's .rampartignore still applies (and is scanned only if it is itself staged).
    if (existsSync(join(options.root, '.rampartignore')) && !staged.includes('.rampartignore')) {
      copyFileSync(join(options.root, '.rampartignore'), join(dir, '.rampartignore'));
    }
    // Staged files are tracked, so .gitignore does not apply to them; the config's excludes still do.
    const only = options.explicitFiles ?? options.onlyPaths;
    const wanted = only ? staged.filter((p) => only.has(p)) : staged;
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
