import type { SecretRule } from '../secret-rule.js';

const CREDENTIALS = 'https://developer.squareup.com/docs/build-basics/access-tokens';

/** Square access tokens and OAuth application secrets. */
export const SQUARE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/square-access-token',
    title: 'Square access token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Square access token (EAAA followed by 60 characters, or the legacy sq0atp-). It takes payments, issues ' +
      'refunds and reads customers and orders of the seller account, within its permissions.',
    help: {
      bad: "client = Square::Client.new(access_token: 'EAAAP5GAjN2hGmUYGprT3hCDD6JIrNvI288tBrjgIF7GKsxnelRFE0K_keGyDGLW')", // rampart-ignore: secrets/* synthetic documentation example
      good: "client = Square::Client.new(access_token: ENV.fetch('SQUARE_ACCESS_TOKEN'))",
      fix: 'Replace the personal access token in the Developer Dashboard (or revoke the OAuth token), and load tokens from a secret store.',
    },
    references: [CREDENTIALS, 'https://developer.squareup.com/docs/oauth-api/revoke-oauth-tokens'],
    keywords: ['eaaa', 'sq0atp-'],
    // Exact length, and not inside base64 (where `EAAA` is common): no base64 character on either side.
    // Before it, `=` is allowed: it pads only the end of base64, and starts the value of an assignment.
    pattern:
      /(?<![A-Za-z0-9_+/-])(?<secret>EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})(?![A-Za-z0-9_+/=-])/,
  },
  {
    id: 'secrets/square-oauth-secret',
    title: 'Square OAuth application secret',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Square OAuth application secret (sq0csp-). With the application ID it exchanges authorization codes and ' +
      'refresh tokens for access tokens of every seller that authorized the application.',
    help: {
      bad: 'SQUARE_APPLICATION_SECRET=sq0csp-Cq-n26zGnPcjeRxdJk8OLXPjVBW7lzYZXIbys37zrao', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SQUARE_APPLICATION_SECRET=${SQUARE_APPLICATION_SECRET}',
      fix: 'Replace the application secret in the Developer Dashboard (OAuth page) and keep the new one in a secret store.',
    },
    references: ['https://developer.squareup.com/docs/oauth-api/overview', CREDENTIALS],
    keywords: ['sq0csp-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sq0csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
  },
];
