import type { IacCheck } from '../../../check.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';
import { bindMounts } from '../volumes.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-sensitive-host-path',
    title: 'Service mounts a sensitive host path',
    severity: 'high',
    cwe: ['CWE-668'],
    description:
      'Bind-mounting a system directory of the host (`/`, `/etc`, `/proc`, `/sys`, `/root`, `/var/lib/docker`, ...) exposes host credentials, the data of every other container and kernel interfaces; with write access it is a direct escape to the host. Project directories (`./data`) and named volumes are not reported.',
    help: {
      bad: `services:
  backup:
    image: registry.example.com/backup:1.0.0
    volumes:
      - /etc:/host/etc:ro
`,
      good: `services:
  backup:
    image: registry.example.com/backup:1.0.0
    volumes:
      - ./backup.conf:/etc/backup.conf:ro
      - backups:/backups
volumes:
  backups:
`,
      fix: 'Mount only the specific files the service needs, from the project directory or a named volume.',
    },
    references: [
      'https://docs.docker.com/engine/storage/bind-mounts/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const mount of bindMounts(file)) {
      if (mount.kind !== 'sensitive') continue;
      report(
        findingAt(file, mount.service, ['volumes', mount.index], {
          message: `Service mounts the sensitive host path ${mount.source}`,
        }),
      );
    }
  },
};
