import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, stageInstructions } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-copy-from-invalid-stage',
    title: 'COPY --from refers to the current or a missing stage',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      '`COPY --from` with a stage index must name an earlier stage, and a stage cannot copy from itself. Such references fail the build or, with a stage number that does not exist, are looked up as an image name in a registry.',
    help: {
      bad: 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=2 /app /app\n',
      good: 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
      fix: 'Refer to an earlier stage by its `AS` name.',
    },
    references: [
      'https://docs.docker.com/reference/dockerfile/#copy---from',
      'https://docs.docker.com/build/building/multi-stage/',
    ],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    for (const keyword of ['COPY', 'ADD']) {
      for (const [copy, stage] of stageInstructions(doc, keyword)) {
        const from = copy.flags.find((f) => f.name === 'from');
        if (from?.value == null || from.value.includes('$')) continue;
        const value = from.value;
        if (/^[0-9]+$/.test(value)) {
          const index = Number(value);
          if (index >= stage.index)
            reportAt(
              report,
              doc,
              stage,
              from,
              `COPY --from=${value} does not refer to an earlier stage (this is stage ${stage.index})`,
            );
        } else if (stage.alias !== undefined && stage.alias.toLowerCase() === value.toLowerCase())
          reportAt(report, doc, stage, from, `COPY --from=${value} refers to the stage it is in`);
      }
    }
  },
};
