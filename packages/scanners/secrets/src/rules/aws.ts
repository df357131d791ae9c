import type { SecretRule } from '../secret-rule.js';

const IAM_KEYS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html';
const IAM_BEST_PRACTICES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html';

/**
 * AWS credentials. AWS's documented example keys (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/...EXAMPLEKEY`)
 * are deliberately not reported: they cannot authenticate, and the `example` stop word drops them.
 */
export const AWS_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An AWS access key ID (AKIA... long-term, ASIA... temporary) identifies an IAM credential. It is half of a key ' +
      'pair, and the secret half is usually committed next to it. Anyone holding both acts as that IAM identity.',
    help: {
      bad: "const accessKeyId = 'AKIAFVU66EYK6IPXTM3A';", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const accessKeyId = process.env.AWS_ACCESS_KEY_ID;',
      fix: 'Deactivate and delete the key in IAM, then use roles, SSO or the default credential chain instead of keys in code.',
    },
    references: [IAM_KEYS, IAM_BEST_PRACTICES],
    keywords: ['akia', 'asia'],
    // Issued IDs look base32 (A-Z, 2-7) after the prefix, but AWS documents no alphabet: accept A-Z 0-9.
    pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A 40-character AWS secret access key assigned to an aws_secret_access_key-like name. With the matching access ' +
      'key ID it signs API requests as that IAM identity, with all of its permissions.',
    help: {
      bad: 'aws_secret_access_key = EcNHU9Smlo1VvulcA+MMHtDZiXqlPEzHkTgh/baD', // rampart-ignore: secrets/* synthetic documentation example
      good: 'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
      fix: 'Deactivate and delete the key pair in IAM, review CloudTrail for its use, and load credentials from the environment or a role.',
    },
    references: [IAM_KEYS, IAM_BEST_PRACTICES],
    keywords: ['secret'],
    pattern:
      /(?:(?:aws[_.-]?)?secret[_.-]?access[_.-]?key|aws[_.-]?secret[_.-]?key)["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    minEntropy: 3.5,
  },
];
