import type { IacCheck } from '../../../check.js';
import { isMutableImage, parseImage } from '../../kubernetes/shared.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-image-latest',
    title: 'Image uses the latest tag or no tag',
    severity: 'medium',
    cwe: ['CWE-1357'],
    description:
      'An image without a tag, or tagged `latest`, is whatever was pushed last: builds are not reproducible and a compromised or broken push is picked up on the next pull. Services with `build:` (where `image:` names the built image) and interpolated images (`${TAG}`) are not reported.',
    help: {
      bad: `services:
  db:
    image: postgres
`,
      good: `services:
  db:
    image: postgres:16.3
`,
      fix: 'Pin the image to a version tag, or better to a digest (`postgres:16.3@sha256:...`).',
    },
    references: [
      'https://docs.docker.com/reference/compose-file/services/#image',
      'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
    ],
    tags: ['owasp:A08:2021'],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services) {
      const image = service.value.image;
      if (typeof image !== 'string' || service.value.build !== undefined) continue;
      const ref = parseImage(image);
      if (!ref || !isMutableImage(ref)) continue;
      report(
        findingAt(file, service, ['image'], {
          message:
            ref.tag === undefined ? 'Image has no tag (defaults to latest)' : 'Image uses the latest tag',
        }),
      );
    }
  },
};
