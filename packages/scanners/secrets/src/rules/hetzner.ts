import type { SecretRule } from '../secret-rule.js';

/** Hetzner Cloud API tokens: 64 alphanumeric characters with an hcloud/Hetzner name around. */
export const HETZNER_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/hetzner-cloud-token',
    title: 'Hetzner Cloud API token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Hetzner Cloud API token (64 characters) assigned to an HCLOUD_TOKEN-like name or to token in an hcloud ' +
      'Terraform provider block. A read-write token creates and deletes servers, volumes and networks of the project.',
    help: {
      bad: 'HCLOUD_TOKEN=JeY1FIDb8D6ECefvAHXdV02ihxVKzzQpsz5KZeLLckuEVUljG3kEnezA5cjvmgpf', // rampart-ignore: secrets/* synthetic documentation example
      good: 'HCLOUD_TOKEN=${HCLOUD_TOKEN}',
      fix: 'Delete the token in the Cloud Console (Security > API tokens), and create a new one, read-only where possible, kept in a secret store.',
    },
    references: [
      'https://docs.hetzner.com/cloud/api/getting-started/generating-api-token/',
      'https://docs.hetzner.cloud/',
    ],
    keywords: ['hcloud', 'hetzner'],
    pattern:
      /(?:(?<![A-Za-z0-9])(?:hcloud|hetzner)[A-Za-z0-9_.-]{0,20}?(?:token|api[_.-]?key)["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?|provider\s{1,4}"hcloud"\s{0,4}\{\s{0,40}token\s{0,4}=\s{0,4}")(?<secret>[A-Za-z0-9]{64})(?![A-Za-z0-9])/i,
    minEntropy: 4,
  },
];
