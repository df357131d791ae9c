import type { SecretRule } from '../secret-rule.js';

/** Rocket.Chat incoming webhook URLs: `/hooks/<17-character integration id>/<48-character token>`. */
export const ROCKETCHAT_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/rocketchat-webhook',
    title: 'Rocket.Chat incoming webhook URL',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Rocket.Chat incoming webhook URL (/hooks/<integration id>/<48-character token>). Anyone holding it posts ' +
      "into the channel as the integration's user, and its script may act on the payload.",
    help: {
      bad: "ROCKETCHAT_HOOK = 'https://chat.acme.io/hooks/WFJRwmZ1hjI6W4LNf/ojPv8h2yn33vysmi6Y3o93uMI94CLh2TvPg010eX9MnvSgJk'", // rampart-ignore: secrets/* synthetic documentation example
      good: "ROCKETCHAT_HOOK = os.environ['ROCKETCHAT_HOOK_URL']",
      fix: 'Delete or regenerate the integration (Administration > Integrations), and keep the new URL in a secret store.',
    },
    references: ['https://docs.rocket.chat/docs/integrations'],
    keywords: ['/hooks/'],
    pattern: /\/hooks\/[A-Za-z0-9]{17}\/(?<secret>[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/,
  },
];
