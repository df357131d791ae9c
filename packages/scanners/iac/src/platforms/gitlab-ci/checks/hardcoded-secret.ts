import type { IacCheck } from '../../../check.js';
import { isSecretName, isServiceCredentialName, looksLikeSecretValue } from '../../github-actions/secrets.js';
import { imageEntries, reportAt, variableEntries, type GitlabDoc } from '../model.js';

export const check: IacCheck<GitlabDoc> = {
  meta: {
    id: 'iac/gitlab-hardcoded-secret',
    title: 'Hard-coded secret in CI variables',
    severity: 'high',
    cwe: ['CWE-798'],
    description:
      'A password, token or key written in `variables:` of `.gitlab-ci.yml` is visible to everyone who can read the repository, stays in its ' +
      'history, and is not masked in job logs. CI/CD variables defined in the project or group settings (masked and protected) keep the value ' +
      'out of the code.',
    help: {
      bad: [
        'variables:',
        '  DEPLOY_TOKEN: glpat-Xr4Tq9LmZ2vB7kP1sW8y',
        '',
        'deploy:',
        '  script:',
        '    - ./deploy.sh',
        '',
      ].join('\n'),
      good: [
        '# DEPLOY_TOKEN is a masked, protected CI/CD variable in the project settings',
        'deploy:',
        '  script:',
        '    - ./deploy.sh',
        '',
      ].join('\n'),
      fix: 'Revoke the value, then define it as a masked and protected CI/CD variable in the project or group settings (or use an external secrets provider).',
    },
    references: [
      'https://docs.gitlab.com/ee/ci/variables/#define-a-cicd-variable-in-the-ui',
      'https://docs.gitlab.com/ee/ci/secrets/',
    ],
    tags: ['gitlab-ci', 'owasp:A07:2021', 'secrets'],
    precision: 'medium',
    platform: 'gitlab-ci',
  },
  check(doc, report) {
    const hasServices = imageEntries(doc).some((entry) => entry.service);
    for (const entry of variableEntries(doc)) {
      if (!isSecretName(entry.name) || !looksLikeSecretValue(entry.value)) continue;
      if (hasServices && isServiceCredentialName(entry.name)) continue;
      reportAt(doc, report, entry.path, {
        resource: entry.resource,
        message: `\`${entry.name}\` is set to a literal value; use a masked CI/CD variable`,
      });
    }
  },
};
