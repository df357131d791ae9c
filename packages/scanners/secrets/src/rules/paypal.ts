import type { SecretRule } from '../secret-rule.js';

/**
 * PayPal and Braintree (a PayPal service). Sandbox credentials (access_token$sandbox$...) are not
 * reported: they cannot move money.
 */
export const PAYPAL_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/braintree-access-token',
    title: 'Braintree / PayPal access token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Braintree production access token (access_token$production$<merchant>$<secret>), as used by PayPal ' +
      'Express Checkout through the Braintree SDKs. It creates transactions and refunds on the merchant account.',
    help: {
      bad: 'gateway = braintree.BraintreeGateway(access_token="access_token$production$1zsxt0c3dllko5v6$ad09df1fdd9eb8f3c78b75ca4fcb2ae8")', // rampart-ignore: secrets/* synthetic documentation example
      good: 'gateway = braintree.BraintreeGateway(access_token=os.environ["BRAINTREE_ACCESS_TOKEN"])',
      fix: 'Revoke the token in the PayPal developer dashboard, create a new one, and keep it in a secret store.',
    },
    references: [
      'https://developer.paypal.com/braintree/docs/guides/paypal/express-checkout/javascript/v3/',
      'https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials',
    ],
    keywords: ['access_token$production$'],
    pattern:
      /(?<![A-Za-z0-9_$])(?<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/braintree-private-key',
    title: 'Braintree private key',
    severity: 'critical',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Braintree API private key (32 hexadecimal characters) assigned to a BRAINTREE_PRIVATE_KEY-like name or ' +
      'Braintree configuration. With the public key and merchant ID it calls the gateway API: charges, refunds, ' +
      'vaulted cards.',
    help: {
      bad: "Braintree::Configuration.private_key = '16be0c0d903b879e12b7aced1146e8cd'", // rampart-ignore: secrets/* synthetic documentation example
      good: "Braintree::Configuration.private_key = ENV.fetch('BRAINTREE_PRIVATE_KEY')",
      fix: 'Generate a new API key pair in the Braintree Control Panel (API > Keys), delete the old one, and load it from a secret store.',
    },
    references: [
      'https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials#api-keys',
    ],
    keywords: ['braintree'],
    pattern:
      /(?<![A-Za-z0-9])braintree[A-Za-z0-9_.:-]{0,30}?private[_.-]?key["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?(?<secret>[0-9a-f]{32})(?![0-9a-f])/i,
    minEntropy: 3,
  },
  {
    id: 'secrets/paypal-client-secret',
    title: 'PayPal REST client secret',
    severity: 'critical',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A PayPal REST API client secret (80 characters) assigned to a PAYPAL_CLIENT_SECRET-like name. With the ' +
      'client ID it obtains access tokens that create payments, payouts and refunds for the account.',
    help: {
      bad: 'PAYPAL_CLIENT_SECRET=EqiyYsGndL-oYMqiPUB6IikIsTjkQ372sxYD0TAMGhxOFe0EUBvjpy8gd2QquiUUe7jQwM37Rfe_Uj6n', // rampart-ignore: secrets/* synthetic documentation example
      good: 'PAYPAL_CLIENT_SECRET=${PAYPAL_CLIENT_SECRET}',
      fix: 'Generate a new secret for the app in the PayPal developer dashboard, disable the leaked one, and keep secrets in a secret store.',
    },
    references: [
      'https://developer.paypal.com/api/rest/authentication/',
      'https://developer.paypal.com/api/rest/',
    ],
    keywords: ['paypal'],
    pattern:
      /(?<![A-Za-z0-9])paypal[A-Za-z0-9_.-]{0,24}?(?:client[_.-]?)?secret["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?(?<secret>[A-Za-z0-9_-]{80})(?![A-Za-z0-9_-])/i,
    minEntropy: 4,
  },
];
