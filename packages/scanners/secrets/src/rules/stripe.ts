import type { SecretRule } from '../secret-rule.js';

/**
 * Stripe live secret and restricted keys. Test-mode keys (sk_test_, rk_test_) are not reported: they
 * cannot move money and appear in every tutorial and test suite.
 */
export const STRIPE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/stripe-secret-key',
    title: 'Stripe live secret key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Stripe live-mode secret key (sk_live_) or restricted key (rk_live_). It creates charges, refunds and ' +
      'payouts and reads customer data on the account.',
    help: {
      bad: "Stripe.api_key = 'sk_live_7dt34t2FKpUGqBU2PLzEjXPuTxKMiJWbRGz6SSMH'", // rampart-ignore: secrets/* synthetic documentation example
      good: "Stripe.api_key = ENV.fetch('STRIPE_SECRET_KEY')",
      fix: 'Roll the key in the Stripe dashboard, then load it from a secret store; prefer restricted keys with minimal permissions.',
    },
    references: ['https://docs.stripe.com/keys', 'https://docs.stripe.com/keys-best-practices'],
    keywords: ['sk_live_', 'rk_live_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>[rs]k_live_[A-Za-z0-9]{20,247})/,
  },
];
