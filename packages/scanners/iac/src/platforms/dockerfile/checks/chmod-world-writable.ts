import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { positionals, reportAt, runs } from '../query.js';

/** Whether a chmod mode grants write to others (and no sticky bit). */
export function worldWritable(mode: string): boolean {
  if (/^[0-7]{1,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    const special = Number(digits.charAt(0));
    const others = Number(digits.charAt(3));
    return (others & 2) !== 0 && (special & 1) === 0;
  }
  if (mode.includes('t')) return false;
  for (const clause of mode.split(',')) {
    let k = 0;
    while (k < clause.length && 'ugoa'.includes(clause.charAt(k))) k++;
    const who = clause.slice(0, k);
    if (!who.includes('o') && !who.includes('a')) continue;
    let op = '';
    for (const c of clause.slice(k)) {
      if (c === '+' || c === '=' || c === '-') op = c;
      else if (c === 'w' && op !== '-') return true;
    }
  }
  return false;
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-chmod-world-writable',
    title: 'chmod makes files world-writable',
    severity: 'medium',
    cwe: ['CWE-732'],
    description:
      'Modes such as 777, 666 or o+w let every user in the container modify the files. Any process that gets code execution, whatever user it runs as, can then replace binaries, scripts or configuration that the application trusts.',
    help: {
      bad: 'FROM alpine:3.20\nCOPY entrypoint.sh /entrypoint.sh\nRUN chmod 777 /entrypoint.sh\n',
      good: 'FROM alpine:3.20\nCOPY --chmod=755 entrypoint.sh /entrypoint.sh\n',
      fix: 'Grant only what is needed (for example 755 for executables, 644 for files) and give write access to the owning user only (`COPY --chown` / `--chmod`).',
    },
    references: [
      'https://man7.org/linux/man-pages/man1/chmod.1.html',
      'https://docs.docker.com/reference/dockerfile/#copy---chmod',
    ],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name !== 'chmod') continue;
        const mode = positionals(inv.args)[0];
        if (mode === undefined || mode.expansion || !worldWritable(mode.value)) continue;
        reportAt(report, doc, stage, mode, `chmod ${mode.value} makes files writable by every user`);
      }
    }
  },
};
