import type { SecretRule } from '../secret-rule.js';

/**
 * Razorpay live key secrets. The key ID (rzp_live_...) is public, sent to browsers by Checkout; its
 * secret is not, and is found by name or right after the key ID.
 */
export const RAZORPAY_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/razorpay-key-secret',
    title: 'Razorpay key secret',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Razorpay live-mode key secret (24 characters), assigned to a RAZORPAY_KEY_SECRET-like name or given right ' +
      'after an rzp_live_ key ID. With the key ID it captures and refunds payments and creates payouts.',
    help: {
      bad: 'client = razorpay.Client(auth=("rzp_live_wCxkB0rzxBDuih", "n2VXZcDc7RZee32EVGYObLET"))', // rampart-ignore: secrets/* synthetic documentation example
      good: 'client = razorpay.Client(auth=(os.environ["RAZORPAY_KEY_ID"], os.environ["RAZORPAY_KEY_SECRET"]))',
      fix: 'Regenerate the API key in the Razorpay Dashboard (Account & Settings > API Keys) and load both halves from a secret store.',
    },
    references: [
      'https://razorpay.com/docs/payments/dashboard/account-settings/api-keys/',
      'https://razorpay.com/docs/api/authentication/',
    ],
    keywords: ['razorpay', 'rzp_live_'],
    pattern:
      /(?:(?<![A-Za-z0-9])razorpay[A-Za-z0-9_.-]{0,20}?(?:key[_.-]?)?secret["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?|rzp_live_[A-Za-z0-9]{14}["']?\s{0,4}[,:]\s{0,4}["']?)(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])/i,
    minEntropy: 3.5,
  },
];
