import { hasValidBase62Crc32 } from '../checksum.js';
import type { SecretRule } from '../secret-rule.js';

export const NPM_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/npm-token',
    title: 'npm access token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An npm access token (npm_). A publish-capable token lets anyone release a new version of your packages, ' +
      'a direct supply-chain attack on everyone who installs them. The message says whether its CRC32 checksum matched.',
    help: {
      bad: '//registry.npmjs.org/:_authToken=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', // rampart-ignore: secrets/* synthetic documentation example
      good: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
      fix: 'Revoke the token (npm token revoke or the website), then use trusted publishing or a granular token from CI secrets.',
    },
    references: [
      'https://docs.npmjs.com/about-access-tokens',
      'https://github.blog/2021-09-23-announcing-npms-new-access-token-format/',
    ],
    keywords: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/,
    checksum: hasValidBase62Crc32,
  },
  {
    id: 'secrets/npmrc-auth-token',
    title: 'Registry auth token in .npmrc',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A literal _authToken in .npmrc (or npmAuthToken in .yarnrc.yml) that is not an npm_ token: a legacy ' +
      'UUID npm token or the token of a private registry (Artifactory, Nexus, Verdaccio). It installs private ' +
      'packages and usually publishes them.',
    help: {
      bad: '//npm.corp.internal/repository/npm-private/:_authToken=e3c94901-8d6a-4639-ac55-374ed728525d', // rampart-ignore: secrets/* synthetic documentation example
      good: '//npm.corp.internal/repository/npm-private/:_authToken=${NPM_PRIVATE_TOKEN}',
      fix: 'Revoke the token in the registry, then reference an environment variable in .npmrc (${TOKEN}) and keep the value in CI secrets.',
    },
    references: [
      'https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration',
      'https://yarnpkg.com/configuration/yarnrc#npmAuthToken',
    ],
    keywords: ['_authtoken', 'npmauthtoken'],
    // npm_ and GitHub/GitLab tokens are reported by their own rules.
    pattern:
      /(?:_authToken|npmAuthToken)["']?\s{0,4}[=:]\s{0,4}["']?(?!npm_|gh[oprsu]_|github_pat_|glpat-)(?<secret>[A-Za-z0-9+/=._~-]{20,1024})(?![A-Za-z0-9+/=._~-])/,
    minEntropy: 3,
  },
  {
    id: 'secrets/npmrc-password',
    title: 'Registry password in .npmrc',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A literal _auth (base64 of user:password) or _password (base64 password) in .npmrc. It logs in to the ' +
      'registry as that user: installs private packages and usually publishes them.',
    help: {
      bad: '//npm.corp.internal/repository/npm-private/:_password=D1yt/oJh2r460JW8w91LTm4f', // rampart-ignore: secrets/* synthetic documentation example
      good: '//npm.corp.internal/repository/npm-private/:_password=${NPM_PASSWORD_BASE64}',
      fix: 'Change the registry password, switch to a token, and reference it from the environment in .npmrc (${TOKEN}).',
    },
    references: ['https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration'],
    keywords: ['_auth', '_password'],
    pattern:
      /(?<![A-Za-z0-9])_(?:auth|password)\s{0,4}=\s{0,4}["']?(?<secret>[A-Za-z0-9+/]{8,1000}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 3,
  },
];
