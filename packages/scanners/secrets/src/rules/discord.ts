import type { SecretRule } from '../secret-rule.js';

/** Discord bot tokens and webhook URLs. */
export const DISCORD_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/discord-bot-token',
    title: 'Discord bot token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      "A Discord bot token (base64 of the bot's user ID, a timestamp and an HMAC, separated by dots), assigned to " +
      'a DISCORD_TOKEN-like name or passed to client.login(). It logs in as the bot in every server it joined, ' +
      'with all of its permissions.',
    help: {
      bad: "client.login('MTQyNjExOTMwOTc3ODE1MTk0Nw.wd3uJP.T7TEdekfRtv0DGO-mH7z605-VxK7YpN_-InUjR');", // rampart-ignore: secrets/* synthetic documentation example
      good: 'client.login(process.env.DISCORD_TOKEN);',
      fix: 'Reset the token in the Developer Portal (Bot > Reset Token) and load the new one from the environment.',
    },
    references: [
      'https://discord.com/developers/docs/reference#authentication',
      'https://discord.com/developers/docs/topics/oauth2#bots',
    ],
    keywords: ['discord', '.login('],
    // The first part is base64 of a numeric user ID, hence its first letter.
    pattern:
      /(?:(?<![A-Za-z0-9])discord[A-Za-z0-9_.-]{0,24}["']?\s{0,4}[:=]{1,2}>?\s{0,4}["'`]?(?:Bot\s)?|\.login\(\s{0,4}["'`])(?<secret>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_-])/i,
  },
  {
    id: 'secrets/discord-webhook',
    title: 'Discord webhook URL',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Discord webhook URL (discord.com/api/webhooks/<id>/<token>). Anyone holding it posts messages, with any ' +
      'name and avatar, into the channel, and can delete the webhook.',
    help: {
      bad: "DISCORD_WEBHOOK = 'https://discord.com/api/webhooks/1611802108063375520/4uGXzvuQe3U1J7GQ8nT16Ziyx2iXpMiXNT_r5yL3iHLPUwPhMSdszgrFf2KobDFFbFYR'", // rampart-ignore: secrets/* synthetic documentation example
      good: "DISCORD_WEBHOOK = os.environ['DISCORD_WEBHOOK_URL']",
      fix: 'Delete the webhook (channel settings > Integrations > Webhooks), create a new one and keep its URL in a secret store.',
    },
    references: [
      'https://discord.com/developers/docs/resources/webhook',
      'https://support.discord.com/hc/en-us/articles/228383668',
    ],
    keywords: ['discord.com/api/', 'discordapp.com/api/'],
    pattern:
      /discord(?:app)?\.com\/api\/(?:v[0-9]{1,2}\/)?webhooks\/[0-9]{17,20}\/(?<secret>[A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])/,
  },
];
