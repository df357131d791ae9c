import type { IacCheck } from '../../../check.js';
import { contextPaths, expressionsAt } from '../expressions.js';
import { parseUses, reportAt, type GhaDoc } from '../model.js';

/** Whether an expression reads a secret (`secrets.X`, `secrets[...]`, `github.token`). */
function readsSecret(inner: string): boolean {
  return contextPaths(inner).some(
    (p) => p[0] === 'secrets' || (p[0] === 'github' && p[1] === 'token' && p.length === 2),
  );
}

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-secrets-to-unpinned-action',
    title: 'Secret passed to an unpinned third-party action',
    severity: 'medium',
    cwe: ['CWE-829', 'CWE-200'],
    description:
      'A third-party action referenced by tag or branch can change at any time. When a secret or the GITHUB_TOKEN is handed to it through ' +
      '`with:` or `env:`, whoever controls (or compromises) that repository can ship a version that sends the secret elsewhere, and the next ' +
      'workflow run will do it.',
    help: {
      bad: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: some-org/deploy-action@v3',
        '        with:',
        '          api-key: ${{ secrets.DEPLOY_KEY }}',
        '',
      ].join('\n'),
      good: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: some-org/deploy-action@5a4ac9002d0be2fb38bd78e4b4dbde5606d7042f # v3.0.1',
        '        with:',
        '          api-key: ${{ secrets.DEPLOY_KEY }}',
        '',
      ].join('\n'),
      fix: 'Pin the action to a full commit SHA you reviewed before giving it secrets, or replace it with a few lines of script you control.',
    },
    references: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions',
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions',
    ],
    tags: ['github-actions', 'owasp:A08:2021', 'supply-chain', 'secrets'],
    precision: 'high',
    platform: 'github-actions',
  },
  check(doc, report) {
    for (const job of doc.jobs)
      for (const step of job.steps) {
        if (step.uses === undefined) continue;
        const ref = parseUses(step.uses);
        if (ref.pinned || ref.firstParty || (ref.kind !== 'remote' && ref.kind !== 'docker')) continue;
        for (const section of ['with', 'env'] as const)
          for (const key of Object.keys(step[section])) {
            const path = [...step.path, section, key];
            if (!expressionsAt(doc.file, path).some((e) => readsSecret(e.inner))) continue;
            reportAt(doc, report, path, {
              resource: step.label,
              message: `A secret is passed as \`${section}.${key}\` to \`${step.uses}\`, which is not pinned to a commit SHA`,
            });
          }
      }
  },
};
