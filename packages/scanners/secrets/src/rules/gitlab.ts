import type { SecretRule } from '../secret-rule.js';

export const GITLAB_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/gitlab-token',
    title: 'GitLab personal access token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitLab personal access token (glpat-). Depending on its scopes it reads or writes repositories, ' +
      'registries and the API as its owner.',
    help: {
      bad: 'GITLAB_TOKEN=glpat-J-HuKi29YhobvDjYgE4B', // rampart-ignore: secrets/* synthetic documentation example
      good: 'GITLAB_TOKEN=$CI_JOB_TOKEN',
      fix: 'Revoke the token in GitLab, then use CI_JOB_TOKEN, a project or group access token kept in CI/CD variables, or a secret store.',
    },
    references: [
      'https://docs.gitlab.com/ee/user/profile/personal_access_tokens.html',
      'https://docs.gitlab.com/ee/security/token_overview.html',
    ],
    keywords: ['glpat-'],
    // No trailing boundary: newer, longer formats are cut at 100 characters and still reported.
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,100})/,
  },
];
