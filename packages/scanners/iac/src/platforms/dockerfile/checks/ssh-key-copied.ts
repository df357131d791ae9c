import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { AUTH, dockerRule } from '../meta.js';
import { basename, copySources, reportAt, stageInstructions } from '../query.js';

const KEY_FILES = ['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk', 'identity'];

/** Whether a COPY/ADD source is an SSH private key or an `.ssh` folder. */
export function isSshKeySource(source: string): boolean {
  if (source.startsWith('<<') || source.includes('://')) return false;
  const name = basename(source);
  if (name === '.ssh') return true;
  if (KEY_FILES.includes(name)) return true;
  // id_rsa_deploy, id_ed25519.key, but not id_rsa.pub
  return KEY_FILES.some(
    (k) =>
      k !== 'identity' &&
      name.startsWith(`${k}`) &&
      name !== `${k}.pub` &&
      !name.endsWith('.pub') &&
      (name.charAt(k.length) === '_' || name.charAt(k.length) === '.' || name.charAt(k.length) === '-'),
  );
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-ssh-key-copied',
    title: 'SSH private key copied into the image',
    severity: 'high',
    cwe: ['CWE-522', 'CWE-538'],
    description:
      'COPY or ADD of `id_rsa`, `id_ed25519` or an `.ssh` folder writes the private key into a layer. Deleting it in a later step does not remove it from the layer; anyone who can pull the image (or the build cache) gets the key and whatever it opens.',
    help: {
      bad: 'FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@github.com:example/private.git\n',
      good: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN --mount=type=ssh git clone git@github.com:example/private.git\n',
      fix: 'Use `RUN --mount=type=ssh` (with `docker build --ssh default`) so the key is only available during that step, and rotate the exposed key.',
    },
    references: [
      'https://docs.docker.com/reference/dockerfile/#run---mounttypessh',
      'https://docs.docker.com/build/building/secrets/',
    ],
    tags: [AUTH],
    precision: 'high',
  }),
  check(doc, report) {
    for (const keyword of ['COPY', 'ADD']) {
      for (const [copy, stage] of stageInstructions(doc, keyword)) {
        for (const source of copySources(copy))
          if (isSshKeySource(source.value)) reportAt(report, doc, stage, source);
      }
    }
  },
};
