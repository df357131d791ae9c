import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-maintainer-deprecated',
    title: 'MAINTAINER is deprecated',
    severity: 'info',
    cwe: ['CWE-477'],
    description:
      'The MAINTAINER instruction is deprecated. A label carries the same information and can be read by tools.',
    help: {
      bad: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n',
      good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="jane@example.com"\n',
      fix: 'Replace MAINTAINER with `LABEL org.opencontainers.image.authors="..."`.',
    },
    references: ['https://docs.docker.com/reference/dockerfile/#maintainer-deprecated'],
    tags: [MISCONFIGURATION],
    precision: 'high',
    checkov: ['CKV_DOCKER_6'],
  }),
  check(doc, report) {
    for (const instruction of doc.instructions) {
      if (instruction.keyword !== 'MAINTAINER') continue;
      const stage = doc.stages[instruction.stage];
      reportAt(report, doc, stage, { start: instruction.start, end: instruction.keywordEnd });
    }
  },
};
