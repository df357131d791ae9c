import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from '../errors.js';
import { GIT_SAFE_CONFIG, ownershipRefusal } from './safe-config.js';

const execFileAsync = promisify(execFile);

/** git refused the repository (see {@link ownershipRefusal}); the message says what the user can do. */
export class GitRefusedError extends UsageError {}

/**
 * Run git with an argument array (never a shell string) in `cwd`, with {@link GIT_SAFE_CONFIG}; stdout as a
 * string. `env` is added to the process's environment.
 */
export async function git(
  cwd: string,
  args: readonly string[],
  env?: Readonly<Record<string, string>>,
): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', [...GIT_SAFE_CONFIG, ...args], {
      cwd,
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
      ...(env ? { env: { ...process.env, ...env } } : {}),
    });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new UsageError('git is not installed or not on PATH');
    const refusal = ownershipRefusal(e.stderr ?? '');
    if (refusal) throw new GitRefusedError(refusal);
    const detail = (e.stderr ?? '').trim().split('\n')[0] ?? '';
    throw new UsageError(`git ${args[0] ?? ''} failed: ${detail || e.message}`);
  }
}

/** Split NUL-separated output. */
export function splitNul(text: string): string[] {
  return text.split('\0').filter((s) => s !== '');
}

/** A `git cat-file --batch` process started ahead of the question (see {@link blobReader}). */
export interface BlobReader {
  /** Ask for `specs` (`<rev>:<path>` or object ids) once; a missing object yields undefined. */
  read(specs: readonly string[]): Promise<Map<string, Buffer | undefined>>;
  /** Stop the process without asking anything (the caller gave up). */
  cancel(): void;
}

/**
 * Start `git cat-file --batch` now and ask it later: spawning git costs the pre-commit hook tens of
 * milliseconds, so the process starts while another git command is still answering.
 */
export function blobReader(cwd: string): BlobReader {
  const child = spawn('git', [...GIT_SAFE_CONFIG, 'cat-file', '--batch'], {
    cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stderr.on('data', (c: Buffer) => errors.push(c));
  // Writes to a process that has already exited fail with EPIPE: the exit code reports it.
  child.stdin.on('error', () => undefined);
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new UsageError('git is not installed or not on PATH') : error),
    );
    child.on('close', (code) => {
      const stderr = Buffer.concat(errors).toString('utf8');
      const refusal = ownershipRefusal(stderr);
      if (code === 0) resolve();
      else if (refusal) reject(new GitRefusedError(refusal));
      else {
        const detail = stderr.trim().split('\n')[0];
        reject(new UsageError(`git cat-file exited with ${code}${detail ? `: ${detail}` : ''}`));
      }
    });
  });
  // Nobody may ever wait on `done` (cancel): its failure must not be an unhandled rejection.
  done.catch(() => undefined);
  return {
    async read(specs) {
      const result = new Map<string, Buffer | undefined>();
      // cat-file reads one spec per line: a path with a newline cannot be asked for (it is reported missing).
      const readable = specs.filter((spec) => !spec.includes('\n'));
      for (const spec of specs) if (spec.includes('\n')) result.set(spec, undefined);
      child.stdin.end(readable.map((spec) => `${spec}\n`).join(''));
      await done;
      const out = Buffer.concat(chunks);
      let at = 0;
      for (const spec of readable) {
        const eol = out.indexOf(10, at);
        const header = out.subarray(at, eol).toString('utf8');
        at = eol + 1;
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          result.set(spec, undefined);
          continue;
        }
        const size = Number(header.split(' ')[2]);
        result.set(spec, out.subarray(at, at + size));
        at += size + 1;
      }
      return result;
    },
    cancel() {
      child.stdin.destroy();
      child.kill();
    },
  };
}

/**
 * Read many blobs with one `git cat-file --batch` process. `specs` are `<rev>:<path>`; a missing
 * object yields undefined.
 */
export async function readBlobs(
  cwd: string,
  specs: readonly string[],
): Promise<Map<string, Buffer | undefined>> {
  if (specs.length === 0) return new Map();
  return blobReader(cwd).read(specs);
}
