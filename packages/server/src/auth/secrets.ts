import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API tokens are `rpt_` followed by 32 random bytes in base64url (43 characters). The prefix makes a
 * leaked token recognisable to secret scanners; only its SHA-256 is stored.
 */
export const TOKEN_PREFIX = 'rpt_';
export const TOKEN_PATTERN = /^rpt_[A-Za-z0-9_-]{43}$/;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A new API token (the secret to show once) and its hash (what is stored). */
export function newApiToken(): { token: string; hash: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token) };
}

/** A new session secret (the cookie value) and its hash (the session's id in the database). */
export function newSessionSecret(): { secret: string; id: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, id: sha256Hex(`session:${secret}`) };
}

export function sessionIdOf(secret: string): string {
  return sha256Hex(`session:${secret}`);
}

/**
 * The CSRF token of a session: derived from the session secret, which only the browser's HttpOnly cookie
 * holds. A page of another origin can make the browser send the cookie, but cannot read it nor this token.
 */
export function csrfTokenOf(secret: string): string {
  return createHash('sha256').update(`csrf:${secret}`).digest('base64url');
}

/** Constant-time equality of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}
