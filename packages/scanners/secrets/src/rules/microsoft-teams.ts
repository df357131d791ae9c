import type { SecretRule } from '../secret-rule.js';

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Microsoft Teams incoming webhooks and the Power Automate / Logic Apps HTTP triggers that replace them. */
export const MICROSOFT_TEAMS_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/teams-webhook',
    title: 'Microsoft Teams incoming webhook URL',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Microsoft Teams incoming webhook URL (<tenant>.webhook.office.com/webhookb2/... or the older ' +
      'outlook.office.com/webhook/...). Anyone holding it posts cards into the channel, a trusted-looking ' +
      'phishing channel.',
    help: {
      bad: 'TEAMS_WEBHOOK=https://acme.webhook.office.com/webhookb2/a3662ea8-bd93-4440-a893-a973d167ba80@8f17723a-5e85-4746-b030-1bd70adff9dc/IncomingWebhook/b634656c9c4e234870d2d11a399ebda4/4869c31b-fb59-4a2e-bc7f-5e8bf0aa9532', // rampart-ignore: secrets/* synthetic documentation example
      good: 'TEAMS_WEBHOOK=${TEAMS_WEBHOOK_URL}',
      fix: 'Remove the Incoming Webhook connector from the channel (or regenerate its URL) and keep the new URL in a secret store.',
    },
    references: [
      'https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    ],
    keywords: ['webhook.office.com', 'outlook.office'],
    pattern: new RegExp(
      String.raw`(?:webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/${GUID}@${GUID}\/IncomingWebhook\/(?<secret>[0-9a-f]{32})\/${GUID}`,
    ),
  },
  {
    id: 'secrets/power-automate-webhook',
    title: 'Power Automate / Logic Apps trigger URL',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An HTTP trigger URL of a Power Automate flow or Azure Logic App (/workflows/<id>/triggers/.../paths/invoke?' +
      '...&sig=), such as a Teams "Workflows" webhook. The sig parameter is the only credential: anyone holding ' +
      'the URL runs the flow with their own input.',
    help: {
      bad: 'url: "https://prod-27.westeurope.logic.azure.com:443/workflows/77a34824aaa76e13f3a9a8cbbcf04a4d/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=kPdnx2nyvgwEIT4kTulkXt4k7wvWfLsd218nMgEqPmm"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'url: "${{ secrets.TEAMS_WORKFLOW_URL }}"',
      fix: "Regenerate the trigger's access key (Logic Apps: Access keys > Regenerate; Power Automate: recreate the trigger) and keep the URL in a secret store.",
    },
    references: [
      'https://learn.microsoft.com/azure/logic-apps/logic-apps-securing-a-logic-app#access-for-inbound-calls-to-request-based-triggers',
      'https://learn.microsoft.com/power-automate/oauth-authentication',
    ],
    keywords: ['/paths/invoke'],
    pattern:
      /\/workflows\/[0-9a-f]{32}\/triggers\/[A-Za-z0-9_-]{1,80}\/paths\/invoke\?[^\s"'<>]{0,400}?(?<=[?&])sig=(?<secret>[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
  },
];
