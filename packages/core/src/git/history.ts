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
    readonly code: 'not-a-git-repository' | 'no-commits' | 'repository-not-trusted' | 'bad-revision',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Stream every reachable commit's added lines (`git log -p --all -U0`), or those of the commits in
 * `range` (`--history-range`), one entry per commit and file. Only diffs are read, not every blob: a line
 * is scanned in the commit that added it, once. Merge commits show no diff, so content merged in is not
 * scanned twice. Paths are relative to `root`. Returns the number of commits read.
 */
export async function* readHistory(
  root: string,
  accept: (path: string) => boolean,
  maxBytes: number,
  range?: string,
): AsyncGenerator<HistoryEntry, number> {
  // No pre-checks (each would be a process start before the first byte): git's own errors say
  // "not a git repository" or "does not have any commits", and a log with no commit is empty. The
  // binary may have started this log already (`--history`, see log-source.ts).
  const log = takeEarlyGitLog(root, range) ?? startGitLog(root, range);

  const parser = new DiffLogParser(accept, maxBytes);
  // Set once git's output is read to the end: only a consumer that stops early (or an error) kills git.
  // Killing it otherwise could race its exit and hide its error message (e.g. "not a git repository").
  let complete = false;
  try {
    // Lines are handled synchronously, a chunk of git's output at a time; finished entries are yielded
    // after each chunk (an async step per line would cost more than parsing it).
    for await (const chunk of log.chunks()) {
      parser.push(chunk);
      yield* parser.ready;
      parser.ready.length = 0;
    }
    parser.end();
    complete = true;
    yield* parser.ready;
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
    if (range !== undefined && /bad revision|unknown revision|ambiguous argument/i.test(stderr))
      throw new HistoryUnavailable(
        'bad-revision',
        `--history-range: git cannot read ${JSON.stringify(range)} (${stderr.trim().split('\n')[0] ?? ''})`,
      );
    if (/does not have any commits|bad default revision/i.test(stderr))
      throw new HistoryUnavailable(
        'no-commits',
        'the repository has no commits yet; nothing in its history to scan',
      );
    throw new Error(`git log failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`);
  }
  if (parser.commits === 0 && range !== undefined)
    throw new HistoryUnavailable('no-commits', `no commits in ${JSON.stringify(range)}: nothing to scan`);
  if (parser.commits === 0)
    throw new HistoryUnavailable(
      'no-commits',
      'the repository has no commits yet; nothing in its history to scan',
    );
  return parser.commits;
}

const NEWLINE = Buffer.from('\n');

/**
 * Parses `git log -p` output in the format of log-source.ts's `GIT_LOG_ARGS` into entries, a chunk at a time, however
 * the chunks split lines. It is the hot loop of `--history` (every byte of every diff passes here), so it
 * works on offsets into each chunk and makes no object per line: removed lines are skipped unread, and
 * added lines are compacted in place (their `+` dropped) into runs copied out once per run.
 *
 * `push` rewrites the bytes of the chunks it is given: pass buffers nobody else reads.
 */
export class DiffLogParser {
  /** Finished entries: the reader takes them after each chunk. */
  readonly ready: HistoryEntry[] = [];
  /** Commits seen so far. */
  commits = 0;
  private commit = { hash: '', author: '', date: '' };
  private path: string | undefined;
  private inHunk = false;
  /** The file line of the next line of the current hunk. */
  private line = 0;
  /** The added lines of the current change, as bytes joined with newlines: decoded once, at the end. */
  private added = Buffer.allocUnsafe(64 * 1024);
  private addedLength = 0;
  private lines: number[] = [];
  /** The start of an unfinished line: parts kept apart until its end arrives (no quadratic copying). */
  private partial: Buffer[] = [];
  /** The run of added lines being compacted in the current buffer: [runStart, write). -1: none. */
  private runStart = -1;
  private write = 0;

