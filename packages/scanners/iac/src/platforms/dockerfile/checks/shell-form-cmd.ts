import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { headSpan, reportAt } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-shell-form-cmd',
    title: 'CMD or ENTRYPOINT in shell form',
    severity: 'low',
    cwe: ['CWE-404'],
    description:
      'In shell form (`CMD node server.js`) the command runs under `/bin/sh -c`, so the shell is PID 1: `docker stop` signals never reach the application, which is killed after the timeout without a clean shutdown (lost requests, unflushed data). With a shell-form ENTRYPOINT, CMD and `docker run` arguments are ignored. Only the effective (last) CMD and ENTRYPOINT of each stage are checked; commands that start with `exec` are fine.',
    help: {
      bad: 'FROM node:20.18-slim\nCMD node server.js\n',
      good: 'FROM node:20.18-slim\nCMD ["node", "server.js"]\n',
      fix: 'Use the exec (JSON array) form: `CMD ["node", "server.js"]`, or prefix the shell form with `exec`.',
    },
    references: [
      'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
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
        if (last === undefined || last.json || last.rest.text === '') continue;
        const text = last.rest.text.trimStart();
        if (text.startsWith('exec ') || text.startsWith('[')) continue;
        reportAt(
          report,
          doc,
          stage,
          headSpan(last, doc),
          `${keyword} in shell form runs under /bin/sh -c: signals do not reach the process`,
        );
      }
    }
  },
};
