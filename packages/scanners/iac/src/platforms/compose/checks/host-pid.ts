import type { IacCheck } from '../../../check.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-host-pid',
    title: 'Service shares the host PID namespace',
    severity: 'high',
    cwe: ['CWE-668'],
    description:
      '`pid: host` lets the container see every process of the host, read their command lines and environment (often with secrets) and, with enough privileges, signal or trace them.',
    help: {
      bad: `services:
  app:
    image: registry.example.com/app:1.4.2
    pid: host
`,
      good: `services:
  app:
    image: registry.example.com/app:1.4.2
    init: true
`,
      fix: 'Remove `pid: host`.',
    },
    references: [
      'https://docs.docker.com/reference/compose-file/services/#pid',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services)
      if (service.value.pid === 'host') report(findingAt(file, service, ['pid']));
  },
};
