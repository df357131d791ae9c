import type { IacCheck } from '../../../check.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-host-userns',
    title: 'Service disables user namespace remapping',
    severity: 'medium',
    cwe: ['CWE-250'],
    description:
      "`userns_mode: host` opts the container out of the daemon's user namespace remapping, so root in the container is root on the host again.",
    help: {
      bad: `services:
  app:
    image: registry.example.com/app:1.4.2
    userns_mode: host
`,
      good: `services:
  app:
    image: registry.example.com/app:1.4.2
    user: "10001"
`,
      fix: 'Remove `userns_mode: host`.',
    },
    references: [
      'https://docs.docker.com/engine/security/userns-remap/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services)
      if (service.value.userns_mode === 'host') report(findingAt(file, service, ['userns_mode']));
  },
};
