import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, COMPONENTS, dockerRule } from '../meta.js';
import { positionals, reportAt, runs, wordsSpan } from '../query.js';
import { APT_WITH_VALUE } from './apt-missing-yes.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-apt-unpinned-packages',
    title: 'apt-get install without version pins',
    severity: 'low',
    cwe: ['CWE-1357'],
    description:
      'Packages installed without a version get whatever the mirror serves at build time: two builds of the same Dockerfile can differ, and a broken or compromised update enters the image without a code change.',
    help: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
      fix: 'Pin versions with `package=version` (and update them deliberately, e.g. with a dependency bot), or pin the base image by digest and accept its package set.',
    },
    references: [`${BEST_PRACTICES}#apt-get`],
    tags: [COMPONENTS],
    precision: 'medium',
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name !== 'apt-get' && inv.name !== 'apt') continue;
        const [sub, ...packages] = positionals(inv.args, APT_WITH_VALUE);
        if (sub?.value !== 'install') continue;
        const unpinned = packages.filter((p) => {
          const v = p.value;
          return !(
            p.expansion ||
            v.includes('=') ||
            v.includes('/') ||
            v.endsWith('.deb') ||
            v.includes('*') ||
            v === ''
          );
        });
        if (unpinned.length === 0) continue;
        const names =
          unpinned
            .slice(0, 3)
            .map((p) => p.value)
            .join(', ') + (unpinned.length > 3 ? ', ...' : '');
        reportAt(
          report,
          doc,
          stage,
          wordsSpan(inv.program, sub),
          `apt-get install without version pins: ${names}`,
        );
      }
    }
  },
};
