import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GIT_SAFE_CONFIG } from './safe-config.js';

// The `git log` that `--history` reads, and its early start. Kept apart from history.ts (no other
// imports but git's safe config) so that the binary can load it alone, before the rest of the CLI:
// `rampart scan --history` then has git working while Node compiles the CLI and plans the scan
// (~0.1-0.2 s, most of the run on a small repository).

export const COMMIT_MARK = '\x01';
export const FIELD = '\x02';

/** Every reachable commit's diff with added lines only in context (-U0), renames followed. */
export const GIT_LOG_ARGS: readonly string[] = gitLogArgs(undefined);

/**
 * The `git log` arguments for the commits of `range` (git's revision syntax, checked by the config: never
 * an option, and passed after `--end-of-options` anyway), or of every ref when undefined.
 */
export function gitLogArgs(range: string | undefined): readonly string[] {
  return [
    ...GIT_SAFE_CONFIG,
    'log',
    '-p',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '-M',
    '--unified=0',
    '--relative',
    `--format=${COMMIT_MARK}%H${FIELD}%an <%ae>${FIELD}%aI`,
    ...(range === undefined ? ['--all'] : ['--end-of-options', range]),
    '--',
    '.',
  ];
}

/** Output held for a reader that has not started yet; beyond it git waits, as on any full pipe. */
const HOLD_BYTES = 32 * 1024 * 1024;

/** A running `git log` in `root`. Its output is read from the start and held until `chunks` is called. */
export interface GitLog {
  readonly root: string;
  /** The revision range it reads (undefined: every ref). */
  readonly range: string | undefined;
  /** Git's output, from the first byte; call once. */
  chunks(): AsyncIterable<Buffer>;
  /** Git's exit code (rejects when git could not be started). */
  readonly exited: Promise<number>;
  /** The start of git's error output. */
  stderr(): string;
  readonly running: boolean;
  /** Stop git (when its output is no longer wanted). */
  stop(): void;
  /** Whether `stop` was called. */
  readonly stopped: boolean;
}

export function startGitLog(root: string, range?: string, holdBytes = HOLD_BYTES): GitLog {
  const child = spawn('git', gitLogArgs(range), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done(code ?? 1));
  });
  // Observed by the reader; without one (a log never read) the rejection must not go unhandled.
  exited.catch(() => undefined);
  const held: Buffer[] = [];
  let heldBytes = 0;
  const hold = (chunk: Buffer) => {
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes >= holdBytes) child.stdout.pause();
  };
  child.stdout.on('data', hold);
  let stopped = false;
  return {
    root,
    range,
    exited,
    stderr: () => stderr,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    get stopped() {
      return stopped;
    },
    stop() {
      stopped = true;
      if (child.exitCode === null) child.kill();
    },
    async *chunks() {
      // No 'data' event after this, so nothing is lost between what was held and what the stream
      // hands out next (its own buffer included).
      child.stdout.off('data', hold);
      child.stdout.pause();
      for (let i = 0; i < held.length; i++) yield held[i]!;
      held.length = 0;
      yield* child.stdout as AsyncIterable<Buffer>;
    },
  };
}

let early: GitLog | undefined;

/**
 * Called by the binary for `rampart scan ... --history` before the CLI loads, with the arguments after
 * `scan`. The scan root is not known yet: the log starts in the first argument that names a folder (or
 * the current one); the history pass takes it only if that is its root (`takeEarlyGitLog`), otherwise
 * it is stopped and a log is started in the right place. A wrong guess costs a git process, never a
 * wrong result.
 */
export function startEarlyGitLog(args: readonly string[]): void {
  early = startGitLog(guessScanRoot(args));
}

/**
 * The scan root as the binary guesses it before the CLI has parsed anything: the first argument (after
 * `scan`) that names a folder, or the current folder. Early git work started there is used only if the
 * scan's real root matches.
 */
export function guessScanRoot(args: readonly string[]): string {
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    try {
      if (statSync(arg).isDirectory()) return resolve(arg);
    } catch {
      // Not a path: an option's value.
    }
  }
  return process.cwd();
}

/** The early log if it was started in `root` for `range`; any other is stopped. Once only. */
export function takeEarlyGitLog(root: string, range?: string): GitLog | undefined {
  const log = early;
  early = undefined;
  if (log && resolve(log.root) === resolve(root) && log.range === range) return log;
  log?.stop();
  return undefined;
}

/** Stop an early log nobody took (a scan without a history scanner, or one that failed first). */
export function stopEarlyGitLog(): void {
  early?.stop();
  early = undefined;
}
