import type { IacCheck } from '../../../check.js';
import { imageEntries, reportAt, type GitlabDoc } from '../model.js';

/** The tag of an image reference (undefined when untagged); images with a digest count as pinned (`'@'`). */
export function imageTag(image: string): string | undefined {
  if (image.includes('@sha256:')) return '@';
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : undefined;
}

export const check: IacCheck<GitlabDoc> = {
  meta: {
    id: 'iac/gitlab-image-latest',
    title: 'CI image without a version tag',
    severity: 'low',
    cwe: ['CWE-829'],
    description:
      'An `image:` or service without a tag, or tagged `latest`, resolves to whatever was pushed last. Jobs can break or change behaviour ' +
      "without a commit, and a compromised or replaced image runs with the job's CI/CD variables and token.",
    help: {
      bad: ['test:', '  image: node', '  script:', '    - npm test', ''].join('\n'),
      good: ['test:', '  image: node:22.11-alpine', '  script:', '    - npm test', ''].join('\n'),
      fix: 'Use a specific version tag, or better a digest (`image: node:22.11-alpine@sha256:...`), and update it deliberately.',
    },
    references: [
      'https://docs.gitlab.com/ee/ci/yaml/#image',
      'https://docs.gitlab.com/ee/ci/docker/using_docker_images.html',
    ],
    tags: ['gitlab-ci', 'owasp:A08:2021', 'supply-chain'],
    precision: 'high',
    platform: 'gitlab-ci',
  },
  check(doc, report) {
    for (const entry of imageEntries(doc)) {
      const image = entry.image.trim();
      if (image === '' || image.includes('$')) continue;
      const tag = imageTag(image);
      if (tag !== undefined && tag !== 'latest') continue;
      reportAt(doc, report, entry.path, {
        resource: entry.resource,
        message:
          tag === undefined
            ? `Image \`${image}\` has no tag (latest)`
            : `Image \`${image}\` uses the latest tag`,
      });
    }
  },
};
