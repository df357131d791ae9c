import type { IacCheck } from '../../../check.js';
import { PR_PRIVILEGED_TRIGGERS } from '../contexts.js';
import { hasTrigger, reportAt, usesAction, type GhaDoc } from '../model.js';

function isFalse(value: unknown): boolean {
  return value === false || (typeof value === 'string' && value.trim().toLowerCase() === 'false');
}

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-checkout-persist-credentials',
    title: 'Checkout keeps the token in .git/config in a privileged workflow',
    severity: 'low',
    cwe: ['CWE-522'],
    description:
      'actions/checkout writes the GITHUB_TOKEN into `.git/config` unless `persist-credentials: false` is set, so every later step (and anything ' +
      'that uploads the workspace as an artifact) can read it. In `pull_request_target`, `workflow_run` and `issue_comment` workflows that ' +
      'token can write to the repository, and later steps often touch content from the pull request.',
    help: {
      bad: [
        'on: pull_request_target',
        'permissions:',
        '  contents: read',
        '  pull-requests: write',
        'jobs:',
        '  label:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - run: ./scripts/label.sh',
        '',
      ].join('\n'),
      good: [
        'on: pull_request_target',
        'permissions:',
        '  contents: read',
        '  pull-requests: write',
        'jobs:',
        '  label:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with:',
        '          persist-credentials: false',
        '      - run: ./scripts/label.sh',
        '',
      ].join('\n'),
      fix: 'Set `persist-credentials: false` on actions/checkout and pass a token explicitly only to the step that needs to push.',
    },
    references: [
      'https://github.com/actions/checkout#usage',
      'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
    ],
    tags: ['github-actions', 'owasp:A05:2021', 'secrets'],
    precision: 'medium',
    platform: 'github-actions',
  },
  check(doc, report) {
    if (doc.kind !== 'workflow' || !hasTrigger(doc, PR_PRIVILEGED_TRIGGERS)) return;
    for (const job of doc.jobs)
      for (const step of job.steps) {
        if (!usesAction(step, 'actions/checkout')) continue;
        const persist = step.with['persist-credentials'];
        if (isFalse(persist) || (typeof persist === 'string' && persist.includes('${{'))) continue;
        reportAt(doc, report, [...step.path, 'uses'], { resource: step.label });
      }
  },
};
