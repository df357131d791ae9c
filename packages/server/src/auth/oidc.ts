import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { ServerError } from '../errors.js';
import type { Store } from '../store.js';
import type { OidcSettings } from './oidc-config.js';
import { sha256Hex } from './secrets.js';

/**
 * The relying party of OIDC single sign-on: the authorization code flow with PKCE (S256), `state` and
 * `nonce`, over `openid-client`, which discovers the provider and validates its ID token (signature,
 * issuer, audience, expiry, nonce). What a sign-in needs between the redirect and the callback is kept in
 * the store (table `oidc_logins`), found through a short-lived HttpOnly cookie that holds only a random
 * key, and removed when the callback reads it: single use, bound to the browser that started it.
 */

/** The cookie that binds a pending sign-in to the browser that started it. */
export const OIDC_LOGIN_COOKIE = 'rampart_oidc';
/** How long a sign-in may take at the provider. */
export const OIDC_LOGIN_TTL_MS = 10 * 60 * 1000;
/** Seconds to wait for the provider (discovery, token, userinfo). */
const PROVIDER_TIMEOUT_S = 10;
/** After a failed discovery, wait this long before trying again (each sign-in would retry otherwise). */
const RETRY_DISCOVERY_MS = 30_000;

/** The claims a sign-in yields, validated by openid-client (ID token) and merged with userinfo. */
export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  groups: string[];
}

/** The provider cannot be reached or answered something unusable (502), or is not discovered yet. */
export class OidcProviderError extends ServerError {
  constructor(message: string) {
    super(message, 502, 'oidc-unavailable');
  }
}

/** The callback does not complete a sign-in this browser started, or the provider's answer is invalid. */
export class OidcCallbackError extends ServerError {
  constructor(message: string, status = 400, code = 'oidc-failed') {
    super(message, status, code);
  }
}

function loginId(secret: string): string {
  return sha256Hex(`oidc-login:${secret}`);
}

