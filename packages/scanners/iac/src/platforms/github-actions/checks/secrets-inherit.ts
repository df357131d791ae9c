import type { IacCheck } from '../../../check.js';
import { parseUses, reportAt, type GhaDoc } from '../model.js';

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-secrets-inherit',
    title: 'Reusable workflow receives every secret',
    severity: 'low',
    cwe: ['CWE-272'],
    description:
      "`secrets: inherit` passes all of the caller's secrets (repository, environment and organisation) to the called workflow, not just the " +
      'ones it uses. If the called workflow lives in another repository, or is later changed to run untrusted code, every secret is exposed ' +
      'instead of the one or two it needs.',
    help: {
      bad: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  deploy:',
        '    uses: ./.github/workflows/deploy.yml',
        '    secrets: inherit',
        '',
      ].join('\n'),
      good: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  deploy:',
        '    uses: ./.github/workflows/deploy.yml',
        '    secrets:',
        '      deploy-token: ${{ secrets.DEPLOY_TOKEN }}',
        '',
      ].join('\n'),
      fix: 'Pass the secrets the called workflow declares explicitly under `secrets:`.',
    },
    references: [
      'https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow',
    ],
    tags: ['github-actions', 'owasp:A05:2021', 'least-privilege', 'secrets'],
    precision: 'medium',
    platform: 'github-actions',
  },
  check(doc, report) {
    if (doc.kind !== 'workflow') return;
    for (const job of doc.jobs) {
      const secrets = job.value.secrets;
      if (typeof secrets !== 'string' || secrets.trim().toLowerCase() !== 'inherit') continue;
      const uses = typeof job.value.uses === 'string' ? parseUses(job.value.uses) : undefined;
      const remote = uses?.kind === 'remote';
      reportAt(doc, report, [...job.path, 'secrets'], {
        resource: job.label,
        ...(remote &&
          uses && { message: `Every secret is passed to \`${uses.name}\` in another repository` }),
      });
    }
  },
};
