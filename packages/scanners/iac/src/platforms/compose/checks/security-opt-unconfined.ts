import type { IacCheck } from '../../../check.js';
import { asArray } from '../../../yaml/load.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

/** `security_opt` entries that switch a confinement off. */
const DISABLING: Record<string, string> = {
  seccomp: 'unconfined',
  apparmor: 'unconfined',
  label: 'disable',
  systempaths: 'unconfined',
};

function disables(item: unknown): string | undefined {
  if (typeof item !== 'string') return undefined;
  const text = item.trim().toLowerCase();
  const colon = text.indexOf(':');
  const equals = text.indexOf('=');
  const split = colon === -1 ? equals : equals === -1 ? colon : Math.min(colon, equals);
  if (split === -1) return undefined;
  const key = text.slice(0, split).trim();
  const value = text.slice(split + 1).trim();
  return DISABLING[key] === value ? key : undefined;
}

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-security-opt-unconfined',
    title: 'Service disables seccomp, AppArmor or SELinux confinement',
    severity: 'high',
    cwe: ['CWE-693'],
    description:
      '`seccomp:unconfined`, `apparmor:unconfined`, `label:disable` and `systempaths=unconfined` remove the kernel-level confinement Docker applies to every container: the system-call filter, the AppArmor or SELinux policy, and the masking of sensitive `/proc` and `/sys` paths.',
    help: {
      bad: `services:
  app:
    image: registry.example.com/app:1.4.2
    security_opt:
      - seccomp:unconfined
`,
      good: `services:
  app:
    image: registry.example.com/app:1.4.2
    security_opt:
      - no-new-privileges:true
`,
      fix: 'Remove the option; if the application needs a blocked system call, write a custom seccomp profile that allows only that call.',
    },
    references: [
      'https://docs.docker.com/engine/security/seccomp/',
      'https://docs.docker.com/engine/security/apparmor/',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services) {
      asArray(service.value.security_opt).forEach((item, index) => {
        const option = disables(item);
        if (option)
          report(
            findingAt(file, service, ['security_opt', index], {
              message: `Service disables ${option} confinement`,
            }),
          );
      });
    }
  },
};
