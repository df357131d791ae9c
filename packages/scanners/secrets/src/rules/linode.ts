import type { SecretRule } from '../secret-rule.js';

/** Linode (Akamai Cloud Computing) personal access tokens: 64 hex characters with a Linode name around. */
export const LINODE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/linode-token',
    title: 'Linode personal access token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Linode (Akamai) API personal access token (64 hexadecimal characters) assigned to a LINODE_TOKEN-like ' +
      'name or to token in a linode Terraform provider block. Within its scopes it creates, reads and deletes ' +
      'instances, volumes, DNS and object storage.',
    help: {
      bad: 'LINODE_TOKEN=e718a4eddedf1212b12fa4ec479dfc093ab3f0358710bedfc87302fbbff06776', // rampart-ignore: secrets/* synthetic documentation example
      good: 'LINODE_TOKEN=${LINODE_TOKEN}',
      fix: 'Revoke the token in Cloud Manager (API Tokens), then create one with minimal scopes and an expiry, kept in a secret store.',
    },
    references: [
      'https://techdocs.akamai.com/cloud-computing/docs/manage-personal-access-tokens',
      'https://techdocs.akamai.com/linode-api/reference/get-started',
    ],
    keywords: ['linode'],
    pattern:
      /(?:(?<![A-Za-z0-9])linode[A-Za-z0-9_.-]{0,20}?(?:token|pat|api[_.-]?key)["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?|provider\s{1,4}"linode"\s{0,4}\{\s{0,40}token\s{0,4}=\s{0,4}")(?<secret>[0-9a-f]{64})(?![0-9a-f])/i,
    minEntropy: 3,
  },
];
