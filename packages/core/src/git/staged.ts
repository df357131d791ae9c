import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ScanResult } from '../result.js';
import { scan, type ScanOptions } from '../pipeline/scan.js';
import { fetchStaged, takeEarlyStaged } from './staged-source.js';

/**
 * `--staged` (the pre-commit hook): scan exactly what is staged, i.e. the index versions of added,
 * copied and modified files (a renamed file counts as added under its new name), not the working tree
 * (which may hold unstaged edits). The blobs are read with one `git cat-file --batch` into a temporary
 * folder and scanned there with the same config, so paths in the result are the repository's.
 *
 * The staged files and their blobs come from `fetchStaged` (staged-source.ts), relative to the scan root,
 * which may be a subfolder.
 */
export async function scanStaged(options: ScanOptions): Promise<ScanResult> {
  // The binary may have started this already (see staged-source.ts).
  const fetch = takeEarlyStaged(options.root) ?? fetchStaged(options.root);
  // While git answers (in other processes), compile the scanner modules the scan will import: the hook's
  // wait for git and its module loading overlap. Failures are left for the scan to report.
  for (const module of options.scanners) void import(module.url).catch(() => undefined);
  const { staged, blobs } = await fetch.content;
  const dir = mkdtempSync(join(tmpdir(), 'rampart-staged-'));
  try {
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
