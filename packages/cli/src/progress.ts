import type { ScanProgress } from '@rampart/core';
import type { CliIo } from './io.js';

export interface ProgressDisplay {
  update(progress: ScanProgress): void;
  done(summary: string): void;
}

/**
 * On a TTY outside CI: one line redrawn in place (files done / total, findings so far), at most
 * ten times a second. Elsewhere: a line when the scan starts and one when it ends, nothing between.
 */
export function createProgress(io: CliIo, mode: 'auto' | 'always' | 'never'): ProgressDisplay {
  const live = mode === 'always' || (mode === 'auto' && io.stderrIsTTY && !isCi(io.env));
  if (mode === 'never') return { update: () => undefined, done: () => undefined };
  if (!live) {
    let announced = false;
    return {
      update(p) {
        if (!announced && !p.walking && p.filesTotal > 0) {
          io.stderr(`rampart: scanning ${p.filesTotal} files\n`);
          announced = true;
        }
      },
      done: (summary) => io.stderr(`rampart: ${summary}\n`),
    };
  }
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.filesDone < p.filesTotal) return;
      last = now;
      const line = `Scanning ${p.filesDone}/${p.filesTotal}${p.walking ? '+' : ''} files · ${p.findings} finding${p.findings === 1 ? '' : 's'}`;
      io.stderr(`\r\x1b[K${line.slice(0, Math.max(10, io.columns - 1))}`);
      drawn = true;
    },
    done(summary) {
      io.stderr(`${drawn ? '\r\x1b[K' : ''}${summary}\n`);
    },
  };
}

export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  return ['CI', 'GITHUB_ACTIONS', 'GITLAB_CI', 'BUILDKITE', 'JENKINS_URL', 'TF_BUILD'].some((k) => {
    const v = env[k];
    return v !== undefined && v !== '' && v !== 'false' && v !== '0';
  });
}
