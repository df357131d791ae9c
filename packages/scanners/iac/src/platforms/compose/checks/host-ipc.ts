import type { IacCheck } from '../../../check.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-host-ipc',
    title: 'Service shares the host IPC namespace',
    severity: 'medium',
    cwe: ['CWE-668'],
    description:
      '`ipc: host` gives the container access to the shared memory and IPC objects of every process on the host, which can leak or corrupt their data.',
    help: {
      bad: `services:
  app:
    image: registry.example.com/app:1.4.2
    ipc: host
`,
      good: `services:
  app:
    image: registry.example.com/app:1.4.2
    ipc: private
`,
      fix: 'Remove `ipc: host`; use `ipc: shareable` / `service:<name>` to share IPC between specific services.',
    },
    references: [
      'https://docs.docker.com/reference/compose-file/services/#ipc',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services)
      if (service.value.ipc === 'host') report(findingAt(file, service, ['ipc']));
  },
};
