import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider for the tests: panva's certified `oidc-provider`, on 127.0.0.1 with a port of
 * its own, one confidential client, and test accounts. Its login and consent interactions are answered
 * by a minimal handler through the provider's interaction API, signing in the account named by
 * `signInAs` (what a person would type into the provider's login form).
 */

export const CLIENT_ID = 'rampart-test';
export const CLIENT_SECRET = 'test-client-secret-0123456789abcdef';
export const DENY = '(deny)';

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  /** Accounts by subject; change them between sign-ins to change what the provider asserts. */
  accounts: Map<string, TestAccount>;
  /** The subject the next login interaction signs in; `DENY` makes the person cancel at the provider. */
  signInAs: string;
  /** Authorization requests the provider received (to check PKCE and nonce were sent). */
  authorizationRequests: URLSearchParams[];
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** A port free on 127.0.0.1 now, for a server whose own URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  const port = await new Promise<number>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve((probe.address() as AddressInfo).port));
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startProvider(redirectUris: string[]): Promise<TestProvider> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const http = createServer((req, res) => handle(req, res));
  const port = await listen(http);
  const issuer = `http://127.0.0.1:${port}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const accounts = new Map<string, TestAccount>();
  const authorizationRequests: URLSearchParams[] = [];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...key, kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['test-cookie-signing-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], groups: ['groups'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (account === undefined) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account }) };
    },
    renderError(ctx, out) {
      ctx.type = 'json';
      ctx.body = out;
    },
  });
  const state: TestProvider = {
    issuer,
    accounts,
    signInAs: '',
    authorizationRequests,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };

  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (state.signInAs === DENY) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the person cancelled' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: state.signInAs } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({
      accountId: details.session!.accountId,
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope));
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  }

  const callback = provider.callback();
  handle = (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname.startsWith('/interaction/')) {
      interact(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    if (url.pathname === '/auth') authorizationRequests.push(url.searchParams);
    void callback(req, res);
  };
  return state;
}

/**
 * A browser, enough for the flow: follows nothing by itself, keeps cookies per host (as browsers do,
 * whatever the port), sends them back, and drops those that are cleared.
 */
export class Browser {
  readonly cookies = new Map<string, Map<string, string>>();

  cookieHeader(url: string): string {
    const jar = this.cookies.get(new URL(url).hostname) ?? new Map<string, string>();
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookie(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).hostname)?.get(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    const cookie = this.cookieHeader(url);
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { ...(cookie !== '' ? { cookie } : {}), ...headers },
      signal: AbortSignal.timeout(10_000),
    });
    const host = new URL(url).hostname;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    this.cookies.set(host, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const cleared = attributes.some((a) => {
        const [key = '', val = ''] = a.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
        return false;
      });
      if (cleared || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /**
   * Follow redirects from `url` until one leads to a URL for which `stop` is true; returns that URL
   * without opening it (at most 12 hops).
   */
  async followUntil(url: string, stop: (next: URL) => boolean): Promise<URL> {
    let current = url;
    for (let hop = 0; hop < 12; hop++) {
      const response = await this.get(current);
      await response.arrayBuffer();
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || location === null)
        throw new Error(`expected a redirect from ${current}, got ${response.status}`);
      const next = new URL(location, current);
      if (stop(next)) return next;
      current = next.href;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
