import type { SecretRule } from '../secret-rule.js';

const API_KEYS = 'https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/';

/** Scaleway API keys: an access key (SCW...) and a UUID secret key. */
export const SCALEWAY_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/scaleway-access-key',
    title: 'Scaleway access key',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Scaleway API access key (SCW followed by 17 characters). It identifies an API key; the UUID secret key ' +
      'is usually next to it, and the pair acts as the IAM application or user that owns it.',
    help: {
      bad: 'SCW_ACCESS_KEY=SCW03ACNNIKZMEXMA479', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SCW_ACCESS_KEY=${SCW_ACCESS_KEY}',
      fix: 'Delete the API key in the IAM console and create a new one, scoped by policy, kept in a secret store.',
    },
    references: [API_KEYS, 'https://www.scaleway.com/en/docs/iam/concepts/#api-key'],
    keywords: ['scw'],
    // At least one digit: upper-case words that start with SCW are not keys.
    pattern: /(?<![A-Za-z0-9])(?<secret>SCW(?=[A-Z]{0,16}[0-9])[A-Z0-9]{17})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/scaleway-secret-key',
    title: 'Scaleway secret key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Scaleway API secret key (a UUID) assigned to an SCW_SECRET_KEY-like name. It authenticates API calls ' +
      'as the IAM application or user that owns it: instances, storage, databases, billing.',
    help: {
      bad: 'SCW_SECRET_KEY=055ff62e-4d05-4eb3-b217-a2386a1c9278', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SCW_SECRET_KEY=${SCW_SECRET_KEY}',
      fix: 'Delete the API key in the IAM console, review the audit trail, and create a new key with a narrow policy stored in a secret store.',
    },
    references: [
      API_KEYS,
      'https://www.scaleway.com/en/docs/iam/reference-content/scaleway-configuration-file/',
    ],
    keywords: ['scw', 'scaleway'],
    pattern:
      /(?<![A-Za-z0-9])(?:scw|scaleway)[_.-]?secret[_.-]?key["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/i,
  },
];
