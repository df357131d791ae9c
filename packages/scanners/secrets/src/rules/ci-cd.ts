import type { SecretRule } from '../secret-rule.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * CI/CD, code quality and developer tooling. These tokens sit next to the build: they read source and
 * pipeline secrets, trigger builds and publish results, the usual first step of a supply-chain attack.
 */
export const CI_CD_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/buildkite-token',
    title: 'Buildkite API access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Buildkite user API access token (bkua_). With its scopes it triggers builds, reads build logs and ' +
      'artifacts and changes pipelines of the organisations it can access.',
    help: {
      bad: 'BUILDKITE_API_TOKEN=bkua_80ee8a3275dddb42f3cb5a0a2ea09ece91f10d15', // rampart-ignore: secrets/* synthetic documentation example
      good: 'BUILDKITE_API_TOKEN=${BUILDKITE_API_TOKEN}',
      fix: 'Revoke the token under Personal Settings > API Access Tokens in Buildkite, create one with the least scopes and keep it in a secret store.',
    },
    references: ['https://buildkite.com/docs/apis/managing-api-tokens'],
    keywords: ['bkua_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>bkua_[0-9a-f]{40})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/circleci-token',
    title: 'CircleCI API token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A CircleCI personal API token (CCIPAT_) or project API token (CCIPRJ_). It triggers pipelines, reads ' +
      'build output and, for a personal token, the environment variables and contexts of its user.',
    help: {
      bad: 'CIRCLECI_TOKEN=CCIPAT_vpGYQFs6TvOmlcckzjxBlw_ea3f0f771c956848365f57d45e1a5cc6b6d19d11', // rampart-ignore: secrets/* synthetic documentation example
      good: 'CIRCLECI_TOKEN=${CIRCLECI_TOKEN}',
      fix: 'Delete the token in CircleCI (User Settings > Personal API Tokens or the project settings), create a new one and keep it in a secret store.',
    },
    references: ['https://circleci.com/docs/managing-api-tokens/'],
    keywords: ['ccipat_', 'cciprj_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>CCIP(?:AT|RJ)_[A-Za-z0-9]{16,30}_[0-9a-f]{40})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/sonar-token',
    title: 'SonarQube / SonarCloud token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A SonarQube or SonarCloud user token (squ_), project analysis token (sqp_) or global analysis token ' +
      '(sqa_). It uploads analyses and, for a user token, reads the source code and findings its user can see.',
    help: {
      bad: 'sonar.token=squ_1615baff8fca3ed7b501776c7457c1a572c8fc82', // rampart-ignore: secrets/* synthetic documentation example
      good: 'sonar.token=${env.SONAR_TOKEN}',
      fix: 'Revoke the token under My Account > Security, create a project analysis token and pass it as SONAR_TOKEN from CI secrets.',
    },
    references: ['https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/'],
    keywords: ['squ_', 'sqp_', 'sqa_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>sq[uap]_[0-9a-f]{40})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/snyk-api-token',
    title: 'Snyk API token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Snyk API token (a UUID) assigned to a Snyk token or key name or passed to snyk auth. It reads the ' +
      'vulnerability reports of every project of its user, a map of what to attack.',
    help: {
      bad: 'SNYK_TOKEN=4e4ae302-ac76-4d36-a225-1b2607d167f3', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SNYK_TOKEN=${SNYK_TOKEN}',
      fix: 'Revoke and regenerate the token in Snyk account settings, prefer a service account token, and keep it in CI secrets.',
    },
    references: ['https://docs.snyk.io/snyk-api/authentication-for-api'],
    keywords: ['snyk'],
    pattern: new RegExp(
      `(?:(?:[Ss]nyk|SNYK)[A-Za-z0-9_.-]{0,24}(?:[Tt]oken|TOKEN|[Kk]ey|KEY)["']?\\s{0,4}[:=]{1,3}>?\\s{0,4}["']?|` +
        `(?<![A-Za-z])snyk\\s{1,4}auth\\s{1,4})(?<secret>${UUID})(?![A-Za-z0-9-])`,
    ),
  },
  {
    id: 'secrets/codecov-upload-token',
    title: 'Codecov upload token',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Codecov repository or global upload token (a UUID) assigned to a Codecov token name (CODECOV_TOKEN). It uploads coverage reports in the name of the repository.',
    help: {
      bad: 'CODECOV_TOKEN=afaf2db5-34bb-43ce-a2b6-24eb88325d53', // rampart-ignore: secrets/* synthetic documentation example
      good: 'CODECOV_TOKEN=${CODECOV_TOKEN}',
      fix: 'Regenerate the upload token in the repository settings on Codecov and pass it from CI secrets, or use OIDC uploads.',
    },
    references: ['https://docs.codecov.com/docs/codecov-tokens'],
    keywords: ['codecov'],
    pattern: new RegExp(
      `(?:[Cc]odecov|CODECOV)[A-Za-z0-9_.-]{0,24}(?:[Tt]oken|TOKEN)["']?\\s{0,4}[:=]{1,3}>?\\s{0,4}["']?(?<secret>${UUID})(?![A-Za-z0-9-])`,
    ),
  },
  {
    id: 'secrets/harness-pat',
    title: 'Harness access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Harness personal access token (pat.) or service account token (sat.): account id, token id and ' +
      'secret separated by dots. It runs and edits pipelines and reads the connectors and secrets they use.',
    help: {
      bad: 'HARNESS_API_KEY=pat.6Pg_eYNX8HMed5YSUL2f21.4d299b4fcd5e15658ced0265.Dox7uaqDlxbGsboZshU4', // rampart-ignore: secrets/* synthetic documentation example
      good: 'HARNESS_API_KEY=${HARNESS_API_KEY}',
      fix: 'Delete the token under My Profile > My API Keys (or the service account) in Harness, create one with an expiry and keep it in a secret store.',
    },
    references: ['https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/'],
    keywords: ['pat.', 'sat.'],
    pattern:
      /(?<![A-Za-z0-9_.-])(?<secret>[ps]at\.[A-Za-z0-9_-]{22}\.[0-9a-f]{24}\.[A-Za-z0-9]{20})(?![A-Za-z0-9_.-])/,
  },
  {
    id: 'secrets/octopus-deploy-api-key',
    title: 'Octopus Deploy API key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An Octopus Deploy API key (API- followed by upper-case letters and digits). It creates releases and ' +
      'deploys them to every environment its user may, and reads project variables.',
    help: {
      bad: 'octo create-release --project Web --server https://deploy.corp.internal --apiKey API-88JY07IR91Z7JCQUIO892OAU0Y', // rampart-ignore: secrets/* synthetic documentation example
      good: 'octo create-release --project Web --server https://deploy.corp.internal --apiKey "$OCTOPUS_API_KEY"',
      fix: 'Revoke the key under Profile > My API Keys in Octopus, create one with an expiry and pass it from CI secrets.',
    },
    references: ['https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key'],
    keywords: ['api-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>API-(?=[A-Z]{0,31}[0-9])[A-Z0-9]{26,32})(?![A-Za-z0-9_-])/,
    minEntropy: 3.5,
  },
  {
    id: 'secrets/infracost-api-key',
    title: 'Infracost API key',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Infracost API key (ico-). It queries the pricing API on your quota and, for Infracost Cloud, reads ' +
      'the cost estimates of your pull requests, which describe your infrastructure.',
    help: {
      bad: 'INFRACOST_API_KEY=ico-AxjBMyVzZRORBje33l7g0SWJvNavcFPy', // rampart-ignore: secrets/* synthetic documentation example
      good: 'INFRACOST_API_KEY=${INFRACOST_API_KEY}',
      fix: 'Rotate the key in Infracost Cloud (Org Settings > API key) and pass it from CI secrets.',
    },
    references: ['https://www.infracost.io/docs/integrations/environment_variables/'],
    keywords: ['ico-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>ico-[A-Za-z0-9]{32})(?![A-Za-z0-9_-])/,
    minEntropy: 3.5,
  },
  {
    id: 'secrets/prefect-api-key',
    title: 'Prefect Cloud API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Prefect Cloud API key (pnu_ for users). It runs and edits flows and deployments and reads the blocks ' +
      'of the workspaces, which store credentials for databases and clouds.',
    help: {
      bad: 'PREFECT_API_KEY=pnu_3YKNC5NUiLk3KRKE1OAuC6F9Tr2nAEZ3JYu9', // rampart-ignore: secrets/* synthetic documentation example
      good: 'PREFECT_API_KEY=${PREFECT_API_KEY}',
      fix: 'Delete the key under Settings > API keys in Prefect Cloud, use a service account key with an expiry, and keep it in a secret store.',
    },
    references: ['https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys'],
    keywords: ['pnu_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>pnu_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/sourcegraph-access-token',
    title: 'Sourcegraph access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Sourcegraph access token (sgp_). It searches and reads the code of every repository its user can see ' +
      'on the instance, including private ones.',
    help: {
      bad: 'SRC_ACCESS_TOKEN=sgp_304928c3b1d688de_057604c531aeeabc95a69c2391e06a35b4fbc3a3', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SRC_ACCESS_TOKEN=${SRC_ACCESS_TOKEN}',
      fix: 'Delete the token under Settings > Access tokens on the Sourcegraph instance, create a new one and keep it in a secret store.',
    },
    references: ['https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token'],
    keywords: ['sgp_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>sgp_(?:[0-9a-f]{16}_|local_)?[0-9a-f]{40})(?![A-Za-z0-9_])/,
  },
];
