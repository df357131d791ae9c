import type { SecretRule } from '../secret-rule.js';

/** Gitea and Forgejo (Codeberg) access tokens: 40 hex characters with a Gitea-like name around. */
export const GITEA_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/gitea-token',
    title: 'Gitea / Forgejo access token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Gitea or Forgejo (Codeberg) access token (40 hexadecimal characters) assigned to a GITEA_TOKEN, ' +
      "FORGEJO_TOKEN or CODEBERG_TOKEN-like name. Within its scopes it reads and writes the owner's " +
      'repositories, packages and organisations.',
    help: {
      bad: 'GITEA_TOKEN=42e3ea34481c5f08ec425e7c392ed4a07c2d86ab', // rampart-ignore: secrets/* synthetic documentation example
      good: 'GITEA_TOKEN=${{ secrets.GITEA_TOKEN }}',
      fix: 'Delete the token (Settings > Applications > Access tokens) and create a new one with minimal scopes, kept in CI secrets.',
    },
    references: [
      'https://docs.gitea.com/development/api-usage#generating-and-listing-api-tokens',
      'https://forgejo.org/docs/latest/user/token-scope/',
    ],
    keywords: ['gitea', 'forgejo', 'codeberg'],
    pattern:
      /(?<![A-Za-z0-9])(?:gitea|forgejo|codeberg)[A-Za-z0-9_.-]{0,20}?(?:token|pat|password|api[_.-]?key)["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?(?<secret>[0-9a-f]{40})(?![0-9a-f])/i,
    minEntropy: 3,
  },
];
