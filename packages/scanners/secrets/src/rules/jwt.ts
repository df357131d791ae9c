import type { SecretRule } from '../secret-rule.js';

/**
 * Signed JSON Web Tokens. The header must decode to JSON with an `"alg"` member: base64url of
 * `"alg"` is `ImFsZyI`, `JhbGci` or `iYWxnI` depending on its offset in the header, so the check
 * needs no decoding. Unsigned tokens (`"alg": "none"`, empty signature) are not reported: they
 * carry no secret, and a server that accepts them is broken whatever the repository holds.
 */
export const JWT_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/jwt',
    title: 'JSON Web Token',
    severity: 'medium',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'A signed JSON Web Token (three base64url parts, a JSON header with "alg"). Until it expires it ' +
      'authenticates as its subject to every service that trusts the issuer; long-lived service tokens are ' +
      'as good as passwords. Tokens in tests are often expired or made up: check the exp claim.',
    help: {
      bad: "const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmlsbGluZyIsInNjb3BlIjoiaW52b2ljZXM6d3JpdGUiLCJpYXQiOjE3MzU2ODk2MDAsImV4cCI6MTg5MzQ1NjAwMH0.utL6oLGUklW3lUwXicL906iFN6x72M9cxol5Q5KWUX4';", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const token = await tokenProvider.getToken();',
      fix: 'Revoke the token or rotate the signing key it was issued with, shorten token lifetimes, and fetch tokens at runtime instead of committing them.',
    },
    references: [
      'https://www.rfc-editor.org/rfc/rfc7519',
      'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
    ],
    keywords: ['eyj'],
    pattern:
      /(?<![A-Za-z0-9_-])(?<secret>(?=[A-Za-z0-9_-]{0,300}?(?:ImFsZyI|JhbGci|iYWxnI))eyJ[A-Za-z0-9_-]{10,1000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{16,1000})(?![A-Za-z0-9_.-])/,
    // The sample token of jwt.io's debugger, found in countless tutorials.
    allow: [/\.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c$/],
  },
];
