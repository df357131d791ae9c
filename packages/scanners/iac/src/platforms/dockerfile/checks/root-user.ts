import type { IacCheck } from '../../../check.js';
import type { DockerDocument, DockerInstruction, DockerStage, ImageRef } from '../model.js';
import { dockerRule, MISCONFIGURATION, OWASP_DOCKER } from '../meta.js';
import { finalChain, isWindowsBase, reportAt, resolveAt, unquote } from '../query.js';

const PRIVILEGE_DROPPERS = ['gosu', 'su-exec', 'setpriv', 's6-setuidgid', 'setuidgid', 'chpst', 'runuser'];

/** Images that run as a non-root user by default. */
export function isNonRootImage(image: ImageRef | undefined): boolean {
  if (image === undefined) return false;
  const tag = image.tag?.toLowerCase() ?? '';
  if (tag.includes('nonroot') || image.name.endsWith('-nonroot') || image.name.includes('/nonroot'))
    return true;
  // Chainguard images run as a non-root user, except their -dev variants.
  if (image.registry === 'cgr.dev' && !tag.includes('dev')) return true;
  return false;
}

/**
 * Whether the final image drops privileges at start-up (`gosu`, `su-exec`, `setpriv` ... installed or used in
 * the final stages, or named in ENTRYPOINT/CMD): running as root at first is then by design.
 */
export function dropsPrivileges(chain: readonly DockerStage[]): boolean {
  for (const stage of chain)
    for (const instruction of stage.instructions) {
      if (!['RUN', 'ENTRYPOINT', 'CMD'].includes(instruction.keyword)) continue;
      const text = instruction.args.text + instruction.heredocs.map((h) => h.body.text).join('\n');
      if (PRIVILEGE_DROPPERS.some((p) => text.includes(p))) return true;
    }
  return false;
}

/** The last USER instruction that applies to the final image, with its stage. */
export function lastUser(doc: DockerDocument): { user: DockerInstruction; stage: DockerStage } | undefined {
  for (const stage of finalChain(doc)) if (stage.user !== undefined) return { user: stage.user, stage };
  return undefined;
}

/** Whether a USER value (`root`, `0`, `root:root`, `0:0`) is root; `undefined` when unknown. */
export function isRootUser(
  doc: DockerDocument,
  stage: DockerStage,
  user: DockerInstruction,
): boolean | undefined {
  const value = resolveAt(doc, stage, user, unquote(user.rest.text));
  if (value === undefined || value === '') return undefined;
  const name = (value.split(':')[0] ?? '').trim().toLowerCase();
  return name === 'root' || name === '0';
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-root-user',
    title: 'Container runs as root (last USER is root)',
    severity: 'medium',
    cwe: ['CWE-250'],
    description:
      'The last USER of the final stage is root, so the container process runs as root. A compromise of the application then has full control of the container and a much better chance of escaping it (kernel or runtime bugs, mounted sockets, writable host paths).',
    help: {
      bad: 'FROM node:20.18-slim\nWORKDIR /app\nCOPY . .\nUSER root\nCMD ["node", "server.js"]\n',
      good: 'FROM node:20.18-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      fix: 'Switch to an unprivileged user (`USER app` or a numeric UID such as `USER 10001`) after the steps that need root.',
    },
    references: ['https://docs.docker.com/reference/dockerfile/#user', `${OWASP_DOCKER}#rule-2-set-a-user`],
    tags: [MISCONFIGURATION],
    precision: 'high',
    checkov: ['CKV_DOCKER_8'],
  }),
  check(doc, report) {
    const chain = finalChain(doc);
    const final = chain[0];
    if (final === undefined || isWindowsBase(doc, final) || dropsPrivileges(chain)) return;
    const last = lastUser(doc);
    if (last === undefined || isRootUser(doc, last.stage, last.user) !== true) return;
    reportAt(report, doc, last.stage, { start: last.user.start, end: last.user.end });
  },
};
