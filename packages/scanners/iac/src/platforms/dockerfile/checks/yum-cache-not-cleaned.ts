import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { reportUncleaned } from './dnf-cache-not-cleaned.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-yum-cache-not-cleaned',
    title: 'yum install without yum clean all',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'yum keeps repository metadata and downloaded packages in /var/cache/yum. Unless the same RUN cleans them, they stay in the image layer: a bigger image shipped with stale metadata.',
    help: {
      bad: 'FROM centos:7\nRUN yum install -y httpd\n',
      good: 'FROM centos:7\nRUN yum install -y httpd && yum clean all && rm -rf /var/cache/yum\n',
      fix: 'End the RUN with `yum clean all` (and `rm -rf /var/cache/yum`).',
    },
    references: [`${BEST_PRACTICES}#run`],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    reportUncleaned(doc, ['yum'], report);
  },
};
