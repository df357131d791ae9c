import type { IacCheck } from '../../../check.js';
import { allUses, parseUses, reportAt, type GhaDoc } from '../model.js';

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-unpinned-github-action',
    title: 'GitHub-owned action not pinned to a commit SHA',
    severity: 'info',
    cwe: ['CWE-829'],
    description:
      'Actions owned by GitHub (`actions/*`, `github/*`) are lower risk than third-party ones, but their tags can still move. Pinning them to a ' +
      'commit SHA makes every run reproducible and keeps a compromised tag from reaching the workflow. Repositories that enforce SHA pinning ' +
      'by policy need this for first-party actions too.',
    help: {
      bad: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
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
        '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
        '',
      ].join('\n'),
      fix: 'Pin the action to the full commit SHA of the release, keeping the version in a trailing comment for update tools.',
    },
    references: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions',
    ],
    tags: ['github-actions', 'owasp:A08:2021', 'supply-chain'],
    precision: 'high',
    platform: 'github-actions',
  },
  check(doc, report) {
    for (const use of allUses(doc)) {
      const ref = parseUses(use.uses);
      if (ref.kind !== 'remote' || !ref.firstParty || ref.pinned) continue;
      reportAt(doc, report, use.path, {
        resource: use.resource,
        message:
          ref.ref === undefined
            ? `\`${ref.name}\` has no version`
            : `\`${ref.name}@${ref.ref}\` is not pinned to a commit SHA`,
      });
    }
  },
};
