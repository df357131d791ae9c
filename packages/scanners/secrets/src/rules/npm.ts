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
];
