import type { IacCheck } from '../../../check.js';
import { asRecord } from '../../../yaml/load.js';
import { composeMeta, serviceAnchor, type ComposeFile } from '../model.js';

const LIMIT_KEYS = ['mem_limit', 'cpus', 'cpu_quota', 'cpu_count', 'cpu_percent'];

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && value !== 0 && value !== '0';
}

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-no-resource-limits',
    title: 'Service has no memory or CPU limit',
    severity: 'low',
    cwe: ['CWE-770'],
    description:
      'Without `deploy.resources.limits` (or `mem_limit` / `cpus`), one container can use all memory and CPU of the host and take the other services down with it, after a leak, a load spike or a compromise.',
    help: {
      bad: `services:
  api:
    image: registry.example.com/api:5.2.0
`,
      good: `services:
  api:
    image: registry.example.com/api:5.2.0
    deploy:
      resources:
        limits:
          cpus: "1.0"
          memory: 512M
`,
      fix: 'Set `deploy.resources.limits.memory` (and `cpus`) for the service.',
    },
    references: [
      'https://docs.docker.com/reference/compose-file/deploy/#resources',
      'https://docs.docker.com/engine/containers/resource_constraints/',
    ],
    tags: ['availability'],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services) {
      if (LIMIT_KEYS.some((key) => isSet(service.value[key]))) continue;
      const limits = asRecord(asRecord(asRecord(service.value.deploy)?.resources)?.limits);
      if (limits && (isSet(limits.memory) || isSet(limits.cpus))) continue;
      report(serviceAnchor(file, service));
    }
  },
};
