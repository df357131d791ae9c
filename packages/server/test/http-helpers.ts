import { rmSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import {
  createServer,
  createToken,
  createUser,
  openStore,
  setProjectRole,
  type ProjectRole,
  type RampartServer,
  type ServerOptions,
  type Store,
  type TokenScope,
} from '../src/index.js';
import { tempDir } from './helpers.js';

/** A password good enough for the server's rules; tests only. */
export const PASSWORD = 'correct-horse-battery-staple';

export interface Api {
  store: Store;
  server: RampartServer;
  close(): Promise<void>;
}

/**
 * A store (in a temporary folder, or from `open`, e.g. a contract-suite implementation) and the API over
 * it, checked against its response schemas.
 */
export async function startApi(
  options: Partial<ServerOptions> & { now?: () => number } = {},
  open?: () => Promise<Store>,
): Promise<Api> {
  const dataDir = tempDir();
  const store = open
    ? await open()
    : await openStore({ dataDir, ...(options.now ? { now: options.now } : {}) });
  const server = createServer({
    store,
    checkResponses: true,
    secureCookies: false,
    rateLimits: { login: { capacity: 1000, perSecond: 1000 }, ingest: { capacity: 1000, perSecond: 1000 } },
    ...options,
  });
  await server.app.ready();
  return {
    store,
    server,
    async close() {
      await server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Credentials = { cookie: string; csrf: string } | { token: string } | undefined;

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  as?: Credentials;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  /** Leave out the CSRF header of a session. */
  noCsrf?: boolean;
}

export async function call(
  api: Api,
  url: string,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const as = options.as;
  if (as !== undefined && 'token' in as) headers.authorization = `Bearer ${as.token}`;
  if (as !== undefined && 'cookie' in as) {
    headers.cookie = as.cookie;
    if (options.noCsrf !== true) headers['x-csrf-token'] = as.csrf;
  }
  let payload: string | Buffer | undefined;
  if (options.body !== undefined) {
    payload = Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  return api.server.app.inject({
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
    ...(options.query ? { query: options.query } : {}),
  });
}

export async function signIn(
  api: Api,
  email: string,
  password = PASSWORD,
): Promise<{ cookie: string; csrf: string }> {
  const res = await call(api, '/api/v1/session', { body: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** A user with these roles, signed in. */
export async function userWith(
  api: Api,
  email: string,
  roles: Record<string, ProjectRole> = {},
  admin = false,
): Promise<{ cookie: string; csrf: string; id: number }> {
  const user = await createUser(api.store, { email, password: PASSWORD, admin }, 'test');
  for (const [project, role] of Object.entries(roles))
    await setProjectRole(api.store, user.id, project, role, 'test');
  return { ...(await signIn(api, email)), id: user.id };
}

export async function tokenFor(
  api: Api,
  scope: TokenScope,
  projects: string[],
  days = 30,
): Promise<{ token: string }> {
  const { token } = await createToken(
    api.store,
    { name: `${scope}-${projects.join(',')}`, scope, projects, expiresAt: Date.now() + days * 86_400_000 },
    'test',
  );
  return { token };
}

export function projectUrl(project: string, rest = ''): string {
  return `/api/v1/projects/${encodeURIComponent(project)}${rest}`;
}
