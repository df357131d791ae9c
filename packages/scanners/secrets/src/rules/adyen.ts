import type { SecretRule } from '../secret-rule.js';

/** Adyen API keys (AQE...). The prefix is short, so the rule also needs an Adyen name. */
export const ADYEN_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/adyen-api-key',
    title: 'Adyen API key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Adyen API key (AQE...) assigned to an ADYEN_API_KEY-like name. Depending on its roles it authorises ' +
      'payments, refunds and payouts, and reads shopper and card data of the merchant account.',
    help: {
      bad: 'ADYEN_API_KEY=AQEfFtrp2HvoG/VmCsxPg3mPcjXy1ILy8jB+MowbDzvzUqXf3MN76xWUT1AlAeI==-MMB76Kp9QULnOOnQBw5kaKwnfgI8iuuwTrnwfaf0ia=-fqsJzvF4Tcf1', // rampart-ignore: secrets/* synthetic documentation example
      good: 'ADYEN_API_KEY=${ADYEN_API_KEY}',
      fix: 'Generate a new key for the API credential in the Customer Area, revoke the old one, and load it from a secret store.',
    },
    references: [
      'https://docs.adyen.com/development-resources/api-credentials/',
      'https://docs.adyen.com/development-resources/api-credentials/roles/',
    ],
    keywords: ['adyen'],
    pattern:
      /(?<![A-Za-z0-9])adyen[A-Za-z0-9_.-]{0,24}?(?:api[_.-]?)?key["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?(?<secret>AQE[A-Za-z0-9+/=_.-]{60,400})(?![A-Za-z0-9+/=_.-])/i,
  },
];
