import type { SecretRule } from '../secret-rule.js';

export const PRIVATE_KEY_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/private-key',
    title: 'Private key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    description:
      'A PEM or OpenSSH private key block (RSA, EC, DSA, OPENSSH, PKCS#8, encrypted PKCS#8) or a PGP private key ' +
      'block. It signs or decrypts as its owner: TLS servers, SSH hosts and users, code and package signatures. ' +
      'The header line is reported; the key body is masked.',
    help: {
      bad: '-----BEGIN RSA PRIVATE KEY-----\nMIIEqFeRU+ETm8GhM5JkD0X/ByCGp+vYptr7aPlFxNGwCqxvM0L7AA48A216iteT\nTwDC3UqEaUVmzSqF+cEyAleOJh0Oz6WitHl2DDsnoPAA6zeN0Rz9qKqVQllnF4Jg\n-----END RSA PRIVATE KEY-----', // rampart-ignore: secrets/* synthetic documentation example
      good: 'const key = readFileSync(process.env.TLS_KEY_FILE);',
      fix: 'Treat the key as compromised: revoke and reissue it (certificate, SSH or signing key), then keep keys in a secret store or mounted files outside the repository.',
    },
    references: [
      'https://www.rfc-editor.org/rfc/rfc7468',
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    ],
    keywords: ['private key'],
    // The body may hold literal `\n` escapes (keys inside JSON or .env strings). It cannot contain
    // `-----`, so a header without an END line costs one short scan. At least 64 body characters, so
    // placeholders ("...") and code that only mentions the header do not match.
    pattern:
      /(?<finding>-----BEGIN[ A-Z0-9]{0,24}PRIVATE KEY(?: BLOCK)?-----)(?:\s|\\[nr]){0,8}(?<secret>(?:[^-]|-(?!----)){64,16384}?)(?:\s|\\[nr]){0,8}-----END[ A-Z0-9]{0,24}PRIVATE KEY/,
  },
];
