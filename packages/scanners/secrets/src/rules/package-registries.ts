import type { SecretRule } from '../secret-rule.js';

/**
 * Package and artifact registries (npm has its own file). A publish token is a supply-chain attack
 * waiting to happen: the next version of your package runs on every machine that installs it.
 */
export const PACKAGE_REGISTRY_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/pypi-upload-token',
    title: 'PyPI API token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A PyPI API token (pypi-AgEIcHlwaS5vcmc..., a macaroon issued by pypi.org). It uploads new releases of ' +
      'every project in its scope, which then install on every machine that depends on them.',
    help: {
      bad: 'password = pypi-AgEIcHlwaS5vcmcw5jKMdHU9m9vmsgXqltPn3yzjPQfA-3LI1z6f_P_cCva2iRaf0WQbXG3dkg9ptOvY2uut4jgHX7bRshlgiZjI4yCP23cL_SxpIPZ41K2d6Wl-kOh5r8JVqLh_T9JBxuzfId4TW61pgeTlZIY-nDhLk', // rampart-ignore: secrets/* synthetic documentation example
      good: 'password = ${PYPI_TOKEN}',
      fix: 'Remove the token under Account settings > API tokens on PyPI, then publish with trusted publishing (OIDC) or a project-scoped token from CI secrets.',
    },
    references: ['https://pypi.org/help/#apitoken', 'https://docs.pypi.org/trusted-publishers/'],
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,2000})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/rubygems-api-key',
    title: 'RubyGems API key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A RubyGems.org API key (rubygems_ followed by 48 hex digits). With the push scope it releases new ' +
      'versions of your gems; other scopes yank versions and manage owners.',
    help: {
      bad: ':rubygems_api_key: rubygems_4b793464b6e759ee8d9b59ebedbd55b1f6cb15e1710a8ee0', // rampart-ignore: secrets/* synthetic documentation example
      good: ':rubygems_api_key: <%= ENV.fetch("GEM_HOST_API_KEY") %>',
      fix: 'Delete the key on the RubyGems.org API keys page, then publish with trusted publishing or a key scoped to one gem with MFA enforced.',
    },
    references: [
      'https://guides.rubygems.org/api-key-scopes/',
      'https://guides.rubygems.org/trusted-publishing/',
    ],
    keywords: ['rubygems_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>rubygems_[0-9a-f]{48})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/nuget-api-key',
    title: 'NuGet API key',
    severity: 'critical',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A nuget.org API key (oy2 followed by 43 lower-case letters and digits, 46 in all). It ' +
      'pushes new versions of the packages in its scope, or unlists them.',
    help: {
      bad: 'dotnet nuget push out/*.nupkg --api-key oy22kxms8nhsojep6l3xne8a2s1nat811o6vss5znn7si7 --source https://api.nuget.org/v3/index.json', // rampart-ignore: secrets/* synthetic documentation example
      good: 'dotnet nuget push out/*.nupkg --api-key "$NUGET_API_KEY" --source https://api.nuget.org/v3/index.json',
      fix: 'Delete or regenerate the key under API Keys on nuget.org, then publish with trusted publishing or a key scoped to one package glob from CI secrets.',
    },
    references: ['https://learn.microsoft.com/en-us/nuget/nuget-org/scoped-api-keys'],
    keywords: ['oy2'],
    pattern: /(?<![A-Za-z0-9])(?<secret>oy2[a-z0-9]{43})(?![A-Za-z0-9])/,
    minEntropy: 3.8,
  },
  {
    id: 'secrets/dockerhub-pat',
    title: 'Docker Hub access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Docker Hub personal access token (dckr_pat_) or organisation access token (dckr_oat_). With write ' +
      'access it pushes images over your tags, which every pull then runs.',
    help: {
      bad: 'echo dckr_pat_THinMizv2H-p8iZJKFUkIpw0RQW | docker login -u ci-bot --password-stdin', // rampart-ignore: secrets/* synthetic documentation example
      good: 'echo "$DOCKERHUB_TOKEN" | docker login -u ci-bot --password-stdin',
      fix: 'Delete the token under Account settings > Personal access tokens on Docker Hub, create a read-only or repository-scoped one, and keep it in CI secrets.',
    },
    references: ['https://docs.docker.com/security/for-developers/access-tokens/'],
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{24,40})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/docker-config-auth',
    title: 'Docker registry credentials in config.json',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An "auth" entry of a Docker config.json (a registry host mapped to {"auth": ...}): base64 of user:password ' +
      '(or token) for a ' +
      'container registry. It pulls private images and, usually, pushes over them.',
    help: {
      bad: '{ "auths": { "registry.corp.internal": { "auth": "v59IRUuxYRp1IHCzEWgLUahmWh7ue38UloPU4on4" } } }', // rampart-ignore: secrets/* synthetic documentation example
      good: '{ "credsStore": "desktop", "auths": { "registry.corp.internal": {} } }',
      fix: 'Change the registry password or token, use a credential helper (credsStore) instead of stored auth, and keep config.json out of images and repositories.',
    },
    references: [
      'https://docs.docker.com/reference/cli/docker/login/#credential-stores',
      'https://docs.docker.com/reference/cli/docker/#docker-cli-configuration-file-configjson-properties',
    ],
    // A registry host as the key and "auth" as its first entry: the shape of config.json's "auths".
    keywords: ['"auth"'],
    pattern:
      /"(?:https?:\/\/)?[A-Za-z0-9-]{1,63}\.[A-Za-z0-9.:/_-]{1,150}"\s{0,4}:\s{0,4}\{\s{0,20}"auth"\s{0,4}:\s{0,4}"(?<secret>[A-Za-z0-9+/]{12,1000}={0,2})"/,
    minEntropy: 3.2,
  },
  {
    id: 'secrets/jfrog-api-key',
    title: 'JFrog Artifactory API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A JFrog Artifactory API key (AKCp followed by base62). It reads and deploys artifacts in every ' +
      'repository its user can reach: private packages, images and build outputs.',
    help: {
      bad: 'curl -H "X-JFrog-Art-Api: AKCpxeUI8qSHZSTswWUp8WxuLWDAoX46FCSyYgK2ywPM6xR0levhJRspm8H0r96EZEwOCeS75" https://acme.jfrog.io/artifactory/api/repositories', // rampart-ignore: secrets/* synthetic documentation example
      good: 'curl -H "Authorization: Bearer $JFROG_ACCESS_TOKEN" https://acme.jfrog.io/artifactory/api/repositories',
      fix: 'Revoke the API key in the JFrog user profile (API keys are deprecated), switch to scoped access tokens, and keep them in CI secrets.',
    },
    references: ['https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key'],
    keywords: ['akcp'],
    pattern: /(?<![A-Za-z0-9])(?<secret>AKCp[A-Za-z0-9]{60,80})(?![A-Za-z0-9])/,
    minEntropy: 4,
  },
  {
    id: 'secrets/jfrog-reference-token',
    title: 'JFrog reference token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A JFrog Platform reference token (base64 of "reftkn:01:", so cmVmdGtuOjAxOj...). It is a short handle for ' +
      'an access token with the same rights: read and deploy artifacts, or administer the platform.',
    help: {
      bad: 'ARTIFACTORY_TOKEN=cmVmdGtuOjAxOjqtTxFxETXpanXVX2YdNR5QgKctgKu4Ic5dX1U9SW1ZJnDZKGTa', // rampart-ignore: secrets/* synthetic documentation example
      good: 'ARTIFACTORY_TOKEN=${ARTIFACTORY_TOKEN}',
      fix: 'Revoke the token under Administration > Identity and Access > Access Tokens, create one with an expiry and keep it in CI secrets.',
    },
    references: ['https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens'],
    keywords: ['cmvmdgtuojaxoj'],
    pattern: /(?<![A-Za-z0-9+/])(?<secret>cmVmdGtuOjAxOj[A-Za-z0-9]{40,60})(?![A-Za-z0-9+/])/,
  },
  {
    id: 'secrets/clojars-deploy-token',
    title: 'Clojars deploy token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Clojars deploy token (CLOJARS_ followed by 60 lower-case letters and digits). It deploys new versions ' +
      'of the groups and artifacts in its scope to Clojars.',
    help: {
      bad: ':password "CLOJARS_zey2zfhvidvrvgyzw3qgkc4s9gbndhyu7zxl6324f84rolib2l3ajadu8nq3"', // rampart-ignore: secrets/* synthetic documentation example
      good: ':password :env/clojars_token',
      fix: 'Disable the token on the Clojars deploy tokens page, create one scoped to a single group and keep it in CI secrets.',
    },
    references: ['https://github.com/clojars/clojars-web/wiki/Deploy-Tokens'],
    keywords: ['clojars_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>CLOJARS_[a-z0-9]{60})(?![A-Za-z0-9])/,
  },
];
