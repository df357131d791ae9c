import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { hasCacheMount, removes, reportAt, runs, shippedStages, subcommand, wordsSpan } from '../query.js';
import { APT_CHANGES, APT_WITH_VALUE } from './apt-missing-yes.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-apt-lists-not-cleaned',
    title: 'apt lists not removed in the RUN that downloads them',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      '`apt-get update` downloads package lists into /var/lib/apt/lists. Unless the same RUN removes them, they stay in the image layer forever (tens of megabytes), and a later `rm` in another RUN does not shrink the image.',
    help: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      fix: 'End the RUN that runs `apt-get update` and `apt-get install` with `rm -rf /var/lib/apt/lists/*` (or use a cache mount for /var/lib/apt).',
    },
    references: [`${BEST_PRACTICES}#apt-get`],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    const shipped = shippedStages(doc);
    for (const { run, stage, invocations } of runs(doc)) {
      if (!shipped.has(stage.index)) continue;
      const apt = invocations.filter((i) => i.name === 'apt-get' || i.name === 'apt');
      const update = apt.find((i) => subcommand(i, APT_WITH_VALUE)?.value === 'update');
      if (update === undefined) continue;
      if (!apt.some((i) => APT_CHANGES.includes(subcommand(i, APT_WITH_VALUE)?.value ?? ''))) continue;
      if (hasCacheMount(run, ['/var/lib/apt/lists']) || removes(invocations, ['/var/lib/apt/lists']))
        continue;
      const sub = subcommand(update, APT_WITH_VALUE) ?? update.program;
      reportAt(report, doc, stage, wordsSpan(update.program, sub));
    }
  },
};
