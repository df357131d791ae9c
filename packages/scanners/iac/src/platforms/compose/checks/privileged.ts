import type { IacCheck } from '../../../check.js';
import { composeMeta, findingAt, isTrue, type ComposeFile } from '../model.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-privileged',
    title: 'Privileged service',
    severity: 'high',
    cwe: ['CWE-250'],
    description:
      '`privileged: true` gives the container every capability, all host devices and no seccomp or AppArmor confinement: root in the container is root on the host.',
    help: {
      bad: `services:
  app:
    image: registry.example.com/app:1.4.2
    privileged: true
`,
      good: `services:
  app:
    image: registry.example.com/app:1.4.2
    cap_drop: [ALL]
`,
      fix: 'Remove `privileged: true`; add the single capability or device the service needs instead.',
    },
    references: [
      'https://docs.docker.com/reference/compose-file/services/#privileged',
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services)
      if (isTrue(service.value.privileged)) report(findingAt(file, service, ['privileged']));
  },
};
