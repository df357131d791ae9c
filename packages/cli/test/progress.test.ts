import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/io.js';
import { createProgress, isCi } from '../src/progress.js';

function io(tty: boolean, env: Record<string, string> = {}): CliIo & { err: string[] } {
  const err: string[] = [];
  return {
    err,
    stdout: () => undefined,
    stderr: (s) => err.push(s),
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    env,
    cwd: '/',
    columns: 80,
  };
}

describe('progress display', () => {
  it('redraws one line on a TTY and ends with the summary', () => {
    const out = io(true);
    const p = createProgress(out, 'auto');
    p.update({ filesDone: 0, filesTotal: 10, findings: 0, walking: false });
    p.update({ filesDone: 10, filesTotal: 10, findings: 2, walking: false });
    p.done('done');
    expect(out.err[0]).toBe('\r\x1b[KScanning 0/10 files · 0 findings');
    expect(out.err.at(-2)).toBe('\r\x1b[KScanning 10/10 files · 2 findings');
    expect(out.err.at(-1)).toBe('\r\x1b[Kdone\n');
  });

  it('prints plain lines when piped or in CI', () => {
    for (const out of [io(false), io(true, { CI: 'true' })]) {
      const p = createProgress(out, 'auto');
      p.update({ filesDone: 0, filesTotal: 10, findings: 0, walking: false });
      p.update({ filesDone: 5, filesTotal: 10, findings: 0, walking: false });
      p.done('done');
      expect(out.err).toEqual(['rampart: scanning 10 files\n', 'rampart: done\n']);
    }
  });

  it('is silent with never', () => {
    const out = io(true);
    const p = createProgress(out, 'never');
    p.update({ filesDone: 1, filesTotal: 1, findings: 0, walking: false });
    p.done('x');
    expect(out.err).toEqual([]);
  });

  it('recognises CI environments', () => {
    expect(isCi({ GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({})).toBe(false);
  });
});
