import type { SecretRule } from '../secret-rule.js';

/** Flutterwave live secret keys. Test keys (FLWSECK_TEST-) are not reported. */
export const FLUTTERWAVE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/flutterwave-secret-key',
    title: 'Flutterwave secret key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Flutterwave live secret key (FLWSECK-<32 hex>-X). It charges customers, issues refunds and sends ' +
      'transfers and payouts from the merchant balance.',
    help: {
      bad: "const flw = new Flutterwave(publicKey, 'FLWSECK-25bbfdd8f657170a48902b65cabe77fa-X');", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const flw = new Flutterwave(publicKey, process.env.FLW_SECRET_KEY);',
      fix: 'Regenerate the API keys in the Flutterwave dashboard (Settings > API Keys) and keep the secret key in a secret store.',
    },
    references: [
      'https://developer.flutterwave.com/docs/authentication',
      'https://developer.flutterwave.com/docs/api-keys',
    ],
    keywords: ['flwseck-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>FLWSECK-[0-9a-fA-F]{32}-X)(?![A-Za-z0-9_-])/,
  },
];
