import type { SecretRule } from '../secret-rule.js';

const TOKEN_OVERVIEW = 'https://docs.gitlab.com/ee/security/token_overview.html';

/**
 * GitLab tokens, one rule per prefix so each gets its own severity and advice. No trailing boundary:
 * newer, longer formats (routable tokens) are cut at 100 characters and still reported.
 */
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
    references: ['https://docs.gitlab.com/ee/user/profile/personal_access_tokens.html', TOKEN_OVERVIEW],
    keywords: ['glpat-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,100})/,
  },
  {
    id: 'secrets/gitlab-deploy-token',
    title: 'GitLab deploy token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitLab deploy token (gldt-). Depending on its scopes it clones and pushes to the repository and ' +
      'pulls or pushes container and package registry images, without a user account.',
    help: {
      bad: 'git clone https://gitlab+deploy-token-12:gldt-tAiPb1PsuRKceKS4O3wk@gitlab.com/acme/shop.git', // rampart-ignore: secrets/* synthetic documentation example
      good: 'git clone https://gitlab+deploy-token-12:${DEPLOY_TOKEN}@gitlab.com/acme/shop.git',
      fix: 'Revoke the token (Settings > Repository > Deploy tokens) and keep its replacement in CI/CD variables or a secret store.',
    },
    references: ['https://docs.gitlab.com/ee/user/project/deploy_tokens/', TOKEN_OVERVIEW],
    keywords: ['gldt-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>gldt-[A-Za-z0-9_-]{20,100})/,
  },
  {
    id: 'secrets/gitlab-runner-token',
    title: 'GitLab runner authentication token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitLab runner authentication token (glrt-). Whoever holds it can register a look-alike runner that ' +
      'picks up jobs, with their CI/CD variables, secrets and source code.',
    help: {
      bad: '  token = "glrt-t1_gso66MHUxNz0Mh4Pz0RIxf2Kxbq"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'gitlab-runner register --non-interactive --url https://gitlab.com --token "$RUNNER_TOKEN"',
      fix: 'Delete or reset the runner token in GitLab (CI/CD > Runners), then keep config.toml out of repositories and images.',
    },
    references: ['https://docs.gitlab.com/ee/ci/runners/new_creation_workflow.html', TOKEN_OVERVIEW],
    keywords: ['glrt-', 'glrtr-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glrtr?-[A-Za-z0-9_-]{20,100})/,
  },
  {
    id: 'secrets/gitlab-runner-registration-token',
    title: 'GitLab runner registration token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A legacy GitLab runner registration token (GR1348941...). It registers new runners for the project, ' +
      'group or instance, which then receive jobs with their variables and secrets.',
    help: {
      bad: 'gitlab-runner register --url https://gitlab.com --registration-token GR1348941dTe8yYI3LmyRLv-BZ2uD', // rampart-ignore: secrets/* synthetic documentation example
      good: 'gitlab-runner register --url https://gitlab.com --token "$RUNNER_TOKEN"',
      fix: 'Reset the registration token (CI/CD > Runners), then move to runner authentication tokens created in the UI or API.',
    },
    references: ['https://docs.gitlab.com/ee/ci/runners/new_creation_workflow.html', TOKEN_OVERVIEW],
    keywords: ['gr1348941'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>GR1348941[A-Za-z0-9_-]{20,40})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/gitlab-pipeline-trigger-token',
    title: 'GitLab pipeline trigger token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitLab pipeline trigger token (glptt-). It starts pipelines on any branch of the project, running as ' +
      "the token owner with the project's CI/CD variables.",
    help: {
      bad: 'curl -X POST -F token=glptt-7e7ce5145def04c2085af87b1d3db99ab4cd0765 -F ref=main https://gitlab.com/api/v4/projects/42/trigger/pipeline', // rampart-ignore: secrets/* synthetic documentation example
      good: 'curl -X POST -F token=$TRIGGER_TOKEN -F ref=main https://gitlab.com/api/v4/projects/42/trigger/pipeline',
      fix: 'Revoke the trigger (CI/CD > Pipeline trigger tokens), create a new one, and pass it from a secret store.',
    },
    references: ['https://docs.gitlab.com/ee/ci/triggers/', TOKEN_OVERVIEW],
    keywords: ['glptt-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glptt-[A-Za-z0-9_-]{20,100})/,
  },
  {
    id: 'secrets/gitlab-ci-job-token',
    title: 'GitLab CI/CD job token',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitLab CI/CD job token (glcbt-). It is valid only while its job runs, but during that time it reads ' +
      'the project and every project that allows it, and its packages and registry.',
    help: {
      bad: '# failed job log: remote: HTTP Basic: Access denied for gitlab-ci-token:glcbt-64_d8Yf_yFGfE08foVnhvkl', // rampart-ignore: secrets/* synthetic documentation example
      good: 'git clone https://gitlab-ci-token:${CI_JOB_TOKEN}@gitlab.com/acme/shop.git',
      fix: 'Cancel the job if it still runs (the token dies with it), remove the log or artifact that kept it, and restrict the job token allowlist.',
    },
    references: ['https://docs.gitlab.com/ee/ci/jobs/ci_job_token.html', TOKEN_OVERVIEW],
    keywords: ['glcbt-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glcbt-[A-Za-z0-9_-]{20,100})/,
  },
  {
    id: 'secrets/gitlab-feed-token',
    title: 'GitLab feed token',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      "A GitLab feed token (glft-). It reads the user's RSS and Atom feeds and calendar: activity, issue and " +
      'merge request titles of private projects.',
    help: {
      bad: 'https://gitlab.com/dashboard/issues.atom?feed_token=glft-oeL8w94j4dFRi23JecQi&state=opened', // rampart-ignore: secrets/* synthetic documentation example
      good: 'https://gitlab.com/dashboard/issues.atom?state=opened',
      fix: 'Reset the feed token (User settings > Access tokens > Reset feed token) and keep feed URLs out of shared files.',
    },
    references: ['https://docs.gitlab.com/ee/security/token_overview.html#feed-token'],
    keywords: ['glft-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glft-[A-Za-z0-9_-]{20,100})/,
  },
  {
    id: 'secrets/gitlab-incoming-mail-token',
    title: 'GitLab incoming email token',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitLab incoming email token (glimt-), part of the address that creates issues and merge requests by ' +
      'email. Whoever holds it creates them as the user.',
    help: {
      bad: 'ISSUE_MAILBOX=incoming+acme-shop-42-glimt-qgqiOJce02Wn7nE-6X1YEnn-m-issue@gitlab.com', // rampart-ignore: secrets/* synthetic documentation example
      good: 'ISSUE_MAILBOX=${ISSUE_MAILBOX}',
      fix: 'Reset the incoming email token (User settings > Access tokens) and share the issue email address only with trusted senders.',
    },
    references: [
      'https://docs.gitlab.com/ee/user/project/issues/create_issues.html#by-sending-an-email',
      TOKEN_OVERVIEW,
    ],
    keywords: ['glimt-'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>glimt-[A-Za-z0-9_-]{20,100})/,
  },
  {
    id: 'secrets/gitlab-scim-token',
    title: 'GitLab SCIM token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitLab SCIM token (glsoat-). It provisions and deprovisions users of the group through the SCIM API, ' +
      'so its holder can add accounts to the organisation or lock people out.',
    help: {
      bad: 'scim_token: glsoat-dyhakHCggog3hJQ-GwjF', // rampart-ignore: secrets/* synthetic documentation example
      good: 'scim_token: ${GITLAB_SCIM_TOKEN}',
      fix: 'Reset the SCIM token in the group SAML SSO settings and update it in the identity provider only.',
    },
    references: ['https://docs.gitlab.com/ee/user/group/saml_sso/scim_setup.html', TOKEN_OVERVIEW],
    keywords: ['glsoat-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glsoat-[A-Za-z0-9_-]{20,100})/,
  },
  {
    id: 'secrets/gitlab-agent-token',
    title: 'GitLab agent for Kubernetes token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitLab agent for Kubernetes token (glagent-). It connects an agent to GitLab as the registered agent, ' +
      'so its holder can impersonate the cluster connection used for deployments.',
    help: {
      bad: 'helm upgrade --install acme-agent gitlab/gitlab-agent --set config.token=glagent-s4rrfB-VokykerlbR4FKqTCD2w-z2giCTBToC0L7EHl9p1qe5T', // rampart-ignore: secrets/* synthetic documentation example
      good: 'helm upgrade --install acme-agent gitlab/gitlab-agent --set config.secretName=gitlab-agent-token',
      fix: 'Revoke the agent token (Operate > Kubernetes clusters), create a new one, and store it as a Kubernetes secret, not in values files.',
    },
    references: ['https://docs.gitlab.com/ee/user/clusters/agent/work_with_agent.html', TOKEN_OVERVIEW],
    keywords: ['glagent-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glagent-[A-Za-z0-9_-]{50,100})/,
  },
  {
    id: 'secrets/gitlab-oauth-app-secret',
    title: 'GitLab OAuth application secret',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitLab OAuth application secret (gloas-). With the application ID it exchanges authorization codes ' +
      'and refresh tokens, so its holder can impersonate the application to its users.',
    help: {
      bad: 'GITLAB_OAUTH_SECRET=gloas-b493edb743c79e8996aa69390a50a625b809b82975ba267188ca684df83ff80e', // rampart-ignore: secrets/* synthetic documentation example
      good: 'GITLAB_OAUTH_SECRET=${GITLAB_OAUTH_SECRET}',
      fix: 'Renew the secret in the application settings (Applications > Renew secret) and load it from a secret store.',
    },
    references: ['https://docs.gitlab.com/ee/integration/oauth_provider.html', TOKEN_OVERVIEW],
    keywords: ['gloas-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>gloas-[A-Za-z0-9_-]{20,100})/,
  },
  {
    id: 'secrets/gitlab-feature-flags-client-token',
    title: 'GitLab feature flags client token',
    severity: 'low',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      "A GitLab feature flags client token (glffct-), used by Unleash clients. It only reads the project's " +
      'feature flag definitions, which can still reveal unreleased features and internal names.',
    help: {
      bad: 'UNLEASH_INSTANCE_ID=glffct-ll05yuC9GFxLLduD_LAi', // rampart-ignore: secrets/* synthetic documentation example
      good: 'UNLEASH_INSTANCE_ID=${UNLEASH_INSTANCE_ID}',
      fix: 'Reset the instance ID (Deploy > Feature flags > Configure) and pass it from CI/CD variables.',
    },
    references: ['https://docs.gitlab.com/ee/operations/feature_flags.html', TOKEN_OVERVIEW],
    keywords: ['glffct-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>glffct-[A-Za-z0-9_-]{20,100})/,
  },
];
