import type { HistoryChange } from '../scanner.js';
import { git } from './git.js';
import { ownershipRefusal } from './safe-config.js';
import { COMMIT_MARK, FIELD, startGitLog, takeEarlyGitLog } from './log-source.js';

/** A change plus the file line number of each line of its text. */
export interface HistoryEntry {
  change: HistoryChange;
  /** lines[i] is the 1-based line, in the file at that commit, of line i + 1 of `change.text`. */
  lines: number[];
}

/** Problems that stop a history read but not the rest of the scan. */
export class HistoryUnavailable extends Error {
  constructor(
    readonly code: 'not-a-git-repository' | 'no-commits' | 'repository-not-trusted',
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
  // No pre-checks (each would be a process start before the first byte): git's own errors say
  // "not a git repository" or "does not have any commits", and a log with no commit is empty. The
  // binary may have started this log already (`--history`, see log-source.ts).
  const log = takeEarlyGitLog(root) ?? startGitLog(root);

  let commit = { hash: '', author: '', date: '' };
  let commits = 0;
  let path: string | undefined;
  let inHunk = false;
  let line = 0;
  // The added lines of the current change, as bytes joined with newlines: decoded once, at the end.
  let added = Buffer.allocUnsafe(64 * 1024);
  let addedLength = 0;
  let lines: number[] = [];
  const flush = (): HistoryEntry | undefined => {
    const entry =
      path !== undefined && lines.length > 0 && addedLength <= maxBytes && accept(path)
        ? {
            change: {
              commit: commit.hash,
              author: commit.author,
              date: commit.date,
              path,
              // Without the newline after the last line.
              text: added.toString('utf8', 0, addedLength - 1),
            },
            lines,
          }
        : undefined;
    addedLength = 0;
    lines = [];
    return entry;
  };
  const add = (bytesLine: Buffer): void => {
    const length = bytesLine.length; // "+text": the "+" becomes the newline after it
    if (addedLength + length > added.length) {
      const grown = Buffer.allocUnsafe(Math.max(added.length * 2, addedLength + length));
      added.copy(grown, 0, 0, addedLength);
      added = grown;
    }
    bytesLine.copy(added, addedLength, 1);
    added[addedLength + length - 1] = 10;
    addedLength += length;
    lines.push(line++);
  };

  // Lines are handled synchronously, a chunk of git's output at a time; finished entries are yielded
  // after each chunk (an async step per line would cost more than parsing it).
  const ready: HistoryEntry[] = [];
  const onLine = (bytesLine: Buffer): void => {
    const first = bytesLine[0];
    if (inHunk) {
      if (first === 43 /* + */) {
        // Past max-file-size the change is dropped anyway: stop copying.
        if (addedLength <= maxBytes) add(bytesLine);
        else lines.push(line++);
        return;
      }
      // Removed lines are never decoded: with -U0 they are half of the output.
      if (first === 45 /* - */ || first === 92 /* \ */) return;
      if (first === 32 /* space */) {
        line++;
        return;
      }
      if (first === 64 /* @ */ && bytesLine[1] === 64) {
        line = hunkStart(bytesLine);
        return;
      }
    }
    const raw = bytesLine.toString('utf8');
    if (raw.startsWith(COMMIT_MARK)) {
      const done = flush();
      if (done) ready.push(done);
      const [hash = '', author = '', date = ''] = raw.slice(1).split(FIELD);
      commit = { hash, author, date };
      commits++;
      path = undefined;
      inHunk = false;
    } else if (raw.startsWith('diff --git ')) {
      const done = flush();
      if (done) ready.push(done);
      path = undefined;
      inHunk = false;
    } else if (raw.startsWith('+++ ')) {
      const target = unquote(raw.slice(4));
      path = target === '/dev/null' ? undefined : target.replace(/^b\//, '');
    } else if (raw.startsWith('@@')) {
      inHunk = true;
      line = hunkStart(bytesLine);
    }
  };

  // Set once git's output is read to the end: only a consumer that stops early (or an error) kills git.
  // Killing it otherwise could race its exit and hide its error message (e.g. "not a git repository").
  let complete = false;
  try {
    const splitter = new LineSplitter(onLine);
    for await (const chunk of log.chunks()) {
      splitter.push(chunk);
      yield* ready;
      ready.length = 0;
    }
    splitter.end();
    complete = true;
    const done = flush();
    if (done) ready.push(done);
    yield* ready;
  } finally {
    if (!complete && log.running) log.stop();
  }
  const code = await log.exited;
  const stderr = log.stderr();
  if (code !== 0 && !log.stopped) {
    const refusal = ownershipRefusal(stderr);
    if (refusal) throw new HistoryUnavailable('repository-not-trusted', refusal);
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

/** The first new-file line of a hunk header `@@ -a,b +c,d @@` (1 when it cannot be read). */
function hunkStart(header: Buffer): number {
  const plus = header.indexOf(43 /* + */, 3);
  if (plus === -1) return 1;
  let value = 0;
  let digits = 0;
  for (let i = plus + 1; i < header.length; i++) {
    const c = header[i]!;
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
  }
  return digits > 0 ? value : 1;
}

/** Splits a byte stream into lines (without the newline, and without a trailing CR), as Buffers. */
export class LineSplitter {
  /** The start of an unfinished line: parts kept apart until its end arrives (no quadratic copying). */
  private parts: Buffer[] = [];

  constructor(private readonly onLine: (line: Buffer) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    let at = chunk.indexOf(10);
    if (at === -1) {
      this.parts.push(chunk);
      return;
    }
    if (this.parts.length > 0) {
      this.parts.push(chunk.subarray(0, at));
      this.emit(Buffer.concat(this.parts));
      this.parts = [];
      start = at + 1;
      at = chunk.indexOf(10, start);
    }
    for (; at !== -1; at = chunk.indexOf(10, start)) {
      this.emit(chunk.subarray(start, at));
      start = at + 1;
    }
    if (start < chunk.length) this.parts.push(chunk.subarray(start));
  }

  end(): void {
    if (this.parts.length > 0) this.emit(Buffer.concat(this.parts));
    this.parts = [];
  }

  private emit(line: Buffer): void {
    this.onLine(line.length > 0 && line[line.length - 1] === 13 ? line.subarray(0, -1) : line);
  }
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
