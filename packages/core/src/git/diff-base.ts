import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { ScanResult } from '../result.js';
import { evaluatePolicy } from '../policy/gate.js';
import { scan, type ScanOptions } from '../pipeline/scan.js';
import { git, readBlobs, splitNul } from './git.js';
import { filterOffEnv } from './safe-config.js';

export interface ChangedFiles {
  mergeBase: string;
  /** Repository-relative (to the scan root) paths that differ from the merge base, new names for renames. */
  changed: Set<string>;
  /** New path -> path at the merge base, for files that existed there (renames included). */
  basePaths: Map<string, string>;
  /** The scan root's path inside the repository ('' or `sub/dir/`). */
  prefix: string;
}

/** Files changed in the working tree (committed, staged, unstaged, untracked) since the merge base with `ref`. */
export async function changedSince(root: string, ref: string): Promise<ChangedFiles> {
  if (ref.startsWith('-')) throw new UsageError(`invalid git ref "${ref}"`);
  await git(root, ['rev-parse', '--is-inside-work-tree']);
  const target = (
    await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(
      () => '',
    )
  ).trim();
  if (target === '') throw new UsageError(`--diff-base: unknown git ref "${ref}"`);
  const mergeBase = (await git(root, ['merge-base', target, 'HEAD'])).trim();
  const prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  // Comparing with the working tree hashes files whose stat data is stale, through the clean filters the
  // repository's config names: those are turned off (exit 1: no filter configured).
  const filters = await git(root, ['config', '-z', '--get-regexp', '^filter\\.']).catch(() => '');
  const status = splitNul(
    await git(
      root,
      ['diff', '--name-status', '-M', '-z', '--relative', mergeBase],
      filterOffEnv(filters, process.env),
    ),
  );
  const changed = new Set<string>();
  const basePaths = new Map<string, string>();
  for (let i = 0; i < status.length;) {
    const code = status[i++] ?? '';
    if (code.startsWith('R') || code.startsWith('C')) {
      const from = status[i++] ?? '';
      const to = status[i++] ?? '';
      changed.add(to);
      basePaths.set(to, from);
    } else {
      const path = status[i++] ?? '';
      if (code !== 'D') changed.add(path);
      if (code !== 'A' && code !== 'D') basePaths.set(path, path);
    }
  }
  for (const path of splitNul(await git(root, ['ls-files', '--others', '--exclude-standard', '-z'])))
    changed.add(path);
  return { mergeBase, changed, basePaths, prefix };
}

/**
 * Pull-request mode. Scan the changed files, scan their versions at the merge base, and keep only
 * findings whose fingerprints are new. Fingerprints are content-based, so a finding that merely moved
 * (or whose file was renamed) is not reported as new.
 */
export async function scanDiff(options: ScanOptions, ref: string): Promise<ScanResult> {
  const changes = await changedSince(options.root, ref);
  // A file named on the command line narrows the diff to that file.
  const only = options.explicitFiles ?? options.onlyPaths;
  if (only) {
    for (const path of [...changes.changed]) if (!only.has(path)) changes.changed.delete(path);
    for (const path of [...changes.basePaths.keys()]) if (!only.has(path)) changes.basePaths.delete(path);
  }
  const current = await scan({ ...options, explicitFiles: undefined, onlyPaths: changes.changed });
  const baseDir = mkdtempSync(join(tmpdir(), 'rampart-base-'));
  try {
    const specs = [...changes.basePaths].map(([, from]) => `${changes.mergeBase}:${changes.prefix}${from}`);
    const blobs = await readBlobs(options.root, specs);
    for (const [to, from] of changes.basePaths) {
      const blob = blobs.get(`${changes.mergeBase}:${changes.prefix}${from}`);
      if (blob === undefined) continue;
      const target = join(baseDir, to);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, blob);
    }
    const base = await scan({
      ...options,
      root: baseDir,
      explicitFiles: undefined,
      onlyPaths: new Set(changes.basePaths.keys()),
      config: { ...options.config, gitignore: false, exclude: [] },
      ignoreBaseline: true,
      onProgress: undefined,
    });
    const existing = new Set([...base.findings, ...base.suppressed].map((f) => f.fingerprint));
    const findings = current.findings.filter((f) => !existing.has(f.fingerprint));
    return {
      ...current,
      findings,
      diffBase: { ref, mergeBase: changes.mergeBase, changedFiles: changes.changed.size },
      policy: evaluatePolicy(findings, options.config),
    };
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }
}
