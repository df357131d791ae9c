import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, stageInstructions } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-run-security-insecure',
    title: 'RUN --security=insecure (privileged build step)',
    severity: 'high',
    cwe: ['CWE-250'],
    description:
      '`RUN --security=insecure` runs the step without the sandbox, like a privileged container: it can reach host devices and kernel interfaces. A compromised dependency installed in that step can take over the build host.',
    help: {
      bad: '# syntax=docker/dockerfile:1-labs\nFROM alpine:3.20\nRUN --security=insecure mount -t tmpfs none /mnt\n',
      good: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN --mount=type=tmpfs,target=/mnt ls /mnt\n',
      fix: 'Remove `--security=insecure`; use mounts (`--mount=type=tmpfs|cache|secret`) for what the step needs.',
    },
    references: ['https://docs.docker.com/reference/dockerfile/#run---security'],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    for (const [run, stage] of stageInstructions(doc, 'RUN')) {
      const flag = run.flags.find((f) => f.name === 'security' && f.value?.toLowerCase() === 'insecure');
      if (flag !== undefined) reportAt(report, doc, stage, flag);
    }
  },
};
