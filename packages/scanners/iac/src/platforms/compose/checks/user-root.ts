import type { IacCheck } from '../../../check.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-user-root',
    title: 'Service explicitly runs as root',
    severity: 'medium',
    cwe: ['CWE-250'],
    description:
      '`user: root` (or UID 0) overrides the non-root USER of the image. Root in the container can write every file of the image and of mounted volumes, and is one kernel bug or misconfiguration away from root on the host.',
    help: {
      bad: `services:
  app:
    image: registry.example.com/app:1.4.2
    user: root
`,
      good: `services:
  app:
    image: registry.example.com/app:1.4.2
    user: "10001:10001"
`,
      fix: 'Run as an unprivileged UID (`user: "10001:10001"`) and fix file ownership in the image instead.',
    },
    references: [
      'https://docs.docker.com/reference/compose-file/services/#user',
      'https://docs.docker.com/engine/security/#linux-kernel-capabilities',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services) {
      const user = service.value.user;
      if (typeof user !== 'string' && typeof user !== 'number') continue;
      const name = String(user).trim().split(':')[0]?.trim();
      if (name === 'root' || name === '0') report(findingAt(file, service, ['user']));
    }
  },
};
