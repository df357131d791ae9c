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
    // Not after a dot: `xoxe.xoxp-` is a configuration token (secrets/slack-config-token).
    pattern: /(?<![A-Za-z0-9.])(?<secret>xox[bpars]-[0-9]{1,14}-[A-Za-z0-9-]{20,250})/,
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
  {
    id: 'secrets/slack-app-token',
    title: 'Slack app-level token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Slack app-level token (xapp-). It opens Socket Mode connections that receive the events of every ' +
      "workspace the app is installed in, and lists the app's installations when it has that scope.",
    help: {
      bad: 'SLACK_APP_TOKEN=xapp-1-A0TU3FLB4WD-4699325050748-9168323135210fe9dd4f4d79cfe032992a7c00bd5ba36e66bff75d94dd62856b', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SLACK_APP_TOKEN=${SLACK_APP_TOKEN}',
      fix: 'Revoke the token in the app settings (Basic Information > App-Level Tokens), generate a new one and load it from the environment.',
    },
    references: ['https://api.slack.com/authentication/token-types#app-level', BEST_PRACTICES],
    keywords: ['xapp-'],
    pattern:
      /(?<![A-Za-z0-9])(?<secret>xapp-[0-9]-[A-Z0-9]{6,20}-[0-9]{6,20}-[A-Za-z0-9]{32,128})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/slack-config-token',
    title: 'Slack configuration token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Slack app configuration access token (xoxe.xoxp- or xoxe.xoxb-). It creates, updates and deletes ' +
      'apps through the App Manifest API, including their scopes and redirect URLs.',
    help: {
      bad: 'SLACK_CONFIG_TOKEN=xoxe.xoxp-1-6gJqTQpKF4H1r0B6gI0G3jNIVTN6B4kFXt8V8hIY1PvYEyosaqJEPuqLtsU2tB5zoOEbsjYFZrsPo5kGj9gr0T08jFWRvrOU8Gwcm4J6guDdQoSEr49tJPEUFuO73g5VeiDsowQflUjG81L8Le8', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SLACK_CONFIG_TOKEN=${SLACK_CONFIG_TOKEN}',
      fix: 'Revoke the token (tooling.tokens.rotate or the app configuration page), and keep configuration tokens out of repositories.',
    },
    references: ['https://api.slack.com/authentication/config-tokens', BEST_PRACTICES],
    keywords: ['xoxe.xox'],
    pattern: /(?<![A-Za-z0-9])(?<secret>xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{100,300})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/slack-config-refresh-token',
    title: 'Slack configuration refresh token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Slack configuration refresh token (xoxe-). It mints new configuration access tokens, which manage the ' +
      "workspace's apps through the App Manifest API.",
    help: {
      bad: 'SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-Qh0wjPBsdkQfJmgulxtgHQaeySJUKjBo6N9VrEFrTwfQ7B062pUtlu9uZfT8WEqBOXRUWN1NTp24uapSZkNsDyTMN5p3i1kFXwmFXuvfhZnsSKNyTk3fYJJ7mOMvxN1aSIC3Ph9iDpGy', // rampart-ignore: secrets/* synthetic documentation example
      good: 'SLACK_CONFIG_REFRESH_TOKEN=${SLACK_CONFIG_REFRESH_TOKEN}',
      fix: 'Revoke the token pair from the app configuration page and generate a new one, kept in a secret store.',
    },
    references: ['https://api.slack.com/authentication/config-tokens#rotating', BEST_PRACTICES],
    keywords: ['xoxe-'],
    pattern: /(?<![A-Za-z0-9.])(?<secret>xoxe-[0-9]-[A-Za-z0-9]{100,300})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/slack-workflow-webhook',
    title: 'Slack workflow webhook URL',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Slack Workflow Builder webhook or trigger URL (hooks.slack.com/workflows/ or /triggers/). Anyone ' +
      'holding it starts the workflow with their own inputs, which then posts into channels as the workflow.',
    help: {
      bad: "WORKFLOW_URL = 'https://hooks.slack.com/workflows/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'", // rampart-ignore: secrets/* synthetic documentation example
      good: "WORKFLOW_URL = os.environ['SLACK_WORKFLOW_URL']",
      fix: 'Delete and recreate the workflow trigger in Workflow Builder, and keep its URL in a secret store.',
    },
    references: [
      'https://slack.com/help/articles/360041352714-Build-a-workflow--Create-a-workflow-that-starts-outside-of-Slack',
    ],
    keywords: ['hooks.slack.com'],
    pattern:
      /hooks\.slack\.com\/(?:workflows|triggers)\/T[A-Z0-9]{6,12}\/(?:[A-Z0-9]{6,14}\/)?[0-9]{6,24}\/(?<secret>[A-Za-z0-9]{20,64})(?![A-Za-z0-9])/,
  },
];
