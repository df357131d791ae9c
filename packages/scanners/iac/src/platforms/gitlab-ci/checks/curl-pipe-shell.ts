import type { IacCheck } from '../../../check.js';
import { logicalLines, pipesDownloadToShell } from '../../github-actions/shell.js';
import { scriptNodes, type GitlabDoc } from '../model.js';

export const check: IacCheck<GitlabDoc> = {
  meta: {
    id: 'iac/gitlab-curl-pipe-shell',
    title: 'Downloaded script piped into a shell',
    severity: 'medium',
    cwe: ['CWE-494'],
    description:
      '`curl ... | sh` runs whatever the server returns at that moment, with no checksum or signature check, inside a job that holds the ' +
      "project's CI/CD variables and job token. A compromised download host, a hijacked domain or a changed script silently becomes code " +
      'running in the pipeline.',
    help: {
      bad: ['setup:', '  script:', '    - curl -sSL https://example.com/install.sh | sh', ''].join('\n'),
      good: [
        'setup:',
        '  script:',
        '    - curl -sSLo install.sh https://example.com/v1.2.3/install.sh',
        '    - echo "3f1c0e5d6c2b9a8e7f4d1c0b9a8e7f6d5c4b3a2918d7e6f5a4b3c2d1e0f9a8b7  install.sh" | sha256sum -c -',
        '    - sh install.sh',
        '',
      ].join('\n'),
      fix: 'Download a versioned file, verify its checksum or signature, then run it; or bake the tool into a pinned CI image.',
    },
    references: [
      'https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse',
    ],
    tags: ['gitlab-ci', 'owasp:A08:2021', 'supply-chain'],
    precision: 'high',
    platform: 'gitlab-ci',
  },
  check(doc, report) {
    for (const node of scriptNodes(doc))
      for (const line of logicalLines(doc.file, node.path))
        if (pipesDownloadToShell(line.text))
          report({
            path: doc.path,
            start: line.start,
            end: line.lines[0]?.end ?? line.end,
            resource: node.resource,
          });
  },
};
