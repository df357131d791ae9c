import type { SecretRule } from '../secret-rule.js';

/** Vultr API keys: 36 upper-case characters with a Vultr name around. */
export const VULTR_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/vultr-api-key',
    title: 'Vultr API key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Vultr API key (36 characters) assigned to a VULTR_API_KEY-like name or to api_key in a vultr Terraform ' +
      'provider block. It manages the whole account: instances, snapshots, DNS, billing.',
    help: {
      bad: 'VULTR_API_KEY=8STZQINCT4TFCKLAOBLYL8JH5ANTX4JKTGCC', // rampart-ignore: secrets/* synthetic documentation example
      good: 'VULTR_API_KEY=${VULTR_API_KEY}',
      fix: 'Regenerate the key in the customer portal (Account > API), restrict it to known IP ranges, and keep it in a secret store.',
    },
    references: [
      'https://docs.vultr.com/platform/other/api/regenerate-api-key',
      'https://www.vultr.com/api/',
    ],
    keywords: ['vultr'],
    pattern:
      /(?:(?<![A-Za-z0-9])vultr[A-Za-z0-9_.-]{0,20}?(?:api[_.-]?key|token|key)["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?|provider\s{1,4}"vultr"\s{0,4}\{\s{0,40}api_key\s{0,4}=\s{0,4}")(?<secret>[A-Z0-9]{36})(?![A-Za-z0-9])/i,
    minEntropy: 3.5,
  },
];
