import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AdvisoryDbError } from './errors.js';

/** A lock older than this is taken to be left over, whatever its pid says (pids are reused). */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** Tokens of the locks this process holds. */
const held = new Set<string>();

/**
 * Take `<db>.lock` for the length of an import or update, so that two processes never download into
 * the same partial file or build over each other. A lock whose process is gone (or that this process
 * does not hold although it has this pid, as after a container restart) is taken over.
 */
export function acquireLock(dbPath: string): () => void {
  const lockPath = `${dbPath}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  const token = `${process.pid} ${randomBytes(8).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(lockPath, error);
      const owner = readOwner(lockPath);
      if (owner !== undefined) {
        throw new AdvisoryDbError(
          `another Rampart process (pid ${owner}) is importing into or updating ${dbPath}; try again when it has finished, or delete ${lockPath} if no such process is running`,
          'busy',
        );
      }
      rmSync(lockPath, { force: true });
      continue;
    }
    try {
      writeSync(fd, token);
    } finally {
      closeSync(fd);
    }
    held.add(token);
    return () => {
      held.delete(token);
      if (readToken(lockPath) === token) rmSync(lockPath, { force: true });
    };
  }
}

function readToken(lockPath: string): string | undefined {
  try {
    return readFileSync(lockPath, 'utf8');
  } catch {
    return undefined;
  }
}

/** The pid of a live holder, or undefined when the lock is left over. */
function readOwner(lockPath: string): number | undefined {
  const token = readToken(lockPath);
  if (token === undefined) return undefined;
  try {
    if (Date.now() - statSync(lockPath).mtimeMs > STALE_AFTER_MS) return undefined;
  } catch {
    return undefined;
  }
  const pid = Number(token.split(' ')[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  if (pid === process.pid) return held.has(token) ? pid : undefined;
  return isRunning(pid) ? pid : undefined;
}

/** Whether a process exists (signal 0 only checks; it delivers nothing). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockError(lockPath: string, error: unknown): AdvisoryDbError {
  return new AdvisoryDbError(`cannot create the lock file ${lockPath}: ${(error as Error).message}`, 'io', {
    cause: error,
  });
}
