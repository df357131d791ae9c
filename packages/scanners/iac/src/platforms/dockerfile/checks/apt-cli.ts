import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, runs, subcommand, wordsSpan } from '../query.js';
import { APT_WITH_VALUE } from './apt-missing-yes.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-apt-cli',
    title: 'apt used in a script instead of apt-get',
    severity: 'info',
    cwe: ['CWE-710'],
    description:
      '`apt` is the interactive front end: its output and behaviour may change between releases and it warns that it has no stable command-line interface. Scripts such as Dockerfile RUN instructions should use `apt-get` and `apt-cache`.',
    help: {
      bad: 'FROM debian:12\nRUN apt update && apt install -y curl\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      fix: 'Replace `apt` with `apt-get` (or `apt-cache` for searches).',
    },
    references: [`${BEST_PRACTICES}#apt-get`, 'https://manpages.debian.org/stable/apt/apt.8.en.html'],
    tags: [MISCONFIGURATION],
    precision: 'high',
    checkov: ['CKV_DOCKER_9'],
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name !== 'apt') continue;
        const sub = subcommand(inv, APT_WITH_VALUE);
        if (sub === undefined) continue;
        reportAt(report, doc, stage, wordsSpan(inv.program, sub));
      }
    }
  },
};
