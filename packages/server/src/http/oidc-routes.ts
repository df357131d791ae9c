import { createSession } from '../auth/accounts.js';
import {
  OIDC_LOGIN_COOKIE,
  OIDC_LOGIN_TTL_MS,
  oidcLoginCookie,
  type OidcRelyingParty,
} from '../auth/oidc.js';
import { userOfOidcSignIn } from '../auth/oidc-accounts.js';
import { OIDC_CALLBACK_PATH, OIDC_LOGIN_PATH, safeReturnPath } from '../auth/oidc-config.js';
import { NotFoundError, ServerError } from '../errors.js';
import { parseCookies, sessionCookie } from './cookies.js';
import type { ApiRoute, HandlerContext } from './route.js';
import { ERROR } from './schemas.js';

/** The sign-in methods and the OIDC routes: appended to `API_ROUTES`. */

const PROVIDERS = {
  type: 'object',
  required: ['password', 'oidc'],
  properties: {
    password: {
      type: 'object',
      required: ['enabled'],
      properties: { enabled: { type: 'boolean', description: 'POST /api/v1/session' } },
    },
    oidc: {
      type: 'object',
      required: ['enabled'],
      properties: {
        enabled: { type: 'boolean' },
        name: { type: 'string', description: 'the label of the sign-in button' },
        loginUrl: {
          type: 'string',
          description: 'open in the browser (add `?returnTo=/path` to come back to a page)',
        },
      },
    },
  },
} as const;

const LOGIN_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    returnTo: {
      type: 'string',
      minLength: 1,
      maxLength: 2048,
      default: '/',
      description: 'a path on this server to open after signing in (never another site)',
    },
  },
} as const;

// The provider's parameters: known ones bounded; others (e.g. `session_state`) are allowed, as the
// library checks the response as a whole.
const BOUNDED = (max: number) => ({ type: 'string', maxLength: max }) as const;
const CALLBACK_QUERY = {
  type: 'object',
  properties: {
    code: BOUNDED(4096),
    state: BOUNDED(512),
    iss: BOUNDED(2048),
    error: BOUNDED(256),
    error_description: BOUNDED(2048),
  },
} as const;

const REDIRECT = { type: 'null', description: 'a redirect (302); the Location header says where' } as const;

function relyingParty(ctx: HandlerContext): OidcRelyingParty {
  if (ctx.server.oidc === undefined)
    throw new NotFoundError('OIDC single sign-on is not configured on this server');
  return ctx.server.oidc;
}

export const OIDC_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/auth/providers',
    operationId: 'signInMethods',
    summary: 'The sign-in methods this server offers (for the login page)',
    tag: 'session',
    access: 'public',
    schema: { response: { 200: PROVIDERS } },
    handler(ctx) {
      const oidc = ctx.server.oidc;
      return Promise.resolve({
        password: { enabled: true },
        oidc:
          oidc === undefined
            ? { enabled: false }
            : { enabled: true, name: oidc.settings.displayName, loginUrl: OIDC_LOGIN_PATH },
      });
    },
  },
  {
    method: 'GET',
    url: OIDC_LOGIN_PATH,
    operationId: 'oidcSignIn',
    summary: 'Sign in with the OpenID provider: redirects there (authorization code flow with PKCE)',
    description:
      'Open in the browser. Sets a short-lived cookie that binds the sign-in to this browser; the provider sends the browser back to the callback. 404 when OIDC is not configured. Rate limited.',
    tag: 'session',
    access: 'public',
    kind: 'login',
    schema: { querystring: LOGIN_QUERY, response: { 302: REDIRECT } },
    async handler(ctx) {
      const rp = relyingParty(ctx);
      const { returnTo } = ctx.query as { returnTo: string };
      const path = safeReturnPath(returnTo, rp.settings.publicOrigin);
      if (path === undefined)
        throw new ServerError(
          'returnTo must be a path on this server, such as /projects (not another site)',
          400,
          'invalid-return-to',
        );
      const { url, cookieSecret } = await rp.startLogin(ctx.server.store, path);
      ctx.reply.header(
        'set-cookie',
        oidcLoginCookie(cookieSecret, { secure: ctx.server.secureCookies, maxAge: OIDC_LOGIN_TTL_MS / 1000 }),
      );
      return ctx.reply.redirect(url, 302);
    },
  },
  {
    method: 'GET',
    url: OIDC_CALLBACK_PATH,
    operationId: 'oidcCallback',
    summary: 'Where the OpenID provider sends the browser back: opens a session and redirects to returnTo',
    description:
      'Register `<public URL>/api/v1/auth/oidc/callback` as the redirect URI at the provider. Completes only a sign-in started in the same browser, once, within 10 minutes. Sets the same session cookie as a password sign-in.',
    tag: 'session',
    access: 'public',
    schema: {
      querystring: CALLBACK_QUERY,
      response: {
        302: REDIRECT,
        403: {
          ...ERROR,
          description: 'Refused: disabled account, unverified e-mail, denied at the provider',
        },
        409: { ...ERROR, description: 'A user with this e-mail address exists and linking by e-mail is off' },
        502: { ...ERROR, description: 'The provider cannot be reached or its answer is unusable' },
      },
    },
    async handler(ctx) {
      const rp = relyingParty(ctx);
      const secure = ctx.server.secureCookies;
      const store = ctx.server.store;
      // The pending sign-in is used up whatever happens next.
      const clear = oidcLoginCookie('', { secure, maxAge: 0 });
      ctx.reply.header('set-cookie', clear);
      const url = ctx.request.url;
      const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
      const secret = parseCookies(ctx.request.headers.cookie).get(OIDC_LOGIN_COOKIE);
      let signedIn;
      try {
        const { claims, returnTo } = await rp.finishLogin(store, secret, query);
        const { userId, outcome } = await userOfOidcSignIn(store, rp.settings, claims);
        signedIn = { userId, outcome, returnTo };
      } catch (error) {
        if (error instanceof ServerError && error.status < 500)
          ctx.request.log.warn({ event: 'oidc-sign-in-refused', code: error.code }, error.message);
        throw error;
      }
      const session = await createSession(store, signedIn.userId, ctx.server.sessionTtlMs, {
        method: 'oidc',
      });
      ctx.reply.header('set-cookie', [
        clear,
        sessionCookie(session.secret, { secure, maxAge: ctx.server.sessionTtlMs / 1000 }),
      ]);
      ctx.request.log.info(
        { event: 'oidc-signed-in', userId: signedIn.userId, outcome: signedIn.outcome },
        'signed in with OIDC',
      );
      // The path was checked when the sign-in started and comes from the server's pending sign-in, not
      // from this request; it is checked again so that no stored value can lead off this server.
      const target = safeReturnPath(signedIn.returnTo, rp.settings.publicOrigin) ?? '/';
      return ctx.reply.redirect(target, 302);
    },
  },
];
