import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, resolveAt, stageInstructions, unquote } from '../query.js';

/** Whether a path is absolute (POSIX, or Windows `C:\\` / `\\\\server`). */
function isAbsolute(path: string): boolean {
  if (path.startsWith('/') || path.startsWith('\\')) return true;
  const drive = path.charAt(0);
  return /^[A-Za-z]$/.test(drive) && path.charAt(1) === ':';
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-workdir-relative',
    title: 'WORKDIR is a relative path',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'A relative WORKDIR is resolved against the previous WORKDIR, which may come from the base image and change with it. Files then land in unexpected places; an absolute path says exactly where the application lives.',
    help: {
      bad: 'FROM node:20.18-slim\nWORKDIR app\n',
      good: 'FROM node:20.18-slim\nWORKDIR /app\n',
      fix: 'Use an absolute path (`WORKDIR /app`).',
    },
    references: [`${BEST_PRACTICES}#workdir`, 'https://docs.docker.com/reference/dockerfile/#workdir'],
    tags: [MISCONFIGURATION],
    precision: 'high',
    checkov: ['CKV_DOCKER_10'],
  }),
  check(doc, report) {
    for (const [workdir, stage] of stageInstructions(doc, 'WORKDIR')) {
      const raw = unquote(workdir.rest.text);
      if (raw === '') continue;
      const value = resolveAt(doc, stage, workdir, raw);
      if (value === undefined || isAbsolute(value)) continue;
      const first = workdir.words[0];
      const last = workdir.words[workdir.words.length - 1];
      reportAt(
        report,
        doc,
        stage,
        first !== undefined && last !== undefined ? { start: first.start, end: last.end } : workdir,
      );
    }
  },
};
