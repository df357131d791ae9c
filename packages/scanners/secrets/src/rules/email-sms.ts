import type { SecretRule } from '../secret-rule.js';

/**
 * E-mail and SMS providers. Their keys send mail and texts under your verified domains and numbers,
 * which makes them prized for phishing, and most also read message logs with customer addresses.
 */
export const EMAIL_SMS_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/twilio-api-key',
    title: 'Twilio API key SID',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Twilio API key SID (SK followed by 32 hex digits) assigned to a Twilio name or passed to a Twilio call. ' +
      'With its secret it sends ' +
      'SMS and calls on your bill and reads message logs; the SID alone is what attackers search for first.',
    help: {
      bad: 'TWILIO_API_KEY=SK765669b0ce4e97a8410fd6ff75a29c70', // rampart-ignore: secrets/* synthetic documentation example
      good: 'TWILIO_API_KEY=${TWILIO_API_KEY}',
      fix: 'Delete the API key in the Twilio console (its secret goes with it), create a new one and keep both in a secret store.',
    },
    references: [
      'https://www.twilio.com/docs/iam/api-keys',
      'https://www.twilio.com/docs/usage/secure-credentials',
    ],
    keywords: ['twilio'],
    pattern:
      /(?:[Tt]wilio|TWILIO)[A-Za-z0-9_.-]{0,24}["']?\s{0,4}(?:[:=]{1,3}>?|\((?:[A-Za-z_]{1,12}\s{0,2}=\s{0,2})?)\s{0,4}["']?(?<secret>SK[0-9a-f]{32})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/twilio-auth-token',
    title: 'Twilio auth token',
    severity: 'critical',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Twilio account auth token (32 hex digits) assigned to a Twilio auth-token name, or to auth_token right ' +
      'after the account SID (AC...). It is the master credential of the account: messages, calls, numbers, billing and ' +
      'sub-accounts.',
    help: {
      bad: "account_sid = 'AC97798a76d5d990424d56840f7a54c0fb'; auth_token = '754ceb64d7af6595d2579f44fdd6cefe'", // rampart-ignore: secrets/* synthetic documentation example
      good: "account_sid = os.environ['TWILIO_ACCOUNT_SID']; auth_token = os.environ['TWILIO_AUTH_TOKEN']",
      fix: 'Promote the secondary auth token (or request one) in the Twilio console to rotate the primary, then use API keys from a secret store instead.',
    },
    references: [
      'https://www.twilio.com/docs/iam/access-tokens',
      'https://www.twilio.com/docs/usage/secure-credentials',
    ],
    keywords: ['auth'],
    // The reported range is the auth-token assignment, not the account SID line before it.
    pattern:
      /(?:(?:[Tt]wilio|TWILIO)[A-Za-z0-9_.-]{0,24}|(?<![A-Za-z0-9])AC[0-9a-f]{32}["']?[;,]?\s{1,8}(?:[a-z]{3,6}\s)?)(?<finding>(?:auth|AUTH|Auth)[_-]?(?:token|TOKEN|Token)["']?\s{0,4}[:=]{1,3}>?\s{0,4}["']?(?<secret>[0-9a-f]{32}))(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/sendgrid-api-key',
    title: 'SendGrid API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Twilio SendGrid API key (SG.<22>.<43>). It sends e-mail from your verified domains (phishing that passes ' +
      'SPF and DKIM) and, with full access, reads contacts and creates more keys.',
    help: {
      bad: "sgMail.setApiKey('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');", // rampart-ignore: secrets/* synthetic documentation example
      good: 'sgMail.setApiKey(process.env.SENDGRID_API_KEY);',
      fix: 'Delete the key under Settings > API Keys, create one restricted to Mail Send and load it from a secret store.',
    },
    references: ['https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys'],
    keywords: ['sg.'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/mailgun-api-key',
    title: 'Mailgun API key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Mailgun private API key (key- plus 32 hex digits, or 32-8-8 hex groups) assigned to a Mailgun name or ' +
      'given as the password of the basic-auth user "api". ' +
      'It sends mail from your domains, reads logs and stored messages, and manages domains and webhooks.',
    help: {
      bad: 'MAILGUN_API_KEY=c4c7f6de7a83602c2873588ab1df5fb7-2efa5213-1f781f31', // rampart-ignore: secrets/* synthetic documentation example
      good: 'MAILGUN_API_KEY=${MAILGUN_API_KEY}',
      fix: 'Delete the key under API Security in Mailgun, create a new one (or a domain sending key) and keep it in a secret store.',
    },
    references: ['https://documentation.mailgun.com/docs/mailgun/user-manual/api-key-mgmt/'],
    // Mailgun's HTTP basic-auth user is literally "api": ("api", key) and api:key are strong context.
    keywords: ['mailgun', 'api'],
    pattern:
      /(?:(?:[Mm]ailgun|MAILGUN)[A-Za-z0-9_.-]{0,24}["']?\s{0,4}[:=]{1,3}>?\s{0,4}["']?|["']api["']\s{0,4},\s{0,4}["']|(?<![A-Za-z0-9])api:)(?<secret>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9-])/,
  },
  {
    id: 'secrets/mailchimp-api-key',
    title: 'Mailchimp API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Mailchimp Marketing API key (32 hex digits and the data-center suffix -usN). It exports audiences with ' +
      'every subscriber address and sends campaigns to them.',
    help: {
      bad: "mailchimp.setConfig({ apiKey: 'fb79665637fd5dccd811171927bcb123-us21', server: 'us21' });", // rampart-ignore: secrets/* synthetic documentation example
      good: "mailchimp.setConfig({ apiKey: process.env.MAILCHIMP_API_KEY, server: 'us21' });",
      fix: 'Disable the key under Profile > Extras > API keys, create a new one and load it from the environment.',
    },
    references: ['https://mailchimp.com/developer/marketing/guides/quick-start/'],
    keywords: ['-us'],
    pattern: /(?<![A-Za-z0-9])(?<secret>[0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/mandrill-api-key',
    title: 'Mandrill API key',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Mandrill (Mailchimp Transactional) API key: 22 random characters, optionally prefixed md-, assigned to ' +
      'a Mandrill name or passed to Mandrill::API.new. It sends transactional mail from your domains and reads message content and logs.',
    help: {
      bad: "mandrill = Mandrill::API.new 'md-J1GeOL5i3JH5MKIRC5yxzR'", // rampart-ignore: secrets/* synthetic documentation example
      good: "mandrill = Mandrill::API.new ENV.fetch('MANDRILL_APIKEY')",
      fix: 'Delete the key in the Mandrill settings, create a new one and load it from the environment or a secret store.',
    },
    references: ['https://mailchimp.com/developer/transactional/guides/quick-start/'],
    keywords: ['mandrill'],
    pattern:
      /(?:[Mm]andrill|MANDRILL)[A-Za-z0-9_.:-]{0,30}(?:["']?\s{0,4}(?:[:=]{1,3}>?|\((?:[A-Za-z_]{1,12}\s{0,2}=\s{0,2})?)\s{0,4}|\s{1,4})["']?(?<secret>(?:md-)?(?=[A-Za-z_-]{0,21}[0-9])[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/,
    // A random 22-character key almost always has a digit (required above, so that a class or method
    // name on the line is not taken for the key) and an upper-case letter (snake_case names have none).
    minEntropy: 3.5,
    allow: [/^[a-z0-9_-]+$/],
  },
  {
    id: 'secrets/brevo-api-key',
    title: 'Brevo (Sendinblue) API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Brevo (formerly Sendinblue) API key (xkeysib-) or SMTP key (xsmtpsib-). It sends e-mail and SMS from ' +
      'your account and exports the contact lists.',
    help: {
      bad: 'BREVO_API_KEY=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', // rampart-ignore: secrets/* synthetic documentation example
      good: 'BREVO_API_KEY=${BREVO_API_KEY}',
      fix: 'Delete the key under SMTP & API in Brevo, create a new one and load it from a secret store.',
    },
    references: ['https://developers.brevo.com/docs/getting-started'],
    keywords: ['xkeysib-', 'xsmtpsib-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>x(?:keysib|smtpsib)-[0-9a-f]{64}-[A-Za-z0-9]{16})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/postmark-server-token',
    title: 'Postmark API token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A Postmark server or account token (a UUID) assigned to a Postmark token or key name, sent in an ' +
      'X-Postmark-*-Token header, or passed to a Postmark client. It sends mail from your sender signatures and ' +
      'reads message content.',
    help: {
      bad: "const client = new postmark.ServerClient('58b3436b-ad77-4b1c-a8fb-66984f3529a5');", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const client = new postmark.ServerClient(process.env.POSTMARK_SERVER_TOKEN);',
      fix: 'Regenerate the server token on the API Tokens tab of the Postmark server and keep it in a secret store.',
    },
    references: ['https://postmarkapp.com/developer/api/overview#authentication'],
    keywords: ['postmark'],
    pattern:
      /(?:[Pp]ostmark|POSTMARK)(?:[A-Za-z0-9_.-]{0,30}(?:[Tt]oken|TOKEN|[Kk]ey|KEY)["']?\s{0,4}[:=]{1,3}>?\s{0,4}["']?|\.(?:Server|Account)Client\(\s{0,4}["'])(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9-])/,
  },
];
