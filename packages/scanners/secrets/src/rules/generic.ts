import type { SecretRule } from '../secret-rule.js';

export const GENERIC_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/generic-secret-assignment',
    title: 'Hard-coded secret',
    severity: 'medium',
    precision: 'low',
    cwe: ['CWE-798'],
    description:
      'A quoted, random-looking string of 12 or more characters assigned to a name such as password, secret, ' +
      'api_key, token or auth. A catch-all for credentials no specific rule knows; it skips values another ' +
      'rule already reported, URLs, file paths and identifier-like words.',
    help: {
      bad: 'password = "qIYu65*9d1&ROGzY"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'password = os.environ["SERVICE_PASSWORD"]',
      fix: 'Rotate the credential, then read it at runtime from the environment or a secret store.',
    },
    references: [
      'https://cwe.mitre.org/data/definitions/798.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    ],
    keywords: ['pass', 'pwd', 'secret', 'key', 'token', 'auth'],
    pattern:
      /(?:password|passwd|pwd|secret|api[_.-]?key|token|auth)[A-Za-z0-9_.-]{0,16}["']?\s{0,4}[:=]{1,3}>?\s{0,4}["'`](?<secret>[^"'`\s\\]{12,200})["'`]/i,
    minEntropy: 3.5,
    allow: [
      /:\/\//, // URLs: passwords inside them are secrets/database-url-password's job
      /^(?:~|\.{1,2})?\//, // paths
      /\.(?:json|ya?ml|txt|pem|key|crt|env|ini|cfg|conf|toml|properties|html?|js|ts|py)$/i, // file names
      /^[a-z]+(?:[_.-][a-z]+)*$|^[A-Z]+(?:[_.-][A-Z]+)*$/, // identifiers and config keys: refresh_token, GITHUB_TOKEN
    ],
    fallback: true,
  },
];
