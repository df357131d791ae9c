import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { hasCacheMount, removes, reportAt, runs, shippedStages, subcommand, wordsSpan } from '../query.js';

const ZYPPER_WITH_VALUE = [
  '-R --root --reposd-dir -D --cache-dir -C --raw-cache-dir --solv-cache-dir --pkg-cache-dir',
  '-c --config',
]
  .join(' ')
  .split(' ');
const ZYPPER_INSTALLS = [
  'install in update up patch dist-upgrade dup source-install si install-new-recommends inr',
]
  .join(' ')
  .split(' ');

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-zypper-cache-not-cleaned',
    title: 'zypper install without zypper clean',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'zypper keeps repository metadata and packages in /var/cache/zypp. Unless the same RUN cleans them, they stay in the image layer: a bigger image shipped with stale metadata.',
    help: {
      bad: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl\n',
      good: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl && zypper clean --all\n',
      fix: 'End the RUN with `zypper clean --all` (or remove /var/cache/zypp).',
    },
    references: [`${BEST_PRACTICES}#run`, 'https://en.opensuse.org/SDB:Zypper_manual'],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    const shipped = shippedStages(doc);
    for (const { run, stage, invocations } of runs(doc)) {
      if (!shipped.has(stage.index)) continue;
      const zypper = invocations.filter((i) => i.name === 'zypper');
      if (zypper.some((i) => ['clean', 'cc'].includes(subcommand(i, ZYPPER_WITH_VALUE)?.value ?? '')))
        continue;
      if (hasCacheMount(run, ['/var/cache/zypp']) || removes(invocations, ['/var/cache/zypp'])) continue;
      for (const inv of zypper) {
        const sub = subcommand(inv, ZYPPER_WITH_VALUE);
        if (sub !== undefined && ZYPPER_INSTALLS.includes(sub.value))
          reportAt(report, doc, stage, wordsSpan(inv.program, sub));
      }
    }
  },
};