/** A `Set-Cookie` value for the pending sign-in: Lax, because the provider's redirect back is cross-site. */
export function oidcLoginCookie(value: string, options: { secure: boolean; maxAge: number }): string {
  return [
    `${OIDC_LOGIN_COOKIE}=${value}`,
    // Sent only to the callback (and the login route, which replaces it).
    'Path=/api/v1/auth/oidc',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** An error code from the provider, if it looks like one (shown to the user; never free text). */
function providerErrorCode(value: unknown): string {
  return typeof value === 'string' && /^[a-z0-9_.-]{1,64}$/i.test(value) ? value : 'unknown';
}

export class OidcRelyingParty {
  private configuration: Promise<client.Configuration> | undefined;
  private failedAt = -Infinity;

  constructor(
    readonly settings: OidcSettings,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The provider's configuration, discovered once (and again after a failure, at most every 30 s). */
  discover(): Promise<client.Configuration> {
    if (this.configuration === undefined) {
      if (this.now() - this.failedAt < RETRY_DISCOVERY_MS)
        return Promise.reject(
          new OidcProviderError('the OpenID provider could not be reached: try again later'),
        );
      const { issuer, clientId, clientSecret, insecureIssuer } = this.settings;
      this.configuration = client
        .discovery(issuer, clientId, clientSecret, undefined, {
          timeout: PROVIDER_TIMEOUT_S,
          ...(insecureIssuer ? { execute: [client.allowInsecureRequests] } : {}),
        })
        .catch((error: unknown) => {
          this.configuration = undefined;
          this.failedAt = this.now();
          throw new OidcProviderError(
            `cannot read the OpenID provider's metadata at ${issuer.href}: ${describe(error)}`,
          );
        });
    }
    return this.configuration;
  }

  /**
   * Begin a sign-in: store its state, nonce and PKCE verifier, and return the provider's authorization
   * URL and the secret for the browser's cookie.
   */
  async startLogin(store: Store, returnTo: string): Promise<{ url: string; cookieSecret: string }> {
    const config = await this.discover();
    const cookieSecret = randomBytes(32).toString('base64url');
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const at = this.now();
    // Abandoned sign-ins are removed here rather than by a timer.
    await store.db.deleteFrom('oidc_logins').where('expires_at', '<=', at).execute();
    await store.db
      .insertInto('oidc_logins')
      .values({
        id: loginId(cookieSecret),
        state,
        nonce,
        code_verifier: codeVerifier,
        return_to: returnTo,
        created_at: at,
        expires_at: at + OIDC_LOGIN_TTL_MS,
      })
      .execute();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, cookieSecret };
  }

  /**
   * Complete a sign-in from the provider's redirect: take the pending sign-in of this browser (once),
   * exchange the code, and return the validated claims and where to go next.
   */
  async finishLogin(
    store: Store,
    cookieSecret: string | undefined,
    query: string,
  ): Promise<{ claims: OidcClaims; returnTo: string }> {
    if (cookieSecret === undefined || !/^[A-Za-z0-9_-]{43}$/.test(cookieSecret))
      throw new OidcCallbackError(
        'no sign-in was started in this browser (or its cookie was lost): start again',
        400,
        'oidc-state-invalid',
      );
    // Deleted as it is read: a replayed callback finds nothing.
    const pending = await store.db
      .deleteFrom('oidc_logins')
      .where('id', '=', loginId(cookieSecret))
      .returningAll()
      .executeTakeFirst();
    if (pending === undefined || pending.expires_at <= this.now())
      throw new OidcCallbackError(
        'this sign-in expired or was completed already: start again',
        400,
        'oidc-state-invalid',
      );
    const config = await this.discover();
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = query;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw callbackError(error);
    }
    const idToken = tokens.claims();
    if (idToken === undefined) throw new OidcCallbackError('the provider returned no ID token');
    let claims: Record<string, unknown> = { ...idToken };
    const wanted = ['email', 'email_verified', this.settings.groupsClaim];
    if (wanted.some((name) => !(name in claims)) && config.serverMetadata().userinfo_endpoint !== undefined) {
      try {
        // The subject must match the ID token's; the ID token's own claims win.
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
        claims = { ...userinfo, ...claims };
      } catch (error) {
        throw callbackError(error);
      }
    }
    return {
      claims: readClaims(claims, idToken.iss, this.settings.groupsClaim),
      returnTo: pending.return_to,
    };
  }
}

function readClaims(claims: Record<string, unknown>, issuer: string, groupsClaim: string): OidcClaims {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject === '' || subject.length > 255)
    throw new OidcCallbackError('the ID token has no usable subject (sub)');
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  // Some providers send the flag as a string.
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  const rawGroups = claims[groupsClaim];
  const groups = (Array.isArray(rawGroups) ? rawGroups : typeof rawGroups === 'string' ? [rawGroups] : [])
    .filter((g): g is string => typeof g === 'string')
    .sort();
  return { issuer, subject, email, emailVerified: verified, groups };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${typeof code === 'string' ? ` [${code}]` : ''}${cause}`;
  }
  return String(error);
}

/** Errors of the code exchange as API errors: the provider's refusal, a failed check, or no provider. */
function callbackError(error: unknown): ServerError {
  if (error instanceof ServerError) return error;
  if (error instanceof client.AuthorizationResponseError)
    return new OidcCallbackError(
      `the provider refused the sign-in (${providerErrorCode(error.error)})`,
      403,
      'oidc-denied',
    );
  if (error instanceof client.ResponseBodyError)
    return new OidcCallbackError(
      `the provider refused the authorization code (${providerErrorCode(error.error)})`,
    );
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^OAUTH_[A-Z_]{1,64}$/.test(code))
    return new OidcCallbackError(`the provider's answer failed validation (${code})`);
  return new OidcProviderError(`the sign-in could not be completed with the provider: ${describe(error)}`);
}
