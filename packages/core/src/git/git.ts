import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from '../errors.js';

const execFileAsync = promisify(execFile);

/** Run git with an argument array (never a shell string) in `cwd`; stdout as a string. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', ['-c', 'core.quotepath=off', ...args], {
      cwd,
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new UsageError('git is not installed or not on PATH');
    const detail = (e.stderr ?? '').trim().split('\n')[0] ?? '';
    throw new UsageError(`git ${args[0] ?? ''} failed: ${detail || e.message}`);
  }
}

/** Split NUL-separated output. */
export function splitNul(text: string): string[] {
  return text.split('\0').filter((s) => s !== '');
}

/**
 * Read many blobs with one `git cat-file --batch` process. `specs` are `<rev>:<path>`; a missing
 * object yields undefined.
 */
export async function readBlobs(
  cwd: string,
  specs: readonly string[],
): Promise<Map<string, Buffer | undefined>> {
  const result = new Map<string, Buffer | undefined>();
  // cat-file reads one spec per line: a path with a newline cannot be asked for (it is reported missing).
  const readable = specs.filter((spec) => !spec.includes('\n'));
  for (const spec of specs) if (spec.includes('\n')) result.set(spec, undefined);
  if (readable.length === 0) return result;
  const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new UsageError(`git cat-file exited with ${code}`)),
    );
  });
  for (const spec of specs) {
    if (spec.includes('\n'))
      throw new UsageError(`path with a newline cannot be read from git: ${JSON.stringify(spec)}`);
    child.stdin.write(`${spec}\n`);
  }
  child.stdin.end();
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
}
