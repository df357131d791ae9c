import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { AUTH, dockerRule } from '../meta.js';
import { hasOption, reportAt, runs, wordsSpan } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-chpasswd',
    title: 'Password set in the image with chpasswd',
    severity: 'medium',
    cwe: ['CWE-259', 'CWE-798'],
    description:
      'Setting a password while building (`echo user:pass | chpasswd`, `passwd --stdin`) writes it into the image: the plain text is in the build history and layer metadata, and every container from the image shares the same account password.',
    help: {
      bad: "FROM ubuntu:24.04\nRUN echo 'root:secret' | chpasswd\n",
      good: 'FROM ubuntu:24.04\nRUN useradd --create-home --shell /usr/sbin/nologin app\nUSER app\n',
      fix: 'Do not give accounts passwords in images; run as an unprivileged user and pass credentials at run time (secrets), not at build time.',
    },
    references: [
      'https://man7.org/linux/man-pages/man8/chpasswd.8.html',
      'https://docs.docker.com/build/building/secrets/',
    ],
    tags: [AUTH],
    precision: 'high',
    checkov: ['CKV2_DOCKER_17'],
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name === 'chpasswd') reportAt(report, doc, stage, inv.program);
        else if (inv.name === 'passwd' && hasOption(inv.args, ['--stdin'])) {
          const option = inv.args.find((a) => a.value === '--stdin');
          reportAt(report, doc, stage, wordsSpan(inv.program, option ?? inv.program));
        }
      }
    }
  },
};
