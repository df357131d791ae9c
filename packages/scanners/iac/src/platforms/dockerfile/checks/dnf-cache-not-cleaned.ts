import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { hasCacheMount, removes, reportAt, runs, shippedStages, subcommand, wordsSpan } from '../query.js';
import type { Invocation } from '../shell.js';

export const RPM_WITH_VALUE = [
  '-c --config --releasever --installroot --repo --repoid --enablerepo --disablerepo -x',
  '--exclude --setopt --forcearch -d --debuglevel -e --errorlevel',
]
  .join(' ')
  .split(' ');
export const RPM_INSTALLS = [
  'install groupinstall localinstall reinstall update upgrade group module distro-sync swap',
]
  .join(' ')
  .split(' ');
export const RPM_MANAGERS = ['yum', 'dnf', 'dnf5', 'microdnf', 'tdnf'];
export const RPM_CACHES = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/tdnf'];

/** Whether the RUN cleans the yum/dnf caches (`<manager> clean ...`, `rm -rf /var/cache/dnf`, a cache mount). */
export function cleansRpmCache(
  run: Parameters<typeof hasCacheMount>[0],
  invocations: readonly Invocation[],
): boolean {
  return (
    hasCacheMount(run, RPM_CACHES) ||
    removes(invocations, RPM_CACHES) ||
    invocations.some((i) => RPM_MANAGERS.includes(i.name) && subcommand(i, RPM_WITH_VALUE)?.value === 'clean')
  );
}

/** Reports installs by the given managers in shipped stages whose RUN does not clean the cache. */
export function reportUncleaned(
  doc: DockerDocument,
  managers: readonly string[],
  report: Parameters<typeof reportAt>[0],
): void {
  const shipped = shippedStages(doc);
  for (const { run, stage, invocations } of runs(doc)) {
    if (!shipped.has(stage.index) || cleansRpmCache(run, invocations)) continue;
    for (const inv of invocations) {
      if (!managers.includes(inv.name)) continue;
      const sub = subcommand(inv, RPM_WITH_VALUE);
      if (sub === undefined || !RPM_INSTALLS.includes(sub.value)) continue;
      reportAt(report, doc, stage, wordsSpan(inv.program, sub));
    }
  }
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-dnf-cache-not-cleaned',
    title: 'dnf install without cleaning the cache',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'dnf (and microdnf, tdnf) keep repository metadata and downloaded packages in /var/cache. Unless the same RUN cleans them, they stay in the image layer: a bigger image shipped with stale metadata.',
    help: {
      bad: 'FROM fedora:41\nRUN dnf install -y httpd\n',
      good: 'FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n',
      fix: 'End the RUN with `dnf clean all` (`microdnf clean all`, `tdnf clean all`) or remove /var/cache/dnf in the same RUN.',
    },
    references: [
      `${BEST_PRACTICES}#run`,
      'https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command-label',
    ],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    reportUncleaned(doc, ['dnf', 'dnf5', 'microdnf', 'tdnf'], report);
  },
};
