import type { SecretRule } from '../secret-rule.js';

const API_KEYS = 'https://cloud.google.com/docs/authentication/api-keys';
const OAUTH = 'https://developers.google.com/identity/protocols/oauth2';

/** Google Cloud, Firebase, Google OAuth and Google Chat credentials. */
export const GOOGLE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/gcp-service-account-key',
    title: 'GCP service account key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    description:
      'A Google Cloud service account key file ("type": "service_account" with a "private_key"). It signs ' +
      'tokens as the service account, with every IAM role it holds, until the key is deleted. The key header ' +
      'is reported; secrets/private-key does not report the same key again.',
    help: {
      bad: '{"type": "service_account", "project_id": "acme-build", "private_key": "-----BEGIN PRIVATE KEY-----\\n7SFpXrBMs2ulLJfF8scehXpRngit6k6B8PgLPX65u8Nma5/K780vTPiyk4VG+PWtPCmHRKglvkbJ3ZWwjDp5+pCE1RKCdDy8ZwWIICg5xleKmCR3Lgpq\\n-----END PRIVATE KEY-----\\n"}', // rampart-ignore: secrets/* synthetic documentation example
      good: "const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });",
      fix: 'Delete the key in IAM (service account > Keys), then use workload identity federation, an attached service account or short-lived tokens instead of key files.',
    },
    references: [
      'https://cloud.google.com/iam/docs/keys-create-delete',
      'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
    ],
    keywords: ['service_account'],
    // Key files list "type" first and "private_key" a few string fields later. The body holds `\n` escapes.
    pattern:
      /"type"\s{0,4}:\s{0,4}"service_account"\s{0,4},(?:\s{0,16}"[a-z_]{1,30}"\s{0,4}:\s{0,4}"[^"\n]{0,200}"\s{0,4},){0,6}\s{0,16}"private_key"\s{0,4}:\s{0,4}"(?<finding>-----BEGIN PRIVATE KEY-----)(?:\\n|\s){0,4}(?<secret>[A-Za-z0-9+/=](?:[^"\\-]|\\[nr]){62,8190}[A-Za-z0-9+/=])(?:\\n|\s){0,4}-----END PRIVATE KEY-----/,
  },
  {
    id: 'secrets/gcp-api-key',
    title: 'Google API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Google API key (AIza...). An unrestricted key calls every enabled API of its project (Maps, Gemini, ' +
      "Translate...) at the owner's expense. Firebase web keys are meant to ship in apps; restrict them too.",
    help: {
      bad: "const maps = new Client({ key: 'AIzak2aqHHlxGOF2Q-jE3hiwptcp4X407fr-X28' });", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const maps = new Client({ key: process.env.GOOGLE_MAPS_API_KEY });',
      fix: 'Delete or regenerate the key in the Cloud console, add API and application restrictions to the new one, and load it from configuration.',
    },
    references: [API_KEYS, 'https://cloud.google.com/docs/authentication/api-keys-best-practices'],
    keywords: ['aiza'],
    // Google Chat webhook URLs carry a shared, public key; secrets/google-chat-webhook reports their token.
    pattern: /(?<![A-Za-z0-9_-])(?<!\/messages\?key=)(?<secret>AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/gcp-oauth-client-secret',
    title: 'Google OAuth client secret',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Google OAuth 2.0 client secret (GOCSPX-). With the client ID it exchanges authorization codes and ' +
      'refresh tokens, so an attacker can impersonate the application to users and to Google.',
    help: {
      bad: 'GOOGLE_CLIENT_SECRET=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', // rampart-ignore: secrets/* synthetic documentation example
      good: 'GOOGLE_CLIENT_SECRET=${GOOGLE_CLIENT_SECRET}',
      fix: 'Add a new secret to the OAuth client in the Cloud console, deploy it from a secret store, then disable and delete the leaked one.',
    },
    references: [OAUTH, 'https://support.google.com/cloud/answer/15549257'],
    keywords: ['gocspx-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/google-oauth-refresh-token',
    title: 'Google OAuth refresh token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Google OAuth refresh token (1//0...). It mints new access tokens for the user and scopes it was ' +
      'granted (Gmail, Drive, Cloud...) until the user or an admin revokes it.',
    help: {
      bad: "creds = Credentials(None, refresh_token='1//0DH2eTMQaPVjX2QLn5CMmNLVJp1eGbREs8pbxTlrvu3SWF1OkWlW1wA9XnxgVsd50Spi873j6Rrz_SDe1-vLCwcm74qaS2Xhk6ESRI')", // rampart-ignore: secrets/* synthetic documentation example
      good: "creds = Credentials.from_authorized_user_file(os.environ['GOOGLE_TOKEN_FILE'])",
      fix: 'Revoke the grant (myaccount.google.com/permissions or the revoke endpoint) and keep tokens in a per-user secret store, never in code.',
    },
    references: [OAUTH, 'https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke'],
    keywords: ['1//0'],
    pattern: /(?<![A-Za-z0-9_/:.-])(?<secret>1\/\/0[A-Za-z0-9_-]{40,500})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/google-oauth-access-token',
    title: 'Google OAuth access token',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Google OAuth access token (ya29.). It calls Google APIs with the scopes it was granted, for about an ' +
      'hour; one committed to a repository is usually expired, but logs and fixtures leak live ones too.',
    help: {
      bad: 'curl -H "Authorization: Bearer ya29.c3HheolLYLFSji0XyrlUbwBxonJ1Wpq1Yq2gAuTe_tK5mrPREFS_hcdQXJSSjda5S1ySduCPyO4k9rGENI0h5nw6CfUZ8vRasyXvpBwUrGHGgqBkk58D8VkH6J1vtPDKXfKnGwhiaxl5qPY7uC6p9o" https://www.googleapis.com/drive/v3/files', // rampart-ignore: secrets/* synthetic documentation example
      good: 'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://www.googleapis.com/drive/v3/files',
      fix: 'Revoke the token at the revoke endpoint, and obtain tokens at runtime (gcloud, the client libraries) instead of pasting them.',
    },
    references: [OAUTH, 'https://cloud.google.com/docs/authentication/token-types#access'],
    keywords: ['ya29.'],
    pattern: /(?<![A-Za-z0-9_.-])(?<secret>ya29\.[A-Za-z0-9_-]{30,2048})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/firebase-cloud-messaging-server-key',
    title: 'Firebase Cloud Messaging server key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A legacy Firebase Cloud Messaging server key (AAAA...:APA91b...). It sends push notifications to every ' +
      'user of the app, a ready-made phishing channel. Device registration tokens look similar but are not reported.',
    help: {
      bad: "headers = {'Authorization': 'key=AAAAJaO6Dvi:APA91bvZ85vksYrf-dbN-gNL4FVFs071FfklsSk6d0pTPHb5OBhFC9aQv1gk5nf6XR8IbEzol4_gnuzurJDrTPzB_004MfyoXo9x4n4DZKWVRRSR4HaHghXg9nL92-2OV0KLlBaOugb8'}", // rampart-ignore: secrets/* synthetic documentation example
      good: "headers = {'Authorization': f'Bearer {credentials.token}'}",
      fix: 'Delete the server key in the Firebase console (Cloud Messaging) and move to the HTTP v1 API with service account credentials.',
    },
    references: [
      'https://firebase.google.com/docs/cloud-messaging/migrate-v1',
      'https://firebase.google.com/docs/cloud-messaging/auth-server',
    ],
    keywords: [':apa91b'],
    // The server key's sender part is `AAAA` plus 7 characters; device tokens have a longer one.
    pattern:
      /(?<![A-Za-z0-9_-])(?<secret>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{120,160})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/google-chat-webhook',
    title: 'Google Chat webhook URL',
    severity: 'medium',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Google Chat incoming webhook URL (chat.googleapis.com/v1/spaces/.../messages?key=...&token=...). Anyone ' +
      'holding it posts messages into the space, a convenient phishing channel into the organisation.',
    help: {
      bad: "WEBHOOK = 'https://chat.googleapis.com/v1/spaces/AAAAEUWwc0r/messages?key=AIza0jLCvmaKjqBcGsAHPm2OebXoFqxVm94E5iw&token=0UIIVoSazRMelZ62H3A_DHVKVQFOV5MMERtJyJIP3xA%3D'", // rampart-ignore: secrets/* synthetic documentation example
      good: "WEBHOOK = os.environ['CHAT_WEBHOOK_URL']",
      fix: 'Delete the webhook in the space (Apps & integrations > Webhooks), create a new one and keep its URL in a secret store.',
    },
    references: ['https://developers.google.com/workspace/chat/quickstart/webhooks'],
    keywords: ['chat.googleapis.com'],
    pattern:
      /chat\.googleapis\.com\/v1\/spaces\/[A-Za-z0-9_-]{6,40}\/messages\?[^\s"'<>]{0,300}?(?<=[?&])token=(?<secret>[A-Za-z0-9_-]{40,64}(?:%3D|=)?)/,
  },
];
