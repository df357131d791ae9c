import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, COMPONENTS, dockerRule } from '../meta.js';
import { reportAt } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-base-image-latest',
    title: 'Base image uses the latest tag',
    severity: 'medium',
    cwe: ['CWE-1357'],
    description:
      'A base image without a tag, or tagged `latest`, is whatever the registry serves at build time. Builds stop being reproducible, a new major version can break the application, and a compromised or broken push reaches production without review.',
    help: {
      bad: 'FROM node:latest\nCMD ["node", "server.js"]\n',
      good: 'FROM node:20.18-bookworm-slim\nCMD ["node", "server.js"]\n',
      fix: 'Use an explicit version tag (ideally also pinned by digest: `image:tag@sha256:...`).',
    },
    references: [
      `${BEST_PRACTICES}#pin-base-image-versions`,
      'https://docs.docker.com/reference/dockerfile/#from',
    ],
    tags: [COMPONENTS],
    precision: 'high',
    checkov: ['CKV_DOCKER_7'],
  }),
  check(doc, report) {
    for (const stage of doc.stages) {
      const image = stage.resolved;
      if (stage.parent !== undefined || stage.scratch || image === undefined || image.digest !== undefined)
        continue;
      const span = { start: stage.imageStart, end: stage.imageEnd };
      if (image.tag === undefined)
        reportAt(report, doc, stage, span, `Base image ${image.ref} has no tag (defaults to latest)`);
      else if (image.tag.toLowerCase() === 'latest')
        reportAt(report, doc, stage, span, `Base image ${image.ref} uses the latest tag`);
    }
  },
};
