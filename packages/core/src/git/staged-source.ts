import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { blobReader, git, GitRefusedError, splitNul } from './git.js';
import { guessScanRoot } from './log-source.js';

// What `--staged` reads from git, and its early start. Kept apart from staged.ts (which imports the scan
// pipeline) so that the binary can load it alone, before the rest of the CLI: `rampart scan --staged`
// (the pre-commit hook) then has git listing and reading the staged blobs while Node compiles the CLI.

/** The index's added, copied and modified files, with their blob ids, relative to the scan root. */
export const STAGED_DIFF_ARGS: readonly string[] = [
  'diff',
  '--cached',
  '--raw',
  '-z',
  '--no-renames',
  '--no-abbrev',
  '--diff-filter=ACM',
  '--relative',
];

export interface StagedBlob {
  path: string;
  blob: string;
}

/**
 * The entries of `git diff --raw -z` (`:<old mode> <new mode> <old id> <new id> <status>` NUL `<path>` NUL)
 * as staged paths and blob ids. Submodules (mode 160000: the id is a commit) are not files to scan.
 */
export function stagedBlobs(raw: string): StagedBlob[] {
  const fields = splitNul(raw);
  const out: StagedBlob[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, newMode, , blob] = fields[i]!.split(' ');
    if (newMode === '160000' || blob === undefined || !/^[0-9a-f]{40,64}$/.test(blob)) continue;
    out.push({ path: fields[i + 1]!, blob });
  }
  return out;
}

/** The staged files of a repository and their content (undefined: git no longer has the blob). */
export interface StagedContent {
  staged: StagedBlob[];
  blobs: Map<string, Buffer | undefined>;
}

/** Reading what is staged in `root`, under way. */
export interface StagedFetch {
  readonly root: string;
  /** Rejects with a UsageError when `root` is not in a git work tree or git is missing. */
  readonly content: Promise<StagedContent>;
  /** Stop the git processes (nobody wants the answer). */
  cancel(): void;
}

/**
 * Two git processes, started together: `git diff --cached --raw` names the staged files and their blob
 * ids, and `git cat-file --batch` (already running when the list arrives) reads the blobs.
 */
export function fetchStaged(root: string): StagedFetch {
  const reader = blobReader(root);
  const content = git(root, [...STAGED_DIFF_ARGS]).then(
    async (raw) => {
      const staged = stagedBlobs(raw);
      return { staged, blobs: await reader.read(staged.map((s) => s.blob)) };
    },
    async (error: unknown) => {
      reader.cancel();
      if (!(error instanceof UsageError) || error.message.includes('not installed')) throw error;
      // Outside a repository git takes `diff` for `diff --no-index`, which has no --cached: the message
      // says nothing useful. Ask git why (not a repository, or one it refuses to read).
      const why = await git(root, ['rev-parse', '--is-inside-work-tree']).then(
        (answer) => (answer.trim() === 'true' ? error.message : 'not inside a work tree'),
        (probe: unknown) => {
          if (probe instanceof GitRefusedError) throw probe;
          return probe instanceof Error ? probe.message : String(probe);
        },
      );
      throw new UsageError(`--staged needs a git repository with a work tree (${why})`);
    },
  );
  // Observed by the scan; an early fetch nobody takes must not leave an unhandled rejection.
  content.catch(() => undefined);
  return { root, content, cancel: () => reader.cancel() };
}

let early: StagedFetch | undefined;

/**
 * Called by the binary for `rampart scan ... --staged` before the CLI loads, with the arguments after
 * `scan`; the root is guessed as for `--history` (see `guessScanRoot`), and a wrong guess only costs
 * two git processes.
 */
export function startEarlyStaged(args: readonly string[]): void {
  early = fetchStaged(guessScanRoot(args));
}

/** The early fetch if it was started in `root`; any other is cancelled. Once only. */
export function takeEarlyStaged(root: string): StagedFetch | undefined {
  const fetch = early;
  early = undefined;
  if (fetch && resolve(fetch.root) === resolve(root)) return fetch;
  fetch?.cancel();
  return undefined;
}

/** Cancel an early fetch nobody took (the scan failed before it read the staged files). */
export function stopEarlyStaged(): void {
  early?.cancel();
  early = undefined;
}
