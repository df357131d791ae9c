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
      'rule already reported, hashes (by name or format), UUIDs, URLs, file paths and code identifiers.',
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
    // A name that says the value is a hash of the secret (password_hash, hashed_token, token_sha256) is skipped.
    // Lookbehinds only: a lookahead here made recheck's fuzzer run for minutes. The first lookbehind
    // follows the keyword rather than preceding it: V8 then looks for the keyword first (2x faster).
    pattern:
      /(?:password|passwd|pwd|secret|api[_.-]?key|token|auth)(?<!(?:hash(?:ed)?[_.-]?|digest[_.-]?)(?:password|passwd|pwd|secret|api[_.-]?key|token|auth))[A-Za-z0-9_.-]{0,16}(?<!hash|digest|checksum|fingerprint|sha\d{1,3}|md5|salt|author|authors)["']?\s{0,4}[:=]{1,3}>?\s{0,4}["'`](?<secret>[^"'`\s\\]{12,200})["'`]/i,
    minEntropy: 3.5,
    allow: [
      /:\/\//, // URLs: passwords inside them are secrets/database-url-password's job
      /^(?:~|\.{1,2})?\//, // paths
      /\.(?:json|ya?ml|txt|pem|key|crt|env|ini|cfg|conf|toml|properties|html?|js|ts|py)$/i, // file names
      /^[a-z]+(?:[_.-][a-z]+)*$|^[A-Z]+(?:[_.-][A-Z]+)*$/, // identifiers and config keys: refresh_token, GITHUB_TOKEN
      /^_{1,4}[A-Z]{2,20}(?:_{1,2}[A-Z]{2,20}){1,12}_{0,4}$/, // marker constants: __WEBPACK_MODULE_REFERENCE__
      // camelCase, PascalCase and header names: clientSecretBasic, X-Api-Key-Header
      // and parser states: ?NoLineTerminatorHere, ?InterpolationInJSX
      /^[?#@!:]?(?:[a-z]{2,20}|[A-Z][a-z]{0,20}|[A-Z]{2,6})(?:[_.-]?(?:[A-Z][a-z]{1,20}|[A-Z]{2,6})|[_.-][a-z]{2,20}){1,10}$/,
      /[^\t\n\r\x20-\x7e]/, // natural language: "予期しないトークンです" (secrets are ASCII)
      /^[A-Za-z_$][A-Za-z_$]{0,40}(?:\.[A-Za-z_$][A-Za-z_$]{0,40}){1,8}(?:\(\))?$/, // member chains: this.authService.getToken()
      /^[a-z0-9_.-]{1,40}(?:\/[a-z0-9_.-]{1,40}){1,10}\/?$/, // relative paths and secret-store paths: secret/data/prod/db
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // UUIDs: ids, or tokens only a provider rule can tell apart
      /^(?:sha(?:1|224|256|384|512)|sha3-(?:256|512)|md5)[-:=]/i, // digests: sha256:..., sha512-... (SRI)
      /^\$(?:2[abxy]?|[156])\$/, // crypt and bcrypt hashes: $2b$12$...
      // Test-mode and public keys that the provider rules skip on purpose (Stripe, Plaid sandbox, Shippo
      // test, Mapbox public tokens).
      /^(?:[sr]k_test_|pk_(?:test|live)_|access-sandbox-|shippo_test_|pk\.eyJ)/,
    ],
    fallback: true,
  },
];
