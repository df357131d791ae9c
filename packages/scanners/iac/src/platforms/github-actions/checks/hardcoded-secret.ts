import type { IacCheck } from '../../../check.js';
import { asRecord } from '../../../yaml/load.js';
import { reportAt, valueAt, type GhaDoc, type Path } from '../model.js';
import { isSecretName, isServiceCredentialName, looksLikeSecretValue } from '../secrets.js';

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-hardcoded-secret',
    title: 'Hard-coded secret in a workflow',
    severity: 'high',
    cwe: ['CWE-798'],
    description:
      'A password, token or key written as a literal in `env:` or `with:` is readable by everyone who can read the repository, stays in its ' +
      'history after removal, and is not masked in logs. GitHub encrypted secrets keep the value out of the code and redact it from output.',
    help: {
      bad: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  publish:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: npm publish',
        '        env:',
        '          NPM_TOKEN: npm_Xr4Tq9LmZ2vB7kP1sW8yC3dF6gH0jN5aE2iU',
        '',
      ].join('\n'),
      good: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  publish:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: npm publish',
        '        env:',
        '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
        '',
      ].join('\n'),
      fix: 'Revoke the exposed value, store the new one as an encrypted secret and refer to it as `${{ secrets.NAME }}`.',
    },
    references: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions',
      'https://cwe.mitre.org/data/definitions/798.html',
    ],
    tags: ['github-actions', 'owasp:A07:2021', 'secrets'],
    precision: 'medium',
    platform: 'github-actions',
  },
  check(doc, report) {
    const places: { path: Path; resource: string; services: boolean }[] = [
      { path: ['env'], resource: 'workflow', services: false },
    ];
    const anyServices = doc.jobs.some((job) => asRecord(job.value.services) !== undefined);
    for (const job of doc.jobs) {
      const services = asRecord(job.value.services) !== undefined;
      if (doc.kind === 'workflow') {
        places.push({ path: [...job.path, 'env'], resource: job.label, services });
        places.push({ path: [...job.path, 'with'], resource: job.label, services });
        places.push({ path: [...job.path, 'container', 'credentials'], resource: job.label, services });
        for (const name of Object.keys(asRecord(job.value.services) ?? {}))
          places.push({
            path: [...job.path, 'services', name, 'credentials'],
            resource: job.label,
            services,
          });
      }
      for (const step of job.steps) {
        places.push({ path: [...step.path, 'env'], resource: step.label, services });
        places.push({ path: [...step.path, 'with'], resource: step.label, services });
      }
    }
    for (const place of places) {
      const map = asRecord(valueAt(doc.root, place.path));
      if (!map) continue;
      const services = place.services || (place.path.length === 1 && anyServices);
      for (const [key, value] of Object.entries(map)) {
        if (!isSecretName(key) || !looksLikeSecretValue(value)) continue;
        if (services && isServiceCredentialName(key)) continue;
        reportAt(doc, report, [...place.path, key], {
          resource: place.resource,
          message: `\`${key}\` is set to a literal value; use an encrypted secret`,
        });
      }
    }
  },
};
