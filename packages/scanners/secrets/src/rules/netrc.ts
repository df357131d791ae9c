import type { SecretRule } from '../secret-rule.js';

/** `.netrc` / `_netrc` entries: `machine <host> [login <user>] password <password>`, on one line or several. */
export const NETRC_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/netrc-password',
    title: 'Password in a .netrc entry',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A .netrc entry (machine <host> login <user> password <password>), read by curl, git, ftp, pip and ' +
      'others. The password, often an API token, logs in to that host as the user.',
    help: {
      bad: 'machine api.heroku.com login ci@acme.io password Qw7vXk2Lm9pRt4Zs', // rampart-ignore: secrets/* synthetic documentation example
      good: 'echo "machine api.acme.io login ci password $ACME_TOKEN" > "$HOME/.netrc"',
      fix: 'Revoke the password or token, keep .netrc files in the home directory (mode 600) only, and generate them in CI from secrets.',
    },
    references: [
      'https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html',
      'https://everything.curl.dev/usingcurl/netrc.html',
    ],
    keywords: ['machine'],
    // The host must have a dot, so prose ("the machine learning login password") does not match.
    pattern:
      /(?<![A-Za-z0-9_])machine[ \t]{1,8}(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z0-9-]{1,63}(?:\s{1,16}(?:login|account)[ \t]{1,8}[^\s]{1,128}){0,2}\s{1,16}password[ \t]{1,8}(?<secret>[^\s]{1,128})/,
    allow: [/^(?:password|passwd|pass|secret|token|x-oauth-basic|anonymous)$/i],
  },
];
