import type { SecretRule } from '../secret-rule.js';

/** Our own server's API tokens: `rpt_` and 32 random bytes in base64url (see packages/server/src/auth/secrets.ts). */
export const RAMPART_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/rampart-api-token',
    title: 'Rampart server API token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An API token of a Rampart server (rpt_). An ingest token lets anyone upload scans that mark findings fixed; ' +
      'a read token shows every finding of its projects, a map of their weaknesses.',
    help: {
      bad: 'RAMPART_TOKEN=rpt_Qf3k9ZtX2mLw8VbN4cR7yH1pJ6sD0aGuE5iKoT_-xYz', // rampart-ignore: secrets/* synthetic documentation example
      good: 'RAMPART_TOKEN=${{ secrets.RAMPART_TOKEN }}',
      fix: 'Revoke the token on the server (DELETE /api/v1/tokens/<id>), create a new one and keep it in the CI secret store.',
    },
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html'],
    keywords: ['rpt_'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>rpt_[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
  },
];
