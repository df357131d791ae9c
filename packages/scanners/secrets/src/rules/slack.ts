import type { SecretRule } from '../secret-rule.js';

const BEST_PRACTICES = 'https://api.slack.com/authentication/best-practices';

export const SLACK_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/slack-token',
    title: 'Slack token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Slack bot (xoxb-), user (xoxp-), workspace (xoxa-), refresh (xoxr-) or session (xoxs-) token. It reads ' +
      'and posts messages and files in the workspace with the scopes it was granted.',
    help: {
      bad: "client = WebClient(token='xoxb-658679694122-9361657987848-8oqQrt9No97we0oFmvHzxYez')", // rampart-ignore: secrets/* synthetic documentation example
      good: "client = WebClient(token=os.environ['SLACK_BOT_TOKEN'])",
      fix: 'Revoke the token (auth.revoke or the app settings), reinstall the app for a new one, and load it from the environment.',
    },
    references: ['https://api.slack.com/authentication/token-types', BEST_PRACTICES],
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-'],
    pattern: /(?<![A-Za-z0-9])(?<secret>xox[bpars]-[0-9]{1,14}-[A-Za-z0-9-]{20,250})/,
  },
  {
    id: 'secrets/slack-webhook',
    title: 'Slack incoming webhook URL',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Slack incoming webhook URL. Anyone holding it can post messages into the channel, which makes it a ' +
      'convenient phishing channel into the workspace.',
    help: {
      bad: "const hook = 'https://hooks.slack.com/services/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';", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const hook = process.env.SLACK_WEBHOOK_URL;',
      fix: 'Remove the webhook in the app settings (or regenerate it) and keep the new URL in a secret store.',
    },
    references: ['https://api.slack.com/messaging/webhooks', BEST_PRACTICES],
    keywords: ['hooks.slack.com'],
    // The workspace and channel ids stay readable in snippets; only the last segment is secret.
    pattern:
      /hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,14}\/(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])/,
  },
];
