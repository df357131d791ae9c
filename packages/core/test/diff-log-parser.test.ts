import { describe, expect, it } from 'vitest';
import { DiffLogParser, type HistoryEntry } from '../src/git/history.js';
import { COMMIT_MARK, FIELD } from '../src/git/log-source.js';

const header = (hash: string, author: string, date: string) =>
  `${COMMIT_MARK}${hash}${FIELD}${author}${FIELD}${date}`;

// `git log -p -U0` output in GIT_LOG_ARGS's format, written by hand: two commits, a file with two hunks
// (one holding context and a "\ No newline" marker), CRLF lines, a quoted path, a deleted file, a
// binary file, an empty added line and a line that is only "+".
const LOG = [
  header('c2', 'Dev Two <two@example.test>', '2026-01-02T00:00:00Z'),
  '',
  'diff --git a/src/app.js b/src/app.js',
  'index 1111111..2222222 100644',
  '--- a/src/app.js',
  '+++ b/src/app.js',
  '@@ -3,0 +4,2 @@ function main() {',
  '+const token = "abc";\r',
  '+',
  '@@ -10 +12,3 @@',
  '-old line',
  '+first',
  ' context',
  '+third',
  '\\ No newline at end of file',
  'diff --git "a/odd \\"name\\".txt" "b/odd \\"name\\".txt"',
  'new file mode 100644',
  'index 0000000..3333333',
  '--- /dev/null',
  '+++ "b/odd \\"name\\".txt"',
  '@@ -0,0 +1 @@',
  '+café line',
  'diff --git a/gone.txt b/gone.txt',
  'deleted file mode 100644',
  '--- a/gone.txt',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-was here',
  '-and here',
  'diff --git a/logo.png b/logo.png',
  'Binary files /dev/null and b/logo.png differ',
  header('c1', 'Dev One <one@example.test>', '2026-01-01T00:00:00Z'),
  '',
  'diff --git a/big.txt b/big.txt',
  '--- /dev/null',
  '+++ b/big.txt',
  '@@ -0,0 +1,4 @@',
  '+0123456789',
  '+0123456789',
  '+0123456789',
  '+0123456789',
  'diff --git a/skip.lock b/skip.lock',
  '--- /dev/null',
  '+++ b/skip.lock',
  '@@ -0,0 +1 @@',
  '+ignored',
  'diff --git a/last.txt b/last.txt',
  '--- /dev/null',
  '+++ b/last.txt',
  '@@ -0,0 +1,2 @@',
  '+one',
  '+no newline at the end of the output',
].join('\n');

function parse(chunks: readonly Buffer[], maxBytes = 1000): { entries: HistoryEntry[]; commits: number } {
  const parser = new DiffLogParser((path) => !path.endsWith('.lock'), maxBytes);
  const entries: HistoryEntry[] = [];
  for (const chunk of chunks) {
    parser.push(Buffer.from(chunk)); // the parser rewrites its input: give it a copy
    entries.push(...parser.ready.splice(0));
  }
  parser.end();
  entries.push(...parser.ready.splice(0));
  return { entries, commits: parser.commits };
}

const summary = (entries: HistoryEntry[]) =>
  entries.map(({ change, lines }) => [change.commit, change.author, change.path, change.text, lines]);

describe('DiffLogParser', () => {
  it('reads added lines with their file line numbers, per commit and file', () => {
    const { entries, commits } = parse([Buffer.from(LOG, 'utf8')]);
    expect(commits).toBe(2);
    expect(summary(entries)).toEqual([
      [
        'c2',
        'Dev Two <two@example.test>',
        'src/app.js',
        'const token = "abc";\n\nfirst\nthird',
        [4, 5, 12, 14],
      ],
      ['c2', 'Dev Two <two@example.test>', 'odd "name".txt', 'café line', [1]],
      [
        'c1',
        'Dev One <one@example.test>',
        'big.txt',
        '0123456789\n0123456789\n0123456789\n0123456789',
        [1, 2, 3, 4],
      ],
      ['c1', 'Dev One <one@example.test>', 'last.txt', 'one\nno newline at the end of the output', [1, 2]],
    ]);
    expect(entries[0]?.change.date).toBe('2026-01-02T00:00:00Z');
  });

  it('gives the same entries however the chunks fall', () => {
    const bytes = Buffer.from(LOG, 'utf8');
    const expected = summary(parse([bytes]).entries);
    for (let size = 1; size <= 64; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(summary(parse(chunks).entries), `chunks of ${size}`).toEqual(expected);
    }
    // Chunks that end exactly at a newline, and empty chunks.
    const lines = LOG.split('\n').map((line, i, all) => Buffer.from(i < all.length - 1 ? `${line}\n` : line));
    const withEmpty = lines.flatMap((chunk) => [chunk, Buffer.alloc(0)]);
    expect(summary(parse(withEmpty).entries)).toEqual(expected);
  });

  it('drops a change larger than the size limit, and only that one', () => {
    // With its newlines, big.txt has 44 bytes of added text; the other files have at most 40.
    const paths = parse([Buffer.from(LOG, 'utf8')], 42).entries.map((e) => e.change.path);
    expect(paths).toEqual(['src/app.js', 'odd "name".txt', 'last.txt']);
    const split = Buffer.from(LOG, 'utf8');
    const chunks = [split.subarray(0, 500), split.subarray(500, 503), split.subarray(503)];
    expect(parse(chunks, 42).entries.map((e) => e.change.path)).toEqual(paths);
  });

  it('reads no commit from empty output', () => {
    expect(parse([])).toEqual({ entries: [], commits: 0 });
  });
});
