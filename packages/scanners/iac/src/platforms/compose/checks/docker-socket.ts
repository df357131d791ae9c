import type { IacCheck } from '../../../check.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';
import { bindMounts } from '../volumes.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-docker-socket',
    title: 'Service mounts the Docker socket',
    severity: 'critical',
    cwe: ['CWE-250', 'CWE-668'],
    description:
      "The Docker (or containerd, Podman) socket is the daemon's API: whoever can write to it can start a privileged container with the host filesystem mounted, which is root on the host. A read-only bind mount does not help: `:ro` does not stop API calls over the socket.",
    help: {
      bad: `services:
  ci-runner:
    image: registry.example.com/runner:17.2.0
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
`,
      good: `services:
  ci-runner:
    image: registry.example.com/runner:17.2.0
    volumes:
      - runner-config:/etc/runner
volumes:
  runner-config:
`,
      fix: 'Do not mount the socket; use a socket proxy that allows only the API calls needed, or build with a daemonless builder.',
    },
    references: [
      'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-1-do-not-expose-the-docker-daemon-socket-even-to-the-containers',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const mount of bindMounts(file)) {
      if (mount.kind !== 'socket') continue;
      report(
        findingAt(file, mount.service, ['volumes', mount.index], {
          message: `Service mounts the runtime socket ${mount.source}`,
        }),
      );
    }
  },
};
