import type { SecretRule } from '../secret-rule.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * Work-management, identity, design, CRM, feature-flag, search, map and social APIs. Each token reads
 * (and usually writes) the business data of one product as its user.
 */
export const SAAS_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/atlassian-api-token',
    title: 'Atlassian API token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Atlassian Cloud API token (ATATT3...). With the e-mail of its user it calls the Jira, Confluence and ' +
      'Bitbucket Cloud APIs as that user: every issue, page and attachment they can see or edit.',
    help: {
      bad: 'JIRA_API_TOKEN=ATATT3xFfGF0gKuoD_YrJr3KL4p0r7HF5t5qa5f9K74B6jf7pwONL-8s-b0Zj2Yie27azZYljTffmiP7u9V0uK0KA3xFqarvAZgAmVgEnAFp55SWxQirdaEFWw7bddhaudFIlnk710sPGsviwi9GqvHYcA9Kuq6rzx8tVQcgA9WaxnATzk26-lzuG9=D18B0966', // rampart-ignore: secrets/* synthetic documentation example
      good: 'JIRA_API_TOKEN=${JIRA_API_TOKEN}',
      fix: 'Revoke the token at id.atlassian.com > Security > API tokens, create one with scopes and an expiry, and keep it in a secret store.',
    },
    references: [
      'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
    ],
    keywords: ['atatt3'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>ATATT3[A-Za-z0-9_=-]{150,250})(?![A-Za-z0-9_=-])/,
  },
  {
    id: 'secrets/okta-api-token',
    title: 'Okta API token',
    severity: 'critical',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An Okta API token (00 followed by 40 characters) sent as "SSWS <token>" or assigned to an Okta token ' +
      'name. It acts with the admin rights of its creator: users, groups, applications and sign-on policies.',
    help: {
      bad: "headers = {'Authorization': 'SSWS 00sssIYo5UaccKLqq24GY5dN455IVHVU-Pr6N-TF14'}", // rampart-ignore: secrets/* synthetic documentation example
      good: "headers = {'Authorization': f\"SSWS {os.environ['OKTA_API_TOKEN']}\"}",
      fix: 'Revoke the token under Security > API > Tokens in the Okta admin console, then use OAuth 2.0 service apps with scoped access tokens.',
    },
    references: ['https://developer.okta.com/docs/guides/create-an-api-token/main/'],
    keywords: ['ssws', 'okta'],
    pattern:
      /(?:SSWS\s{1,4}|(?:[Oo]kta|OKTA)[A-Za-z0-9_.-]{0,16}(?:[Tt]oken|TOKEN|[Kk]ey|KEY)["']?\s{0,4}[:=]{1,3}>?\s{0,4}["']?)(?<secret>00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/,
    minEntropy: 3.5,
  },
  {
    id: 'secrets/linear-api-key',
    title: 'Linear API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Linear personal API key (lin_api_). It reads and writes the issues, projects and comments of every ' +
      'team its user belongs to.',
    help: {
      bad: "const linear = new LinearClient({ apiKey: 'lin_api_Vt82lIcDVGuq8ksU5UpebM3axjwFVyt252jLPyNq' });", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const linear = new LinearClient({ apiKey: process.env.LINEAR_API_KEY });',
      fix: 'Revoke the key under Settings > Security & access in Linear, create a new one and load it from the environment.',
    },
    references: ['https://linear.app/developers/graphql#personal-api-keys'],
    keywords: ['lin_api_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>lin_api_[A-Za-z0-9]{40})(?![A-Za-z0-9_])/,
  },
  {
    id: 'secrets/notion-integration-token',
    title: 'Notion integration token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Notion internal integration token (ntn_, or the older secret_ assigned to a Notion name). It reads ' +
      'and edits every page and database shared with the integration.',
    help: {
      bad: "const notion = new Client({ auth: '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' });", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const notion = new Client({ auth: process.env.NOTION_TOKEN });',
      fix: 'Refresh the secret of the integration under Settings > Integrations in Notion and load it from the environment.',
    },
    references: ['https://developers.notion.com/docs/authorization#internal-integration-auth-flow-set-up'],
    keywords: ['ntn_', 'notion'],
    // ntn_ is distinctive alone; secret_ is a common word, so it needs Notion on the line.
    pattern:
      /(?:(?:[Nn]otion|NOTION)[A-Za-z0-9_.-]{0,24}["']?\s{0,4}(?:[:=]{1,3}>?|\((?:[A-Za-z_]{1,12}\s{0,2}=\s{0,2})?)\s{0,4}["']?(?=secret_)|(?<![A-Za-z0-9_])(?=ntn_))(?<secret>ntn_[A-Za-z0-9]{40,50}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9_])/,
    minEntropy: 3.5,
  },
  {
    id: 'secrets/airtable-pat',
    title: 'Airtable personal access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Airtable personal access token (pat + 14 characters, a dot, 64 hex digits). It reads and writes the ' +
      'records of the bases in its scope and, with schema scopes, changes the bases.',
    help: {
      bad: "base = Api('patqhBcX4vxWjOPyE.bcae9831e7a4c2bd8dda4bf592bb9979ea0107ee91613fade4b817cb90ae199b').base('appq4vXWUZ2C8mHJ7')", // rampart-ignore: secrets/* synthetic documentation example
      good: "base = Api(os.environ['AIRTABLE_TOKEN']).base('appq4vXWUZ2C8mHJ7')",
      fix: 'Delete or regenerate the token in the Airtable developer hub, keep its scopes and bases minimal, and load it from the environment.',
    },
    references: ['https://airtable.com/developers/web/guides/personal-access-tokens'],
    keywords: ['pat'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>pat[A-Za-z0-9]{14}\.[0-9a-f]{64})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/postman-api-key',
    title: 'Postman API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Postman API key (PMAK-). It reads every collection, environment and global of its user, which ' +
      'routinely hold the API keys and passwords used in requests.',
    help: {
      bad: 'POSTMAN_API_KEY=PMAK-0cd33852d01e974593a92e77-195ec92e75b79a66af852b28820cc5147d', // rampart-ignore: secrets/* synthetic documentation example
      good: 'POSTMAN_API_KEY=${POSTMAN_API_KEY}',
      fix: 'Revoke the key under Settings > API keys in Postman, create one with an expiry and keep it in a secret store.',
    },
    references: ['https://learning.postman.com/docs/developer/postman-api/authentication/'],
    keywords: ['pmak-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>PMAK-[0-9a-f]{24}-[0-9a-f]{34})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/figma-pat',
    title: 'Figma personal access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Figma personal access token (figd_). It reads the files, comments and components its user can open ' +
      'and, with write scopes, changes them.',
    help: {
      bad: "headers: { 'X-Figma-Token': 'figd_bp6LDMaOGxuy4do3mYwNUIZgCjDKvwabfNlNleZA' }", // rampart-ignore: secrets/* synthetic documentation example
      good: "headers: { 'X-Figma-Token': process.env.FIGMA_TOKEN }",
      fix: 'Revoke the token under Settings > Security in Figma, create one with the least scopes and an expiry, and load it from the environment.',
    },
    references: ['https://www.figma.com/developers/api#access-tokens'],
    keywords: ['figd_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>figd_[A-Za-z0-9_-]{40,48})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/asana-pat',
    title: 'Asana personal access token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An Asana personal access token (1/<user>:<32 hex> or 2/<user>/<app>:<32 hex>) assigned to an Asana name ' +
      '(ASANA_ACCESS_TOKEN). It reads and writes every task, project and comment its user can reach.',
    help: {
      bad: 'ASANA_ACCESS_TOKEN=2/1895138214274966/6328592807926046:6c783bd71781937253f1ee4f209b4679', // rampart-ignore: secrets/* synthetic documentation example
      good: 'ASANA_ACCESS_TOKEN=${ASANA_ACCESS_TOKEN}',
      fix: 'Deauthorize the token in the Asana developer console, create a new one and keep it in a secret store.',
    },
    references: ['https://developers.asana.com/docs/personal-access-token'],
    keywords: ['asana'],
    pattern:
      /(?:[Aa]sana|ASANA)[A-Za-z0-9_.-]{0,24}["']?\s{0,4}(?:[:=]{1,3}>?|\((?:[A-Za-z_]{1,12}\s{0,2}=\s{0,2})?)\s{0,4}["']?(?<secret>[12]\/[0-9]{10,20}(?:\/[0-9]{10,20})?:[0-9a-f]{32})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/contentful-pat',
    title: 'Contentful personal access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Contentful content management token (CFPAT-). It creates, edits, publishes and deletes content and ' +
      'content models in every space its user can manage.',
    help: {
      bad: "const client = contentful.createClient({ accessToken: 'CFPAT-xofflbUeqXITNWgoKB5aLQPFoQzQ_xo4D8WUi1xPtZk' });", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const client = contentful.createClient({ accessToken: process.env.CONTENTFUL_MANAGEMENT_TOKEN });',
      fix: 'Revoke the token under Settings > CMA tokens in Contentful, create one with an expiry and load it from the environment.',
    },
    references: ['https://www.contentful.com/developers/docs/references/authentication/'],
    keywords: ['cfpat-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>CFPAT-[A-Za-z0-9_-]{40,50})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/hubspot-pat',
    title: 'HubSpot private app access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A HubSpot private app or personal access token (pat-na1-..., pat-eu1-...). It reads and writes CRM ' +
      'contacts, companies and deals in its scopes: customer data at scale.',
    help: {
      bad: "hubspot = HubSpot(access_token='pat-na1-94bf7183-da87-4817-a619-d92be3460b3b')", // rampart-ignore: secrets/* synthetic documentation example
      good: "hubspot = HubSpot(access_token=os.environ['HUBSPOT_ACCESS_TOKEN'])",
      fix: 'Rotate the token of the private app in HubSpot (Settings > Integrations > Private apps) and load it from the environment.',
    },
    references: ['https://developers.hubspot.com/docs/api/private-apps'],
    keywords: ['pat-na', 'pat-eu', 'pat-ap'],
    pattern: new RegExp(`(?<![A-Za-z0-9_-])(?<secret>pat-(?:na|eu|ap)[0-9]-${UUID})(?![A-Za-z0-9-])`),
  },
  {
    id: 'secrets/launchdarkly-api-token',
    title: 'LaunchDarkly API access token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A LaunchDarkly API access token (api- followed by a UUID) assigned to a LaunchDarkly name. It flips ' +
      'feature flags in production and, with a writer or admin role, changes projects and members.',
    help: {
      bad: 'LAUNCHDARKLY_ACCESS_TOKEN=api-40b92700-cb65-487f-ae9a-88211f176963', // rampart-ignore: secrets/* synthetic documentation example
      good: 'LAUNCHDARKLY_ACCESS_TOKEN=${LAUNCHDARKLY_ACCESS_TOKEN}',
      fix: 'Reset or delete the token under Organization settings > Authorization in LaunchDarkly, create one with a custom role and keep it in a secret store.',
    },
    references: ['https://launchdarkly.com/docs/home/account/api'],
    keywords: ['launchdarkly', 'launch_darkly'],
    pattern: new RegExp(
      `(?:[Ll]aunch_?[Dd]arkly|LAUNCH_?DARKLY)[A-Za-z0-9_.-]{0,24}["']?\\s{0,4}[:=]{1,3}>?\\s{0,4}["']?(?<secret>api-${UUID})(?![A-Za-z0-9-])`,
    ),
  },
  {
    id: 'secrets/launchdarkly-sdk-key',
    title: 'LaunchDarkly server-side SDK key',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A LaunchDarkly server-side SDK key (sdk- followed by a UUID) assigned to a LaunchDarkly or LD_SDK_KEY ' +
      'name or passed to the LD client. It downloads every flag rule of the environment, including targeted user lists.',
    help: {
      bad: "ld_client = ldclient.Config('sdk-6c52efe6-0df6-4f5b-a445-a7d542983ad1')", // rampart-ignore: secrets/* synthetic documentation example
      good: "ld_client = ldclient.Config(os.environ['LAUNCHDARKLY_SDK_KEY'])",
      fix: 'Reset the SDK key of the environment in LaunchDarkly (with an expiry for the old one) and load it from the environment.',
    },
    references: ['https://launchdarkly.com/docs/sdk/concepts/client-side-server-side#keys'],
    keywords: ['launchdarkly', 'launch_darkly', 'ldclient', 'ld_sdk_key'],
    pattern: new RegExp(
      `(?:[Ll]aunch_?[Dd]arkly|LAUNCH_?DARKLY|[Ll][Dd][Cc]lient|LDClient|(?<![A-Za-z])(?:LD|ld)_(?:SDK|sdk)_(?:KEY|key))[A-Za-z0-9_.(-]{0,20}["']?\\s{0,4}(?:[:=]{1,3}>?\\s{0,4})?["']?(?<secret>sdk-${UUID})(?![A-Za-z0-9-])`,
    ),
  },
  {
    id: 'secrets/algolia-admin-key',
    title: 'Algolia admin or write API key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An Algolia admin or write API key (32 hex digits) assigned to an Algolia admin/write key name. It ' +
      'overwrites and deletes indices and creates new API keys; search-only keys are public by design.',
    help: {
      bad: 'ALGOLIA_ADMIN_API_KEY=78f2986b117a410f149460efd36b8fca', // rampart-ignore: secrets/* synthetic documentation example
      good: 'ALGOLIA_ADMIN_API_KEY=${ALGOLIA_ADMIN_API_KEY}',
      fix: 'Regenerate the admin key (or delete the write key) under Settings > API Keys in Algolia, and ship only search-only keys to clients.',
    },
    references: ['https://www.algolia.com/doc/guides/security/api-keys/'],
    keywords: ['algolia'],
    pattern:
      /(?:[Aa]lgolia|ALGOLIA)[A-Za-z0-9_.-]{0,24}(?:[Aa]dmin|ADMIN|[Ww]rite|WRITE)[A-Za-z0-9_.-]{0,24}["']?\s{0,4}[:=]{1,3}>?\s{0,4}["']?(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/zapier-webhook-url',
    title: 'Zapier webhook URL',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Zapier "Catch Hook" URL (hooks.zapier.com/hooks/catch/<account>/<hook>). Anyone holding it can feed ' +
      'data into the Zap, which then acts on it: e-mails, CRM records, payments.',
    help: {
      bad: "ZAP_URL = 'https://hooks.zapier.com/hooks/catch/73075031/tfz5l0/'", // rampart-ignore: secrets/* synthetic documentation example
      good: "ZAP_URL = os.environ['ZAPIER_HOOK_URL']",
      fix: 'Turn the Zap off, recreate the trigger to get a new URL, and keep the URL in a secret store; verify a shared secret in the Zap.',
    },
    references: ['https://help.zapier.com/hc/en-us/articles/8496288690317-Trigger-Zaps-from-webhooks'],
    keywords: ['hooks.zapier.com'],
    // The account id stays readable in snippets; the hook id is the secret part.
    pattern:
      /https:\/\/hooks\.zapier\.com\/hooks\/catch\/[0-9]{3,12}\/(?<secret>[a-z0-9]{5,12})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/mapbox-secret-token',
    title: 'Mapbox secret access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Mapbox secret access token (sk.eyJ...). Unlike public pk. tokens it carries secret scopes: uploading ' +
      'and deleting tilesets and styles, and creating more tokens on the account.',
    help: {
      bad: 'MAPBOX_DOWNLOADS_TOKEN=sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6IeVJ7GiZtLkQ7Mc9cQEdeIn0.W41HrWo3bz9_t3OqjOqBBC', // rampart-ignore: secrets/* synthetic documentation example
      good: 'MAPBOX_DOWNLOADS_TOKEN=${MAPBOX_DOWNLOADS_TOKEN}',
      fix: 'Delete the token on the Mapbox access tokens page, create one with the least scopes and keep it out of apps and repositories.',
    },
    references: ['https://docs.mapbox.com/accounts/guides/tokens/'],
    keywords: ['sk.eyj'],
    pattern:
      /(?<![A-Za-z0-9_.-])(?<secret>sk\.eyJ[A-Za-z0-9_-]{20,300}\.[A-Za-z0-9_-]{20,30})(?![A-Za-z0-9_.-])/,
  },
  {
    id: 'secrets/facebook-access-token',
    title: 'Facebook (Meta) access token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Facebook / Meta Graph API access token (EAA followed by 90 or more random letters and digits). It posts ' +
      'and reads as the page, user or app it was issued for.',
    help: {
      bad: "FB_PAGE_ACCESS_TOKEN = 'EAAtXgBQcq0fenIPbP71oAmGa6uLqayrWxh5h9euBipIEp2y88FZqOqohiFVSc1lhFTFSuERapPgbTxuAgLmYjwMxUVDbnOK9DVOikyQIKuFNnH3cjPQLEzLZUv3cr4j1bBPWgrrEOmo7DXDLT3WosGKd'", // rampart-ignore: secrets/* synthetic documentation example
      good: "FB_PAGE_ACCESS_TOKEN = os.environ['FB_PAGE_ACCESS_TOKEN']",
      fix: 'Invalidate the token (change the app secret or remove the app from the page), issue a new one and keep it in a secret store.',
    },
    references: ['https://developers.facebook.com/docs/facebook-login/guides/access-tokens/'],
    // No base64 character may touch it on either side: inside a base64 blob, EAA plus 90 letters is chance.
    keywords: ['eaa'],
    pattern: /(?<![A-Za-z0-9+/])(?<secret>EAA[A-Za-z0-9]{90,400})(?![A-Za-z0-9+/=])/,
    minEntropy: 4.2,
  },
];
