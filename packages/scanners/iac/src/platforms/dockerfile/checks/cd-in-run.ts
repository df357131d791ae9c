import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, stageInstructions, wordsSpan } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-cd-in-run',
    title: 'RUN starts with cd instead of using WORKDIR',
    severity: 'info',
    cwe: ['CWE-710'],
    description:
      'A RUN that starts with `cd /dir && ...` changes directory for that RUN only. WORKDIR states the directory once, applies to the following instructions and is easier to read and to keep correct.',
    help: {
      bad: 'FROM node:20.18-slim\nRUN cd /app && npm ci\n',
      good: 'FROM node:20.18-slim\nWORKDIR /app\nRUN npm ci\n',
      fix: 'Set the directory with WORKDIR before the RUN.',
    },
    references: [`${BEST_PRACTICES}#workdir`],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    for (const [run, stage] of stageInstructions(doc, 'RUN')) {
      const first = run.commands[0];
      if (first === undefined || first.depth !== 0 || run.json) continue;
      const [cd, dir] = first.words;
      if (cd?.value !== 'cd' || dir === undefined || first.words.length !== 2 || first.assignments.length > 0)
        continue;
      if (
        !dir.value.startsWith('/') ||
        dir.expansion ||
        first.after === null ||
        first.after === '|' ||
        first.after === '||'
      )
        continue;
      reportAt(report, doc, stage, wordsSpan(cd, dir));
    }
  },
};
