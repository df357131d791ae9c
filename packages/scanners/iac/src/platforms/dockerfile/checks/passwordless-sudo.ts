import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportAt, runs, stageInstructions } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-passwordless-sudo',
    title: 'Passwordless sudo granted in the image',
    severity: 'medium',
    cwe: ['CWE-250', 'CWE-269'],
    description:
      'A sudoers rule with NOPASSWD lets the container user become root without any credential. Running as a non-root USER then protects nothing: any code execution in the container is root execution.',
    help: {
      bad: 'FROM ubuntu:24.04\nRUN useradd -m app && echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers\nUSER app\n',
      good: 'FROM ubuntu:24.04\nRUN useradd -m app\nUSER app\n',
      fix: 'Do the privileged steps at build time as root, then switch to the unprivileged user without sudo rights.',
    },
    references: [
      'https://www.sudo.ws/docs/man/sudoers.man/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        const word = inv.args.find((a) => a.value.includes('NOPASSWD'));
        if (word !== undefined) reportAt(report, doc, stage, word);
      }
    }
    // A sudoers file written from a here-document (`COPY <<EOF /etc/sudoers.d/app`, `RUN cat <<EOF > ...`),
    // unless its lines were read as shell commands above.
    for (const [instruction, stage] of stageInstructions(doc)) {
      if (instruction.commands.some((c) => c.words.some((w) => w.value.includes('NOPASSWD')))) continue;
      for (const heredoc of instruction.heredocs) {
        const at = heredoc.body.text.indexOf('NOPASSWD');
        if (at < 0) continue;
        const start = heredoc.body.map[at] ?? instruction.start;
        reportAt(report, doc, stage, { start, end: start + 'NOPASSWD'.length });
      }
    }
  },
};
