import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** Our own inputs (config, baseline, suppressions) are small; a larger one is a mistake. */
const MAX_USER_FILE = 64 * 1024 * 1024;

/** Read a file the user pointed us at; any failure is a UsageError naming the file, never a stack trace. */
export function readUserFile(path: string, display: string, what: string): string {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${what} file ${display} is not a regular file`);
    if (stat.size > MAX_USER_FILE) throw new UsageError(`${what} file ${display} is larger than 64 MB`);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot read ${what} file ${display}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}
