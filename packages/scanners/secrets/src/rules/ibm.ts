import type { SecretRule } from '../secret-rule.js';

/** IBM Cloud IAM API keys. They have no prefix: the rule needs an IBM-specific name or command. */
export const IBM_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/ibm-cloud-api-key',
    title: 'IBM Cloud API key',
    severity: 'critical',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An IBM Cloud IAM API key (44 characters) assigned to an IBMCLOUD_API_KEY, IC_API_KEY or iam_apikey-like ' +
      'name, or passed to ibmcloud login --apikey. It obtains IAM tokens as its user or service ID, with all ' +
      'of their access.',
    help: {
      bad: 'ibmcloud login --apikey ALJA0VOw1W_8CDJSw-pW6EkCEMu3j8tpriHrTkOWea5A -r us-south', // rampart-ignore: secrets/* synthetic documentation example
      good: 'ibmcloud login --apikey @/run/secrets/ibmcloud-apikey.json -r us-south',
      fix: 'Delete the API key (Manage > Access (IAM) > API keys), check Activity Tracker, and use trusted profiles or compute-resource identities instead.',
    },
    references: [
      'https://cloud.ibm.com/docs/account?topic=account-userapikey',
      'https://cloud.ibm.com/docs/account?topic=account-manapikey',
    ],
    keywords: ['ibm', 'iam', 'ic_api_key', 'ic-api-key'],
    pattern:
      /(?:(?<![A-Za-z0-9])(?:ibm(?:[_.-]?cloud)?[_.-]?(?:iam[_.-]?)?api[_.-]?key|iam[_.-]?api[_.-]?key|ic[_-]api[_-]key)["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?|ibmcloud\s{1,4}login\b[^\n]{0,100}?\s--apikey[ =]["']?)(?<secret>[A-Za-z0-9_-]{44})(?![A-Za-z0-9_-])/i,
    minEntropy: 4,
  },
];
