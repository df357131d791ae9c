import type { SecretRule } from '../secret-rule.js';

/** Words that stand for a password in examples, and conventional non-secret passwords. */
const STAND_INS =
  /^(?:password|passwd|pass|pwd|secret|token|apikey|api_key|user|username|admin|root|guest|anonymous|x-oauth-basic)$/i;

/**
 * Credentials inside URLs. Both rules are catch-alls: a token a specific rule recognises
 * (`https://x-access-token:ghs_...@github.com`) is reported by that rule only. Database URLs are
 * secrets/database-url-password's.
 */
export const URL_CREDENTIAL_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/basic-auth-url',
    title: 'Password in a URL',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A URL with a password in its user-info part (https://user:password@host, also ftp, sftp, ws, smtp, imap, ' +
      'ldap, ssh, svn). Whoever reads it logs in to that service; the URL also lands in logs, shell history ' +
      'and proxy records. Hosts under example.*, .test and .invalid are not reported.',
    help: {
      bad: 'git remote add origin https://deploy:Tq8vLm2xRz5k@git.acme.io/shop/web.git', // rampart-ignore: secrets/* synthetic documentation example
      good: 'git remote add origin https://git.acme.io/shop/web.git  # credentials from the git credential helper',
      fix: 'Change the password, remove the URL from history and configuration, and use a credential helper, netrc outside the repository, or a token from a secret store.',
    },
    references: [
      'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1',
      'https://cwe.mitre.org/data/definitions/598.html',
    ],
    keywords: ['://'],
    pattern:
      /(?<![A-Za-z0-9.+-])(?:(?:git\+)?https?|ftps?|sftp|wss?|smtps?|imaps?|pop3s?|ldaps?|svn(?:\+ssh)?|ssh|rsync):\/\/[^\s:@/"'`<>]{1,64}:(?<secret>[^\s:@/"'`<>]{1,128})@[A-Za-z0-9.-]{1,253}(?![A-Za-z0-9.-])(?<!example\.(?:com|org|net)|\.example|\.test|\.invalid|localhost)/i,
    allow: [STAND_INS],
    fallback: true,
  },
  {
    id: 'secrets/url-query-credential',
    title: 'Credential in a URL query',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-798', 'CWE-598'],
    description:
      'A random-looking value in an access_token, api_key, apikey, auth_token, client_secret or private_token ' +
      'parameter of a URL query or form body. The URL works as a credential for whoever reads it, and query ' +
      'strings end up in server logs, browser history and referrers.',
    help: {
      bad: 'curl "https://api.acme.io/v2/reports?from=2025-01-01&api_key=Zr4mQ8vT2wLk9XpB7nHc3Jd6"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'curl -H "Authorization: Bearer $ACME_API_KEY" "https://api.acme.io/v2/reports?from=2025-01-01"',
      fix: 'Revoke the credential, and send credentials in an Authorization header read from the environment instead of the query string.',
    },
    references: [
      'https://cwe.mitre.org/data/definitions/598.html',
      'https://owasp.org/www-community/vulnerabilities/Information_exposure_through_query_strings_in_url',
    ],
    keywords: [
      'access_token=',
      'api_key=',
      'apikey=',
      'api-key=',
      'auth_token=',
      'client_secret=',
      'private_token=',
    ],
    pattern:
      /[?&](?:access_token|api_key|apikey|api-key|auth_token|client_secret|private_token)=(?<secret>[A-Za-z0-9._~%+/-]{16,256})/i,
    minEntropy: 3.5,
    fallback: true,
  },
];
