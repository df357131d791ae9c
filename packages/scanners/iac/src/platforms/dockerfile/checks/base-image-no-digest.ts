import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, INTEGRITY } from '../meta.js';
import { reportAt } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-base-image-no-digest',
    title: 'Base image not pinned by digest',
    severity: 'low',
    cwe: ['CWE-494'],
    description:
      'Tags are mutable: the publisher (or anyone who takes over the repository) can point `node:20` at different content at any time. A digest names exactly one image, so the build gets the image that was reviewed.',
    help: {
      bad: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim@sha256:2ec5a4a5c3e919570f57675471f081d6299668d909feabd8d4803c6c61af666c\nCMD ["python", "app.py"]\n',
      fix: 'Append the digest to the image reference (`image:tag@sha256:...`) and let a dependency bot update it.',
    },
    references: [
      `${BEST_PRACTICES}#pin-base-image-versions`,
      'https://docs.docker.com/reference/dockerfile/#from',
    ],
    tags: [INTEGRITY],
    precision: 'high',
  }),
  check(doc, report) {
    for (const stage of doc.stages) {
      const image = stage.resolved;
      if (stage.parent !== undefined || stage.scratch || image === undefined || image.digest !== undefined)
        continue;
      reportAt(
        report,
        doc,
        stage,
        { start: stage.imageStart, end: stage.imageEnd },
        `Base image ${image.ref} is not pinned by digest`,
      );
    }
  },
};
