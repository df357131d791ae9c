import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, resolveAt, stageInstructions } from '../query.js';

/** Whether an EXPOSE entry (`22`, `22/tcp`, `20-25`) includes port 22. */
function includes22(entry: string): boolean {
  const port = entry.split('/')[0] ?? '';
  const dash = port.indexOf('-');
  if (dash < 0) return /^[0-9]+$/.test(port) && Number(port) === 22;
  const from = port.slice(0, dash);
  const to = port.slice(dash + 1);
  return /^[0-9]+$/.test(from) && /^[0-9]+$/.test(to) && Number(from) <= 22 && Number(to) >= 22;
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-expose-ssh',
    title: 'Port 22 (SSH) exposed',
    severity: 'low',
    cwe: ['CWE-284'],
    description:
      'Exposing port 22 means the container runs an SSH server: another service with its own credentials and keys to manage and patch, and a way in that bypasses the orchestrator. Use `docker exec` / `kubectl exec` for access instead.',
    help: {
      bad: 'FROM ubuntu:24.04\nEXPOSE 22 8080\n',
      good: 'FROM ubuntu:24.04\nEXPOSE 8080\n',
      fix: 'Remove the SSH server and the EXPOSE 22; debug through the container runtime.',
    },
    references: [
      'https://docs.docker.com/reference/dockerfile/#expose',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    tags: [MISCONFIGURATION],
    precision: 'high',
    checkov: ['CKV_DOCKER_1'],
  }),
  check(doc, report) {
    for (const [expose, stage] of stageInstructions(doc, 'EXPOSE')) {
      for (const word of expose.words) {
        const value = resolveAt(doc, stage, expose, word.value);
        if (value === undefined) continue;
        if (value.split(/\s+/).some(includes22)) reportAt(report, doc, stage, word);
      }
    }
  },
};
