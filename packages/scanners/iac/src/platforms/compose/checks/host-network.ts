import type { IacCheck } from '../../../check.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-host-network',
    title: 'Service uses the host network',
    severity: 'high',
    cwe: ['CWE-668'],
    description:
      "`network_mode: host` puts the container on the host's network stack: it can bind any port of the host, reach services listening on the host's localhost and sniff its traffic, and the host firewall rules for Docker no longer isolate it.",
    help: {
      bad: `services:
  app:
    image: registry.example.com/app:1.4.2
    network_mode: host
`,
      good: `services:
  app:
    image: registry.example.com/app:1.4.2
    ports:
      - "127.0.0.1:8080:8080"
`,
      fix: 'Remove `network_mode: host` and publish the ports the service needs with `ports:`.',
    },
    references: [
      'https://docs.docker.com/engine/network/drivers/host/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services)
      if (service.value.network_mode === 'host') report(findingAt(file, service, ['network_mode']));
  },
};
