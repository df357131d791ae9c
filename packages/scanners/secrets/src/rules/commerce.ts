import type { SecretRule } from '../secret-rule.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * E-commerce, banking-data and shipping APIs (card payments are in stripe.ts and the payments files).
 * These keys reach orders, customer addresses and bank data, and some spend money directly.
 */
export const COMMERCE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/shopify-access-token',
    title: 'Shopify access token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Shopify Admin API access token of a custom app (shpat_, shpca_) or legacy private app (shppa_). It ' +
      'reads and changes orders, customers, products and, with some scopes, payouts of the store.',
    help: {
      bad: "session = shopify.Session('acme-store.myshopify.com', '2024-10', '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')", // rampart-ignore: secrets/* synthetic documentation example
      good: "session = shopify.Session('acme-store.myshopify.com', '2024-10', os.environ['SHOPIFY_ADMIN_TOKEN'])",
      fix: 'Uninstall and reinstall the app (or rotate its credentials) in the Shopify admin to revoke the token, and load the new one from a secret store.',
    },
    references: [
      'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/generate-app-access-tokens-admin',
    ],
    keywords: ['shpat_', 'shpca_', 'shppa_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>shp(?:at|ca|pa)_[0-9a-fA-F]{32})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/shopify-shared-secret',
    title: 'Shopify app shared secret',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Shopify app shared secret (shpss_). It signs and verifies webhooks and OAuth requests of the app: an ' +
      'attacker can forge webhooks your app trusts or complete OAuth flows as the app.',
    help: {
      bad: 'SHOPIFY_API_SECRET=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', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SHOPIFY_API_SECRET=${SHOPIFY_API_SECRET}',
      fix: 'Rotate the client secret of the app in the Shopify Partner dashboard and keep it in a secret store.',
    },
    references: ['https://shopify.dev/docs/apps/build/authentication-authorization/client-secrets'],
    keywords: ['shpss_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>shpss_[0-9a-fA-F]{32})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/plaid-access-token',
    title: 'Plaid access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Plaid production or development access token (access-production-<uuid>). With the client id and ' +
      'secret it reads the linked bank accounts: balances, transactions and account holder identity.',
    help: {
      bad: "PLAID_ACCESS_TOKEN = 'access-production-6c33fd8c-bdfb-4717-ae44-5eb8a68e2c34'", // rampart-ignore: secrets/* synthetic documentation example
      good: 'PLAID_ACCESS_TOKEN = vault.read("plaid/items/primary")["access_token"]',
      fix: 'Call /item/access_token/invalidate (or /item/remove) for the item, store access tokens encrypted in your database, never in code.',
    },
    references: [
      'https://plaid.com/docs/api/items/#itemaccess_tokeninvalidate',
      'https://plaid.com/docs/api/tokens/',
    ],
    keywords: ['access-production-', 'access-development-'],
    pattern: new RegExp(
      `(?<![A-Za-z0-9_-])(?<secret>access-(?:production|development)-${UUID})(?![A-Za-z0-9-])`,
    ),
  },
  {
    id: 'secrets/shippo-api-token',
    title: 'Shippo live API token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Shippo live API token (shippo_live_). It buys shipping labels on your account and reads shipments ' +
      'with customer names and addresses. Test tokens (shippo_test_) are not reported.',
    help: {
      bad: "shippo_sdk = Shippo(api_key_header='shippo_live_17f9f893f7bf47b4762ca20b92df50da199f4cf2')", // rampart-ignore: secrets/* synthetic documentation example
      good: "shippo_sdk = Shippo(api_key_header=os.environ['SHIPPO_API_TOKEN'])",
      fix: 'Regenerate the live token in the Shippo API settings and load it from the environment or a secret store.',
    },
    references: ['https://docs.goshippo.com/docs/guides_general/authentication/'],
    keywords: ['shippo_live_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>shippo_live_[0-9a-f]{40})(?![A-Za-z0-9_])/,
  },
];
