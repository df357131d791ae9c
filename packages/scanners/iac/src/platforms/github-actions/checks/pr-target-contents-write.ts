import type { IacCheck } from '../../../check.js';
import { asRecord } from '../../../yaml/load.js';
import { hasTrigger, reportAt, type GhaDoc, type Path } from '../model.js';

const TRIGGERS = ['pull_request_target', 'workflow_run'];

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-pr-target-contents-write',
    title: 'Fork-triggered privileged workflow can write repository contents',
    severity: 'medium',
    cwe: ['CWE-272'],
    description:
      "`pull_request_target` and `workflow_run` workflows are started by pull requests from forks but run with the base repository's token. " +
      'Granting that token `contents: write` means any mistake in the workflow (an injected expression, a checked-out pull request, a ' +
      'compromised action) lets an outsider push commits, tags or workflow changes to the repository.',
    help: {
      bad: [
        'on: pull_request_target',
        'permissions:',
        '  contents: write',
        '  pull-requests: write',
        'jobs:',
        '  label:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: gh pr edit "$PR" --add-label triage',
        '        env:',
        '          PR: ${{ github.event.pull_request.number }}',
        '          GH_TOKEN: ${{ github.token }}',
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
        '      - run: gh pr edit "$PR" --add-label triage',
        '        env:',
        '          PR: ${{ github.event.pull_request.number }}',
        '          GH_TOKEN: ${{ github.token }}',
        '',
      ].join('\n'),
      fix: 'Keep `contents: read` in fork-triggered workflows; grant only the narrow scope the job uses (e.g. `pull-requests: write` to comment).',
    },
    references: [
      'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
    ],
    tags: ['github-actions', 'owasp:A05:2021', 'least-privilege'],
    precision: 'medium',
    platform: 'github-actions',
  },
  check(doc, report) {
    if (doc.kind !== 'workflow' || !hasTrigger(doc, TRIGGERS)) return;
    const places: { path: Path; value: unknown; resource: string }[] = [
      { path: ['permissions'], value: doc.root.permissions, resource: 'workflow' },
    ];
    for (const job of doc.jobs)
      places.push({ path: [...job.path, 'permissions'], value: job.value.permissions, resource: job.label });
    for (const place of places) {
      const map = asRecord(place.value);
      if (!map) continue;
      for (const [scope, access] of Object.entries(map))
        if (
          scope.toLowerCase() === 'contents' &&
          typeof access === 'string' &&
          access.trim().toLowerCase() === 'write'
        )
          reportAt(doc, report, [...place.path, scope], { resource: place.resource });
    }
  },
};
