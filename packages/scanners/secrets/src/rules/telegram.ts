import type { SecretRule } from '../secret-rule.js';

/** Telegram Bot API tokens: `<bot id>:AA<33 characters>`. */
export const TELEGRAM_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/telegram-bot-token',
    title: 'Telegram bot token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Telegram Bot API token (<bot id>:AA...). It controls the bot: reads the messages users send it, ' +
      'messages every chat and group it is in, and can redirect its webhook to an attacker.',
    help: {
      bad: "bot = telebot.TeleBot('7965413407:AAQFJ01PwscIqMARxhmJrnCQ_PyNYt4fnDZ')", // rampart-ignore: secrets/* synthetic documentation example
      good: "bot = telebot.TeleBot(os.environ['TELEGRAM_BOT_TOKEN'])",
      fix: 'Revoke the token with @BotFather (/revoke), and load the new one from the environment.',
    },
    references: [
      'https://core.telegram.org/bots/api#authorizing-your-bot',
      'https://core.telegram.org/bots/features#botfather',
    ],
    keywords: [':aa'],
    // Also inside API URLs: https://api.telegram.org/bot<token>/sendMessage.
    pattern: /(?:(?<=\/bot)|(?<![A-Za-z0-9_:-]))(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/,
  },
];
