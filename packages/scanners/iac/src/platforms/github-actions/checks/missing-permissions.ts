import type { IacCheck } from '../../../check.js';
import { effectivePermissions, reportAt, type GhaDoc } from '../model.js';

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-missing-permissions',
    title: 'Job runs with the default GITHUB_TOKEN permissions',
    severity: 'low',
    cwe: ['CWE-272'],
    description:
      "Without a `permissions` block on the workflow or the job, the GITHUB_TOKEN gets the repository's default permissions, which are " +
      'read-write for many repositories and organisations. Any step that is compromised (a hijacked action, an injected script) can then push ' +
      'code, create releases or change issues. Declaring permissions keeps the token to what the job needs. ' +
      'Reusable workflows (only `workflow_call`) are not reported: their token is bounded by the caller.',
    help: {
      bad: [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: make test',
        '',
      ].join('\n'),
      good: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: make test',
        '',
      ].join('\n'),
      fix: 'Add `permissions: contents: read` (or `permissions: {}`) at the top of the workflow and grant more per job only where needed.',
    },
    references: [
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token',
    ],
    tags: ['github-actions', 'owasp:A05:2021', 'least-privilege'],
    precision: 'medium',
    platform: 'github-actions',
  },
  check(doc, report) {
    if (doc.kind !== 'workflow') return;
    // A reusable workflow's token is bounded by its caller's permissions: the caller is where to set them.
    if (doc.triggers.length > 0 && doc.triggers.every((t) => t === 'workflow_call')) return;
    for (const job of doc.jobs) {
      if (effectivePermissions(doc, job) !== undefined) continue;
      reportAt(doc, report, job.path, {
        key: true,
        resource: job.label,
        message: `Job \`${job.id}\` has no \`permissions\` (nor does the workflow): the token gets the repository default`,
      });
    }
  },
};
