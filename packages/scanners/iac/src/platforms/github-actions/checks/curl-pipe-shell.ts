import type { IacCheck } from '../../../check.js';
import type { GhaDoc } from '../model.js';
import { logicalLines, pipesDownloadToShell } from '../shell.js';

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-curl-pipe-shell',
    title: 'Downloaded script piped into a shell',
    severity: 'medium',
    cwe: ['CWE-494'],
    description:
      '`curl ... | sh` runs whatever the server returns at that moment, with no checksum or signature check, inside a job that holds the ' +
      'repository token and secrets. A compromised download host, a hijacked domain or a changed script silently becomes code running in the ' +
      'pipeline.',
    help: {
      bad: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: curl -fsSL https://example.com/install.sh | bash',
        '',
      ].join('\n'),
      good: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: |',
        '          curl -fsSLo install.sh https://example.com/v1.2.3/install.sh',
        '          echo "3f1c0e5d6c2b9a8e7f4d1c0b9a8e7f6d5c4b3a2918d7e6f5a4b3c2d1e0f9a8b7  install.sh" | sha256sum -c -',
        '          bash install.sh',
        '',
      ].join('\n'),
      fix: 'Download a versioned file, verify its checksum or signature, then run it; or use a pinned action or package instead.',
    },
    references: [
      'https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse',
    ],
    tags: ['github-actions', 'owasp:A08:2021', 'supply-chain'],
    precision: 'high',
    platform: 'github-actions',
  },
  check(doc, report) {
    for (const job of doc.jobs)
      for (const step of job.steps) {
        if (step.run === undefined) continue;
        for (const line of logicalLines(doc.file, [...step.path, 'run']))
          if (pipesDownloadToShell(line.text))
            report({
              path: doc.path,
              start: line.start,
              end: line.lines[0]?.end ?? line.end,
              resource: step.label,
            });
      }
  },
};
