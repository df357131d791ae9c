import type { SecretRule } from '../secret-rule.js';

/** Bitbucket Cloud app passwords and resource access tokens. Atlassian account API tokens are elsewhere. */
export const BITBUCKET_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/bitbucket-app-password',
    title: 'Bitbucket app password',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Bitbucket Cloud app password (ATBB...). With the username it reads and, depending on its permissions, ' +
      'writes repositories, pull requests and pipelines of every workspace the user belongs to.',
    help: {
      bad: 'BITBUCKET_APP_PASSWORD = "ATBBrNrBcFRHqRMUevNFbO6Q6uyFFBDA5B64"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'BITBUCKET_APP_PASSWORD = os.environ["BITBUCKET_APP_PASSWORD"]',
      fix: 'Revoke the app password (Personal settings > App passwords) and move to scoped API tokens or access tokens kept in a secret store.',
    },
    references: [
      'https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/',
      'https://support.atlassian.com/bitbucket-cloud/docs/using-app-passwords/',
    ],
    keywords: ['atbb'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>ATBB[A-Za-z0-9]{28,40})(?![A-Za-z0-9_-])/,
  },
  {
    id: 'secrets/bitbucket-access-token',
    title: 'Bitbucket access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Bitbucket Cloud repository, project or workspace access token (ATCTT3xFfGN0...). It acts as a bot user ' +
      'on the repositories it covers, within its scopes: clone, push, merge pull requests, run pipelines.',
    help: {
      bad: 'curl -H "Authorization: Bearer ATCTT3xFfGN0hdDl8e-AKfjH2D_qdqk98HZX_pPrGxle7g7gjl3JY-qUkh2bIR22CcCpW7aNMjTMdxgi4L2UqoBOxvTJOy2ZirBd5WLQciwDZ4XCGt60Iq_G_3K0cr8QDdl5rLDubra21YWvkmHYilm-KirMfWHK1Lsz2-R-5sEejEE4l54TsGbhZbCX9Hmd=0828178C" https://api.bitbucket.org/2.0/repositories/acme/shop', // rampart-ignore: secrets/* synthetic documentation example
      good: 'curl -H "Authorization: Bearer $BITBUCKET_ACCESS_TOKEN" https://api.bitbucket.org/2.0/repositories/acme/shop',
      fix: 'Revoke the token (Repository, project or workspace settings > Access tokens) and keep its replacement in Pipelines secured variables.',
    },
    references: [
      'https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/',
      'https://support.atlassian.com/bitbucket-cloud/docs/revoke-a-repository-access-token/',
    ],
    keywords: ['atctt3xffgn0'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>ATCTT3xFfGN0[A-Za-z0-9_=-]{100,400})(?![A-Za-z0-9_=-])/,
  },
];