  constructor(
    private readonly accept: (path: string) => boolean,
    private readonly maxBytes: number,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.partial.length > 0) {
      const eol = chunk.indexOf(10);
      if (eol === -1) {
        this.partial.push(chunk);
        return;
      }
      this.partial.push(chunk.subarray(0, eol + 1));
      const joined = Buffer.concat(this.partial);
      this.partial = [];
      this.consume(joined, 0);
      start = eol + 1;
    }
    start = this.consume(chunk, start);
    if (start < chunk.length) this.partial.push(chunk.subarray(start));
  }

  /** The end of git's output: a last line without a newline, and the last change. */
  end(): void {
    if (this.partial.length > 0) {
      const joined = Buffer.concat([...this.partial, NEWLINE]);
      this.partial = [];
      this.consume(joined, 0);
    }
    this.flush();
  }

  /** Handle every complete line of `buf` from `start`; returns the offset after the last newline. */
  private consume(buf: Buffer, start: number): number {
    for (let eol = buf.indexOf(10, start); eol !== -1; eol = buf.indexOf(10, start)) {
      const end = eol > start && buf[eol - 1] === 13 ? eol - 1 : eol; // without a trailing CR
      this.handleLine(buf, start, end);
      start = eol + 1;
    }
    this.closeRun(buf);
    return start;
  }

  private handleLine(buf: Buffer, start: number, end: number): void {
    const first = buf[start];
    if (this.inHunk) {
      if (first === 43 /* + */) {
        this.addLine(buf, start, end);
        return;
      }
      this.closeRun(buf);
      // Removed lines are never decoded: with -U0 they are half of the output.
      if (first === 45 /* - */ || first === 92 /* \ */) return;
      if (first === 32 /* space */) {
        this.line++;
        return;
      }
      if (first === 64 /* @ */ && buf[start + 1] === 64) {
        this.line = hunkStart(buf, start, end);
        return;
      }
    }
    this.closeRun(buf);
    const raw = buf.toString('utf8', start, end);
    if (raw.startsWith(COMMIT_MARK)) {
      this.flush();
      const [hash = '', author = '', date = ''] = raw.slice(1).split(FIELD);
      this.commit = { hash, author, date };
      this.commits++;
      this.path = undefined;
      this.inHunk = false;
    } else if (raw.startsWith('diff --git ')) {
      this.flush();
      this.path = undefined;
      this.inHunk = false;
    } else if (raw.startsWith('+++ ')) {
      const target = unquote(raw.slice(4));
      this.path = target === '/dev/null' ? undefined : target.replace(/^b\//, '');
    } else if (raw.startsWith('@@')) {
      this.inHunk = true;
      this.line = hunkStart(buf, start, end);
    }
  }

  /** An added line `+text` at [start, end): `text` and a newline join the run, moved left over the `+`. */
  private addLine(buf: Buffer, start: number, end: number): void {
    this.lines.push(this.line++);
    const pending = this.runStart === -1 ? 0 : this.write - this.runStart;
    // Past max-file-size the change is dropped anyway (see flush): stop copying.
    if (this.addedLength + pending > this.maxBytes) return;
    if (this.runStart === -1) this.runStart = this.write = start;
    buf.copyWithin(this.write, start + 1, end);
    this.write += end - start - 1;
    buf[this.write++] = 10;
  }

  /** Append the run being compacted in `buf` to the change's bytes. */
  private closeRun(buf: Buffer): void {
    if (this.runStart === -1) return;
    const size = this.write - this.runStart;
    if (this.addedLength + size > this.added.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.added.length * 2, this.addedLength + size));
      this.added.copy(grown, 0, 0, this.addedLength);
      this.added = grown;
    }
    buf.copy(this.added, this.addedLength, this.runStart, this.write);
    this.addedLength += size;
    this.runStart = -1;
  }

  /** The current change is complete: queue it if it has added lines, fits and is wanted. */
  private flush(): void {
    const { path, lines, addedLength } = this;
    if (path !== undefined && lines.length > 0 && addedLength <= this.maxBytes && this.accept(path)) {
      this.ready.push({
        change: {
          commit: this.commit.hash,
          author: this.commit.author,
          date: this.commit.date,
          path,
          // Without the newline after the last line.
          text: this.added.toString('utf8', 0, addedLength - 1),
        },
        lines,
      });
    }
    this.addedLength = 0;
    this.lines = [];
  }
}

/** The first new-file line of a hunk header `@@ -a,b +c,d @@` at [start, end) (1 when it cannot be read). */
function hunkStart(buf: Buffer, start: number, end: number): number {
  const plus = buf.indexOf(43 /* + */, start + 3);
  if (plus === -1 || plus >= end) return 1;
  let value = 0;
  let digits = 0;
  for (let i = plus + 1; i < end; i++) {
    const c = buf[i]!;
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
  }
  return digits > 0 ? value : 1;
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
