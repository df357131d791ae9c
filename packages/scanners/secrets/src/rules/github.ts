import { hasValidBase62Crc32 } from '../checksum.js';
import type { SecretRule } from '../secret-rule.js';

export const GITHUB_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/github-token',
    title: 'GitHub token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A GitHub personal access token (ghp_, github_pat_), OAuth token (gho_), user-to-server (ghu_), ' +
      'server-to-server (ghs_) or refresh token (ghr_). It can read and often write code, packages and workflows. ' +
      'Classic tokens carry a CRC32 checksum; the message says whether it matched.',
    help: {
      bad: "const octokit = new Octokit({ auth: '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' });", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });',
      fix: 'Revoke the token in GitHub settings, then use the GITHUB_TOKEN of Actions, a GitHub App, or a secret store.',
    },
    references: [
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
      'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
    ],
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern:
      /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/,
    checksum: (token) => (token.startsWith('github_pat_') ? undefined : hasValidBase62Crc32(token)),
  },
];
