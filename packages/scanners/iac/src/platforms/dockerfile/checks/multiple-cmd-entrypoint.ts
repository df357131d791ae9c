import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-multiple-cmd-entrypoint',
    title: 'CMD or ENTRYPOINT overridden later in the same stage',
    severity: 'low',
    cwe: ['CWE-561'],
    description:
      'Only the last CMD and the last ENTRYPOINT of a stage take effect. Earlier ones are dead code that suggests the image runs something it does not.',
    help: {
      bad: 'FROM python:3.12-slim\nCMD ["python", "worker.py"]\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
      fix: 'Keep one CMD and one ENTRYPOINT per stage.',
    },
    references: [
      'https://docs.docker.com/reference/dockerfile/#cmd',
      'https://docs.docker.com/reference/dockerfile/#entrypoint',
    ],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    for (const stage of doc.stages) {
      for (const keyword of ['CMD', 'ENTRYPOINT']) {
        const all = stage.instructions.filter((i) => i.keyword === keyword);
        const last = all[all.length - 1];
        if (last === undefined) continue;
        for (const earlier of all.slice(0, -1))
          reportAt(
            report,
            doc,
            stage,
            { start: earlier.start, end: earlier.keywordEnd },
            `${keyword} is overridden by the ${keyword} on line ${last.line}`,
          );
      }
    }
  },
};
