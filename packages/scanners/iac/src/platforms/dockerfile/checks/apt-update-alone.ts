import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, runs, subcommand, wordsSpan } from '../query.js';
import type { Invocation } from '../shell.js';
import { APK_WITH_VALUE } from './apk-no-cache.js';
import { APT_CHANGES, APT_WITH_VALUE } from './apt-missing-yes.js';

const OTHER_INSTALLERS = new Set(
  ['aptitude apt-fast nala install_packages xargs sh bash make dpkg'].join(' ').split(' '),
);

/** Whether the RUN may install packages some other way (a script, xargs, another front end). */
function installsOtherwise(invocations: readonly Invocation[]): boolean {
  return invocations.some(
    (i) =>
      OTHER_INSTALLERS.has(i.name) ||
      i.program.value.includes('/') ||
      i.name.endsWith('.sh') ||
      i.name === '',
  );
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-apt-update-alone',
    title: 'Package index updated in a RUN that installs nothing',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'A RUN that only runs `apt-get update` (or `apk update`) is cached as its own layer. Later RUN instructions that install packages reuse that cached, stale index, so builds install outdated versions or fail when the mirror has moved on.',
    help: {
      bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      fix: 'Run `apt-get update` and `apt-get install` in the same RUN instruction (for apk, use `apk add --no-cache`).',
    },
    references: [`${BEST_PRACTICES}#apt-get`],
    tags: [MISCONFIGURATION],
    precision: 'high',
    checkov: ['CKV_DOCKER_5'],
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      if (installsOtherwise(invocations)) continue;
      const apt = invocations.filter((i) => i.name === 'apt-get' || i.name === 'apt');
      const aptUpdate = apt.find((i) => subcommand(i, APT_WITH_VALUE)?.value === 'update');
      if (
        aptUpdate !== undefined &&
        !apt.some((i) => APT_CHANGES.includes(subcommand(i, APT_WITH_VALUE)?.value ?? ''))
      )
        reportAt(
          report,
          doc,
          stage,
          wordsSpan(aptUpdate.program, subcommand(aptUpdate, APT_WITH_VALUE) ?? aptUpdate.program),
        );
      const apk = invocations.filter((i) => i.name === 'apk');
      const apkUpdate = apk.find((i) => subcommand(i, APK_WITH_VALUE)?.value === 'update');
      if (
        apkUpdate !== undefined &&
        !apk.some((i) => ['add', 'upgrade', 'fix'].includes(subcommand(i, APK_WITH_VALUE)?.value ?? ''))
      )
        reportAt(
          report,
          doc,
          stage,
          wordsSpan(apkUpdate.program, subcommand(apkUpdate, APK_WITH_VALUE) ?? apkUpdate.program),
        );
    }
  },
};
