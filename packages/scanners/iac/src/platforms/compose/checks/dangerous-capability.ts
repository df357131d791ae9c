import type { IacCheck } from '../../../check.js';
import { asArray } from '../../../yaml/load.js';
import { DANGEROUS_CAPABILITIES, normalizeCapability } from '../../kubernetes/shared.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-dangerous-capability',
    title: 'Service adds a dangerous Linux capability',
    severity: 'high',
    cwe: ['CWE-250'],
    description:
      "Capabilities such as SYS_ADMIN (mount, namespaces: nearly root), NET_ADMIN, SYS_PTRACE, SYS_MODULE or ALL give the container powers that break its isolation from the host. (NET_RAW is in Docker's default set, so adding it changes nothing and is not reported.)",
    help: {
      bad: `services:
  vpn:
    image: registry.example.com/vpn:2.6.0
    cap_add:
      - NET_ADMIN
`,
      good: `services:
  vpn:
    image: registry.example.com/vpn:2.6.0
    cap_drop: [ALL]
    cap_add:
      - NET_BIND_SERVICE
`,
      fix: 'Remove the capability from `cap_add`; find a narrower capability or a design that does not need it.',
    },
    references: [
      'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services) {
      asArray(service.value.cap_add).forEach((item, index) => {
        const capability = normalizeCapability(item);
        if (capability === undefined || capability === 'NET_RAW' || !DANGEROUS_CAPABILITIES.has(capability))
          return;
        report(
          findingAt(file, service, ['cap_add', index], {
            message: `Service adds the ${capability} capability`,
          }),
        );
      });
    }
  },
};
