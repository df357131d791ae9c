import type { SecretRule } from '../secret-rule.js';

/** Paystack live secret keys: sk_live_ and 40 lower-case hex (Stripe's use mixed-case letters). */
export const PAYSTACK_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/paystack-secret-key',
    title: 'Paystack secret key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Paystack live secret key (sk_live_ and 40 hexadecimal characters). It charges saved cards, refunds, ' +
      'and sends transfers from the merchant balance.',
    help: {
      bad: "PAYSTACK_SECRET_KEY = 'sk_live_7efbf6f7e8e8bf52a8e81b55fa841e007335c89c'", // rampart-ignore: secrets/* synthetic documentation example
      good: "PAYSTACK_SECRET_KEY = os.environ['PAYSTACK_SECRET_KEY']",
      fix: 'Generate new API keys in the Paystack dashboard (Settings > API Keys & Webhooks) and keep the secret key in a secret store.',
    },
    references: ['https://paystack.com/docs/api/authentication/', 'https://paystack.com/docs/api/'],
    keywords: ['sk_live_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>sk_live_[0-9a-f]{40})(?![A-Za-z0-9])/,
  },
];
