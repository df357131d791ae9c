import type { SecretRule } from '../secret-rule.js';

/**
 * Stripe live secret and restricted keys, and webhook signing secrets. Test-mode keys (sk_test_,
 * rk_test_) are not reported: they cannot move money and appear in every tutorial and test suite.
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
    // Paystack live keys share the prefix: sk_live_ and 40 lower-case hex (secrets/paystack-secret-key).
    allow: [/^sk_live_[0-9a-f]{40}$/],
  },
  {
    id: 'secrets/stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Stripe webhook endpoint signing secret (whsec_). Whoever holds it forges events your endpoint accepts ' +
      'as genuine, such as a payment that succeeded or a subscription that renewed. The Stripe CLI prints ' +
      'local ones in the same format.',
    help: {
      bad: "STRIPE_WEBHOOK_SECRET = 'whsec_rx4GBUMog5YEgi8S0pJNZTrKmDK1UUTU'", // rampart-ignore: secrets/* synthetic documentation example
      good: "STRIPE_WEBHOOK_SECRET = ENV.fetch('STRIPE_WEBHOOK_SECRET')",
      fix: 'Roll the endpoint secret in the Stripe dashboard (Webhooks > endpoint > Roll secret) and load it from a secret store.',
    },
    references: [
      'https://docs.stripe.com/webhooks#verify-events',
      'https://docs.stripe.com/webhooks#roll-endpoint-secrets',
    ],
    keywords: ['whsec_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>whsec_[A-Za-z0-9+/]{32,88}={0,2})(?![A-Za-z0-9+/=])/,
  },
];
