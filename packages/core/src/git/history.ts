import { spawn } from 'node:child_process';
import type { HistoryChange } from '../scanner.js';
import { git } from './git.js';

/** A change plus the file line number of each line of its text. */
export interface HistoryEntry {
  change: HistoryChange;
  /** lines[i] is the 1-based line, in the file at that commit, of line i + 1 of `change.text`. */
  lines: number[];
}

const HUNK = /^@@ -[0-9]+(?:,[0-9]+)? \+([0-9]+)(?:,[0-9]+)? @@/;
const COMMIT_MARK = '\x01';
const FIELD = '\x02';

/** Problems that stop a history read but not the rest of the scan. */
export class HistoryUnavailable extends Error {
  constructor(
    readonly code: 'not-a-git-repository' | 'no-commits',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Stream every reachable commit's added lines (`git log -p --all -U0`), one entry per commit and file.
 * Only diffs are read, not every blob: a line is scanned in the commit that added it, once. Merge
 * commits show no diff, so content merged in is not scanned twice. Paths are relative to `root`.
 */
export async function* readHistory(
  root: string,
  accept: (path: string) => boolean,
  maxBytes: number,
): AsyncGenerator<HistoryEntry> {
  const inside = await git(root, ['rev-parse', '--is-inside-work-tree']).catch(() => '');
  if (inside.trim() !== 'true')
    throw new HistoryUnavailable('not-a-git-repository', 'not a git repository: --history needs one');
  const refs = await git(root, ['for-each-ref', '--count=1', '--format=%(refname)']).catch(() => '');
  const head = await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '');
  if (refs.trim() === '' && head.trim() === '')
    throw new HistoryUnavailable(
      'no-commits',
      'the repository has no commits yet; nothing in its history to scan',
    );

  const child = spawn(
    'git',
    [
      '-c',
      'core.quotepath=off',
      'log',
      '-p',
      '--all',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '-M',
      '--unified=0',
      '--relative',
      `--format=${COMMIT_MARK}%H${FIELD}%an <%ae>${FIELD}%aI`,
      '--',
      '.',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });

  let commit = { hash: '', author: '', date: '' };
  let commits = 0;
  let path: string | undefined;
  let inHunk = false;
  let line = 0;
  let texts: string[] = [];
  let lines: number[] = [];
  let bytes = 0;
  const flush = (): HistoryEntry | undefined => {
    const entry =
      path !== undefined && texts.length > 0 && bytes <= maxBytes && accept(path)
        ? {
            change: {
              commit: commit.hash,
              author: commit.author,
              date: commit.date,
              path,
              text: texts.join('\n'),
            },
            lines,
          }
        : undefined;
    texts = [];
    lines = [];
    bytes = 0;
    return entry;
  };

  try {
    for await (const bytesLine of byteLines(child.stdout)) {
      const first = bytesLine[0];
      if (inHunk) {
        if (first === 43 /* + */) {
          texts.push(bytesLine.toString('utf8', 1));
          lines.push(line++);
          bytes += bytesLine.length;
          continue;
        }
        // Removed lines are never decoded: with -U0 they are half of the output.
        if (first === 45 /* - */ || first === 92 /* \ */) continue;
        if (first === 32 /* space */) {
          line++;
          continue;
        }
      }
      const raw = bytesLine.toString('utf8');
      if (inHunk && raw.startsWith('@@')) {
        line = Number(HUNK.exec(raw)?.[1] ?? '1');
        continue;
      }
      if (raw.startsWith(COMMIT_MARK)) {
        const done = flush();
        if (done) yield done;
        const [hash = '', author = '', date = ''] = raw.slice(1).split(FIELD);
        commit = { hash, author, date };
        commits++;
        path = undefined;
        inHunk = false;
      } else if (raw.startsWith('diff --git ')) {
        const done = flush();
        if (done) yield done;
        path = undefined;
        inHunk = false;
      } else if (raw.startsWith('+++ ')) {
        const target = unquote(raw.slice(4));
        path = target === '/dev/null' ? undefined : target.replace(/^b\//, '');
      } else if (raw.startsWith('@@')) {
        inHunk = true;
        line = Number(HUNK.exec(raw)?.[1] ?? '1');
      }
    }
    const done = flush();
    if (done) yield done;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0 && !child.killed) {
    if (/not a git repository/i.test(stderr))
      throw new HistoryUnavailable('not-a-git-repository', 'not a git repository: --history needs one');
    if (/does not have any commits|bad default revision/i.test(stderr))
      throw new HistoryUnavailable(
        'no-commits',
        'the repository has no commits yet; nothing in its history to scan',
      );
    throw new Error(`git log failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`);
  }
  if (commits === 0)
    throw new HistoryUnavailable(
      'no-commits',
      'the repository has no commits yet; nothing in its history to scan',
    );
}

/** Split a byte stream into lines (without the newline, and without a trailing CR), as Buffers. */
async function* byteLines(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer | undefined;
  for await (const chunk of stream) {
    const data: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let at = data.indexOf(10, start); at !== -1; at = data.indexOf(10, start)) {
      yield data.subarray(start, at > start && data[at - 1] === 13 ? at - 1 : at);
      start = at + 1;
    }
    rest = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
  }
  if (rest && rest.length > 0) yield rest;
}

/** Git quotes paths with unusual characters C-style: `"b/a\"b"`. */
function unquote(path: string): string {
  const trimmed = path.endsWith('\t') ? path.slice(0, -1) : path;
  if (!trimmed.startsWith('"') || !trimmed.endsWith('"')) return trimmed;
  const body = trimmed.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(
        ({ n: 10, t: 9, r: 13, b: 8, f: 12, a: 7, v: 11 } as Record<string, number>)[next] ??
          next.charCodeAt(0),
      );
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** True for a shallow clone (history is cut off). */
export async function isShallow(root: string): Promise<boolean> {
  return (await git(root, ['rev-parse', '--is-shallow-repository']).catch(() => 'false')).trim() === 'true';
}
