import type { IacCheck } from '../../../check.js';
import { reportAt, type GhaDoc, type Path } from '../model.js';

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-write-all-permissions',
    title: 'GITHUB_TOKEN granted write-all permissions',
    severity: 'medium',
    cwe: ['CWE-272', 'CWE-250'],
    description:
      "`permissions: write-all` gives the workflow's token write access to every scope: contents, packages, deployments, pull requests, actions " +
      'and more. A single compromised step can then push to branches, publish packages or change workflows. Jobs rarely need more than one or ' +
      'two write scopes.',
    help: {
      bad: [
        'on: push',
        'permissions: write-all',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: ./release.sh',
        '',
      ].join('\n'),
      good: [
        'on: push',
        'permissions:',
        '  contents: write',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: ./release.sh',
        '',
      ].join('\n'),
      fix: 'List only the scopes the job needs (`contents: write`, `packages: write`, ...), preferably on the job rather than the workflow.',
    },
    references: [
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
    ],
    tags: ['github-actions', 'owasp:A05:2021', 'least-privilege'],
    precision: 'high',
    platform: 'github-actions',
    checkov: ['CKV2_GHA_1'],
  },
  check(doc, report) {
    if (doc.kind !== 'workflow') return;
    const places: { path: Path; value: unknown; resource: string }[] = [
      { path: ['permissions'], value: doc.root.permissions, resource: 'workflow' },
    ];
    for (const job of doc.jobs)
      places.push({ path: [...job.path, 'permissions'], value: job.value.permissions, resource: job.label });
    for (const place of places)
      if (typeof place.value === 'string' && place.value.trim().toLowerCase() === 'write-all')
        reportAt(doc, report, place.path, { resource: place.resource });
  },
};
