import type { IacCheck } from '../../../check.js';
import { asArray } from '../../../yaml/load.js';
import { imageEntries, reportAt, variableEntries, type GitlabDoc } from '../model.js';

function isDind(image: string): boolean {
  const name = image.toLowerCase();
  return name.includes('dind');
}

export const check: IacCheck<GitlabDoc> = {
  meta: {
    id: 'iac/gitlab-dind-without-tls',
    title: 'Docker-in-Docker service runs without TLS',
    severity: 'medium',
    cwe: ['CWE-319'],
    description:
      'With `DOCKER_TLS_CERTDIR: ""` (or `--tls=false`), the `docker:dind` service exposes an unauthenticated Docker API on port 2375. Any ' +
      "process that can reach the service on the runner's network (other services, other jobs on a shared host) can start privileged " +
      'containers, read build secrets and tamper with the images being built.',
    help: {
      bad: [
        'build:',
        '  image: docker:27.3',
        '  services:',
        '    - docker:27.3-dind',
        '  variables:',
        '    DOCKER_HOST: tcp://docker:2375',
        '    DOCKER_TLS_CERTDIR: ""',
        '  script:',
        '    - docker build -t app .',
        '',
      ].join('\n'),
      good: [
        'build:',
        '  image: docker:27.3',
        '  services:',
        '    - docker:27.3-dind',
        '  variables:',
        '    DOCKER_TLS_CERTDIR: "/certs"',
        '  script:',
        '    - docker build -t app .',
        '',
      ].join('\n'),
      fix: 'Keep TLS on: set `DOCKER_TLS_CERTDIR: "/certs"` (the image default) and let the client use `tcp://docker:2376` with the generated certificates.',
    },
    references: [
      'https://docs.gitlab.com/ee/ci/docker/using_docker_build.html#docker-in-docker-with-tls-enabled-in-the-docker-executor',
    ],
    tags: ['gitlab-ci', 'owasp:A02:2021'],
    precision: 'high',
    platform: 'gitlab-ci',
  },
  check(doc, report) {
    const images = imageEntries(doc);
    const dind = images.filter((entry) => entry.service && isDind(entry.image));
    if (dind.length === 0) return;
    for (const entry of variableEntries(doc))
      if (entry.name === 'DOCKER_TLS_CERTDIR' && typeof entry.value === 'string' && entry.value.trim() === '')
        reportAt(doc, report, entry.path, {
          resource: entry.resource,
          message: '`DOCKER_TLS_CERTDIR` is empty: the dind service listens without TLS',
        });
    for (const entry of dind) {
      const command = asArray(entry.node?.command);
      command.forEach((arg, i) => {
        if (typeof arg === 'string' && arg.trim().toLowerCase() === '--tls=false')
          reportAt(doc, report, [...entry.path.slice(0, -1), 'command', i], {
            resource: entry.resource,
            message: 'The dind service is started with `--tls=false`',
          });
      });
    }
  },
};
