import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, stageInstructions } from '../query.js';
import { commandName } from '../shell.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-sudo',
    title: 'sudo used in RUN',
    severity: 'medium',
    cwe: ['CWE-250'],
    description:
      'Using sudo in a build means the image ships sudo and a user allowed to use it, so a non-root USER can become root again. sudo also behaves unpredictably without a TTY and with signal forwarding.',
    help: {
      bad: 'FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update\n',
      good: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER app\n',
      fix: 'Run privileged steps before switching USER (or switch to `USER root` for them and back); use `gosu` if the entrypoint must drop privileges.',
    },
    references: [`${BEST_PRACTICES}#user`],
    tags: [MISCONFIGURATION],
    precision: 'high',
    checkov: ['CKV2_DOCKER_1'],
  }),
  check(doc, report) {
    for (const [run, stage] of stageInstructions(doc, 'RUN')) {
      for (const command of run.commands) {
        const first = command.words[0];
        if (first !== undefined && commandName(first) === 'sudo') reportAt(report, doc, stage, first);
      }
    }
  },
};
