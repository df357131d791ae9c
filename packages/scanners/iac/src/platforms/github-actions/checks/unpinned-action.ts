import type { IacCheck } from '../../../check.js';
import { allUses, parseUses, reportAt, type GhaDoc } from '../model.js';

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-unpinned-action',
    title: 'Third-party action not pinned to a commit SHA',
    severity: 'medium',
    cwe: ['CWE-829', 'CWE-494'],
    description:
      "A tag or branch (`@v1`, `@main`) can be moved by whoever controls the action's repository, including an attacker who compromised it: " +
      "the next run executes the new code with the job's token and secrets. Only a full 40-character commit SHA (or an image digest for " +
      '`docker://` actions) fixes the code that runs. Reusable workflows called from another repository have the same problem.',
    help: {
      bad: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  lint:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: some-org/lint-action@v2',
        '',
      ].join('\n'),
      good: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  lint:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: some-org/lint-action@8f4b7f84864484a7bf31766abe9204da3cbe65b3 # v2.1.0',
        '',
      ].join('\n'),
      fix: 'Pin the action to the full commit SHA of the release you reviewed, with the version in a comment; let Dependabot or Renovate update it.',
    },
    references: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions',
      'https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse',
    ],
    tags: ['github-actions', 'owasp:A08:2021', 'supply-chain'],
    precision: 'high',
    platform: 'github-actions',
  },
  check(doc, report) {
    for (const use of allUses(doc)) {
      const ref = parseUses(use.uses);
      if (ref.pinned || ref.firstParty || (ref.kind !== 'remote' && ref.kind !== 'docker')) continue;
      const message =
        ref.kind === 'docker'
          ? `Docker image \`${ref.name}\` is not pinned to a digest`
          : ref.ref === undefined
            ? `\`${ref.name}\` has no version and follows the default branch`
            : `\`${ref.name}@${ref.ref}\` is not pinned to a commit SHA`;
      reportAt(doc, report, use.path, { resource: use.resource, message });
    }
  },
};
