import type { SecretRule } from '../secret-rule.js';

/**
 * Mattermost incoming webhooks. Servers are self-hosted, so the URL alone (`/hooks/<26 characters>`) says
 * nothing: the host or the variable name must say Mattermost.
 */
export const MATTERMOST_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/mattermost-webhook',
    title: 'Mattermost incoming webhook URL',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Mattermost incoming webhook URL (/hooks/<26-character id>) on a Mattermost host or assigned to a ' +
      'MATTERMOST_WEBHOOK-like name. Anyone holding it posts into the channel, often with any username and icon.',
    help: {
      bad: 'MATTERMOST_WEBHOOK_URL=https://chat.acme.io/hooks/6gwsh0fadz2xll0ymldwtxhhir', // rampart-ignore: secrets/* synthetic documentation example
      good: 'MATTERMOST_WEBHOOK_URL=${MATTERMOST_WEBHOOK_URL}',
      fix: 'Delete the webhook (Integrations > Incoming Webhooks), create a new one, and disable username and icon overrides.',
    },
    references: ['https://developers.mattermost.com/integrate/webhooks/incoming/'],
    keywords: ['mattermost'],
    pattern:
      /(?:https?:\/\/(?:[A-Za-z0-9-]{1,63}\.)?mattermost[A-Za-z0-9.-]{0,100}(?::[0-9]{1,5})?|(?<![A-Za-z0-9])mattermost[A-Za-z0-9_.-]{0,30}["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?https?:\/\/[A-Za-z0-9.-]{1,200}(?::[0-9]{1,5})?)\/hooks\/(?<secret>[a-z0-9]{26})(?![A-Za-z0-9])/i,
  },
];
