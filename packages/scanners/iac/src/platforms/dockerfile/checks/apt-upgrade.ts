import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, runs, subcommand, wordsSpan } from '../query.js';
import { APT_WITH_VALUE } from './apt-missing-yes.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-apt-upgrade',
    title: 'apt-get upgrade in a Dockerfile',
    severity: 'info',
    cwe: ['CWE-1357'],
    description:
      '`apt-get upgrade` / `dist-upgrade` upgrade whatever is outdated at build time, so the image content depends on the day it was built, and the layer duplicates much of the base image. Security fixes are better taken from an updated base image.',
    help: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:12.8\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      fix: 'Rebuild on a newer base image tag instead, and install only the packages you need (upgrading one package with `apt-get install --only-upgrade <pkg>` when required).',
    },
    references: [`${BEST_PRACTICES}#apt-get`],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name !== 'apt-get' && inv.name !== 'apt') continue;
        const sub = subcommand(inv, APT_WITH_VALUE);
        if (sub === undefined || !['upgrade', 'dist-upgrade', 'full-upgrade'].includes(sub.value)) continue;
        reportAt(report, doc, stage, wordsSpan(inv.program, sub));
      }
    }
  },
};
