import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION, OWASP_DOCKER } from '../meta.js';
import { baseStage, finalChain, headSpan, isWindowsBase, reportAt } from '../query.js';
import { dropsPrivileges, isNonRootImage, lastUser } from './root-user.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-missing-user',
    title: 'No USER in the final stage (runs as the base image user, usually root)',
    severity: 'medium',
    cwe: ['CWE-250'],
    description:
      'The final stage never sets USER, so the container runs as the base image user, which is root for almost all images. A compromise of the application then has full control of the container and a better chance of escaping it. Known non-root bases (distroless `:nonroot`, `*-nonroot`, Chainguard) and `scratch` are not reported.',
    help: {
      bad: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
      good: 'FROM python:3.12-slim\nRUN useradd --create-home --uid 10001 app\nCOPY app.py /app/\nUSER app\nCMD ["python", "/app/app.py"]\n',
      fix: 'Create an unprivileged user and add `USER <name or uid>` to the final stage.',
    },
    references: ['https://docs.docker.com/reference/dockerfile/#user', `${OWASP_DOCKER}#rule-2-set-a-user`],
    tags: [MISCONFIGURATION],
    precision: 'medium',
    checkov: ['CKV_DOCKER_3'],
  }),
  check(doc, report) {
    const chain = finalChain(doc);
    const final = chain[0];
    if (final === undefined || lastUser(doc) !== undefined) return;
    const base = baseStage(doc, final);
    if (base.scratch || base.resolved === undefined || isNonRootImage(base.resolved)) return;
    if (isWindowsBase(doc, final) || dropsPrivileges(chain)) return;
    reportAt(report, doc, final, headSpan(final.from, doc));
  },
};
