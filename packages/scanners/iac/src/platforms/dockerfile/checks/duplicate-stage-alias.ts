import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-duplicate-stage-alias',
    title: 'Two build stages share a name',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'Stage names (`FROM ... AS name`, case-insensitive) must be unique. With a duplicate, `COPY --from=name` and `--target name` are ambiguous and the build fails or uses a stage other than the one intended.',
    help: {
      bad: 'FROM node:20.18 AS build\nRUN npm ci\n\nFROM node:20.18 AS build\nRUN npm run build\n',
      good: 'FROM node:20.18 AS deps\nRUN npm ci\n\nFROM deps AS build\nRUN npm run build\n',
      fix: 'Give every stage its own name.',
    },
    references: ['https://docs.docker.com/build/building/multi-stage/#name-your-build-stages'],
    tags: [MISCONFIGURATION],
    precision: 'high',
    checkov: ['CKV_DOCKER_11'],
  }),
  check(doc, report) {
    const seen = new Map<string, number>();
    for (const stage of doc.stages) {
      if (stage.alias === undefined || stage.aliasStart === undefined || stage.aliasEnd === undefined)
        continue;
      const key = stage.alias.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, stage.from.line);
      else
        reportAt(
          report,
          doc,
          stage,
          { start: stage.aliasStart, end: stage.aliasEnd },
          `Stage name ${stage.alias} is already used on line ${first}`,
        );
    }
  },
};
