import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { copySources, reportAt, stageInstructions } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-copy-multiple-sources-dest',
    title: 'COPY with several sources to a destination not ending in /',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'When COPY or ADD has more than one source, the destination must be a directory written with a trailing `/`. Otherwise the build fails, or the meaning depends on whether the directory already exists.',
    help: {
      bad: 'FROM node:20.18-slim\nCOPY package.json package-lock.json /app\n',
      good: 'FROM node:20.18-slim\nCOPY package.json package-lock.json /app/\n',
      fix: 'End the destination with `/`.',
    },
    references: ['https://docs.docker.com/reference/dockerfile/#copy'],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    for (const keyword of ['COPY', 'ADD']) {
      for (const [copy, stage] of stageInstructions(doc, keyword)) {
        if (copySources(copy).length < 2) continue;
        const dest = copy.words[copy.words.length - 1];
        if (dest === undefined || dest.value.includes('$')) continue;
        const v = dest.value;
        if (
          v.endsWith('/') ||
          v.endsWith('\\') ||
          v === '.' ||
          v === '..' ||
          v.endsWith('/.') ||
          v.endsWith('/..')
        )
          continue;
        reportAt(
          report,
          doc,
          stage,
          dest,
          `${keyword} has several sources: the destination ${v} must end with /`,
        );
      }
    }
  },
};
