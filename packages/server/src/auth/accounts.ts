import type { ProjectRole, TokenScope } from '../db/schema.js';
import { ConflictError, InvalidRequestError, NotFoundError } from '../errors.js';
import type { Store } from '../store.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password.js';
import type { TokenPrincipal, UserPrincipal } from './principal.js';
import { newApiToken, newSessionSecret, sessionIdOf, sha256Hex, TOKEN_PATTERN } from './secrets.js';

/**
 * Users, project roles, API tokens and sessions, stored beside the findings. Every change is one
 * transaction together with its audit entry (actor, action, target), so the log names who did what.
 */

export interface UserView {
  id: number;
  email: string;
  admin: boolean;
  disabled: boolean;
  createdAt: number;
  roles: { project: string; role: ProjectRole }[];
}

export interface TokenView {
  id: number;
  name: string;
  scope: TokenScope;
  projects: string[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!EMAIL.test(trimmed)) throw new InvalidRequestError('an e-mail address looks like name@example.com');
  return trimmed;
}

/** How many enabled administrators exist (0 on a new server). */
export async function countAdmins(store: Store): Promise<number> {
  const row = await store.reader
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('admin', '=', 1)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function createUser(
  store: Store,
  input: { email: string; password: string; admin?: boolean },
  actor: string,
  options: { onlyIfNoAdmin?: boolean } = {},
): Promise<UserView> {
  const email = normaliseEmail(input.email);
  const problem = passwordProblem(input.password);
  if (problem !== undefined) throw new InvalidRequestError(problem);
  const passwordHash = await hashPassword(input.password);
  const admin = input.admin === true;
  return store.transact(async (trx, audit, at) => {
    if (options.onlyIfNoAdmin === true) {
      const admins = await trx
        .selectFrom('users')
        .select('id')
        .where('admin', '=', 1)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (admins !== undefined) throw new ConflictError('an administrator exists already');
    }
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (existing !== undefined) throw new ConflictError(`a user ${email} exists already`);
    const row = await trx
      .insertInto('users')
      .values({ email, password_hash: passwordHash, admin: admin ? 1 : 0, created_at: at, disabled_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit.append({ actor, action: 'user.created', target: `user:${row.id}`, data: { admin, email } });
    return { id: row.id, email, admin, disabled: false, createdAt: at, roles: [] };
  });
}

export async function listUsers(store: Store): Promise<UserView[]> {
  const users = await store.db.selectFrom('users').selectAll().orderBy('id').execute();
  const roles = await store.db
    .selectFrom('project_members')
    .selectAll()
    .orderBy('user_id')
    .orderBy('project')
    .execute();
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    admin: u.admin === 1,
    disabled: u.disabled_at !== null,
    createdAt: u.created_at,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => ({ project: r.project, role: r.role })),
  }));
}

async function userExists(store: Store, userId: number): Promise<void> {
  const row = await store.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`no user ${userId}`);
}

/** Grant `role` on `project` to a user, or withdraw it (`role` null). */
export async function setProjectRole(
  store: Store,
  userId: number,
  project: string,
  role: ProjectRole | null,
  actor: string,
): Promise<void> {
  await userExists(store, userId);
  await store.transact(async (trx, audit, at) => {
    const current = await trx
      .selectFrom('project_members')
      .select('role')
      .where('user_id', '=', userId)
      .where('project', '=', project)
      .executeTakeFirst();
    if (role === null) {
      if (current === undefined)
        throw new NotFoundError(`user ${userId} has no role on project "${project}"`);
      await trx
        .deleteFrom('project_members')
        .where('user_id', '=', userId)
        .where('project', '=', project)
        .execute();
    } else if (current === undefined) {
      await trx
        .insertInto('project_members')
        .values({ user_id: userId, project, role, created_at: at })
        .execute();
    } else {
      await trx
        .updateTable('project_members')
        .set({ role })
        .where('user_id', '=', userId)
        .where('project', '=', project)
        .execute();
    }
    await audit.append({
      actor,
      action: role === null ? 'member.removed' : 'member.granted',
      target: `project:${project}`,
      data: { previous: current?.role ?? null, role, userId },
    });
  });
}

/** Disable a user: sessions end at once; the account and its history stay. */
export async function disableUser(store: Store, userId: number, actor: string): Promise<void> {
  await userExists(store, userId);
  await store.transact(async (trx, audit, at) => {
    await trx.updateTable('users').set({ disabled_at: at }).where('id', '=', userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await audit.append({ actor, action: 'user.disabled', target: `user:${userId}` });
  });
}

// ------------------------------------------------------------------------------------------ sessions

/**
 * Check an e-mail address and password. Returns the user id, or undefined; takes as long for an unknown
 * address as for a wrong password.
 */
export async function checkPassword(
  store: Store,
  email: string,
  password: string,
): Promise<number | undefined> {
  let normalised: string;
  try {
    normalised = normaliseEmail(email);
  } catch {
    await verifyPassword(password, await dummyHash());
    return undefined;
  }
  const user = await store.reader
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('email', '=', normalised)
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
  return ok && user !== undefined && user.disabled_at === null ? user.id : undefined;
}

/** Open a session for a user; returns the secret for the cookie. */
export async function createSession(
  store: Store,
  userId: number,
  ttlMs: number,
  /** Recorded with the sign-in in the audit log (e.g. `{ method: 'oidc' }`). */
  details?: Record<string, unknown>,
): Promise<{ secret: string; expiresAt: number }> {
  const { secret, id } = newSessionSecret();
  return store.transact(async (trx, audit, at) => {
    // Sessions that ran out are removed here rather than by a timer.
    await trx.deleteFrom('sessions').where('expires_at', '<=', at).execute();
    const user = await trx
      .selectFrom('users')
      .select('email')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('sessions')
      .values({ id, user_id: userId, created_at: at, expires_at: at + ttlMs })
      .execute();
    await audit.append({
      actor: `user:${user.email}`,
      action: 'user.signed-in',
      target: `user:${userId}`,
      ...(details !== undefined ? { data: details } : {}),
    });
    return { secret, expiresAt: at + ttlMs };
  });
}

export async function endSession(store: Store, principal: UserPrincipal): Promise<void> {
  await store.transact(async (trx, audit) => {
    await trx.deleteFrom('sessions').where('id', '=', sessionIdOf(principal.sessionSecret)).execute();
    await audit.append({
      actor: `user:${principal.email}`,
      action: 'user.signed-out',
      target: `user:${principal.userId}`,
    });
  });
}

/** The user of a session cookie, or undefined when the session is unknown, expired or the user disabled. */
export async function userOfSession(
  store: Store,
  secret: string,
  now: number,
): Promise<UserPrincipal | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
  const row = await store.reader
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.email', 'u.admin', 'u.disabled_at', 's.expires_at'])
    .where('s.id', '=', sessionIdOf(secret))
    .executeTakeFirst();
  if (row === undefined || row.expires_at <= now || row.disabled_at !== null) return undefined;
  const roles = await store.reader
    .selectFrom('project_members')
    .select(['project', 'role'])
    .where('user_id', '=', row.id)
    .execute();
  return {
    kind: 'user',
    userId: row.id,
    email: row.email,
    admin: row.admin === 1,
    roles: new Map(roles.map((r) => [r.project, r.role])),
    sessionSecret: secret,
  };
}

// ---------------------------------------------------------------------------------------- API tokens

export async function createToken(
  store: Store,
  input: { name: string; scope: TokenScope; projects: string[]; expiresAt: number },
  actor: string,
): Promise<{ token: string; view: TokenView }> {
  const projects = [...new Set(input.projects)].sort();
  if (input.scope === 'metrics' && projects.length > 0)
    throw new InvalidRequestError('a metrics token is server-wide: give it no projects');
  if (input.scope !== 'metrics' && projects.length === 0)
    throw new InvalidRequestError('a token needs at least one project');
  const { token, hash } = newApiToken();
  return store.transact(async (trx, audit, at) => {
    if (input.expiresAt <= at) throw new InvalidRequestError('a token must expire in the future');
    const row = await trx
      .insertInto('api_tokens')
      .values({
        name: input.name,
        token_hash: hash,
        scope: input.scope,
        created_by: actor,
        created_at: at,
        expires_at: input.expiresAt,
        revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (projects.length > 0)
      await trx
        .insertInto('api_token_projects')
        .values(projects.map((project) => ({ token_id: row.id, project })))
        .execute();
    const view: TokenView = {
      id: row.id,
      name: input.name,
      scope: input.scope,
      projects,
      createdBy: actor,
      createdAt: at,
      expiresAt: input.expiresAt,
      revokedAt: null,
    };
    // Never the secret, nor its hash.
    await audit.append({
      actor,
      action: 'token.created',
      target: `token:${row.id}`,
      data: { expiresAt: view.expiresAt, name: view.name, projects, scope: view.scope },
    });
    return { token, view };
  });
}

export async function listTokens(store: Store): Promise<TokenView[]> {
  const tokens = await store.db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
  const projects = await store.db
    .selectFrom('api_token_projects')
    .selectAll()
    .orderBy('token_id')
    .orderBy('project')
    .execute();
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    scope: t.scope,
    projects: projects.filter((p) => p.token_id === t.id).map((p) => p.project),
    createdBy: t.created_by,
    createdAt: t.created_at,
    expiresAt: t.expires_at,
    revokedAt: t.revoked_at,
  }));
}

export async function getToken(store: Store, id: number): Promise<TokenView | undefined> {
  return (await listTokensWhere(store, id))[0];
}

async function listTokensWhere(store: Store, id: number): Promise<TokenView[]> {
  const t = await store.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (t === undefined) return [];
  const projects = await store.db
    .selectFrom('api_token_projects')
    .select('project')
    .where('token_id', '=', id)
    .orderBy('project')
    .execute();
  return [
    {
      id: t.id,
      name: t.name,
      scope: t.scope,
      projects: projects.map((p) => p.project),
      createdBy: t.created_by,
      createdAt: t.created_at,
      expiresAt: t.expires_at,
      revokedAt: t.revoked_at,
    },
  ];
}

export async function revokeToken(store: Store, id: number, actor: string): Promise<TokenView> {
  await store.transact(async (trx, audit, at) => {
    const row = await trx
      .selectFrom('api_tokens')
      .select(['id', 'revoked_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`no token ${id}`);
    if (row.revoked_at !== null) return;
    await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
    await audit.append({ actor, action: 'token.revoked', target: `token:${id}` });
  });
  return (await getToken(store, id))!;
}

/** The principal of an API token, or undefined when it is malformed, unknown, expired or revoked. */
export async function principalOfToken(
  store: Store,
  token: string,
  now: number,
): Promise<TokenPrincipal | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  // Looked up by its SHA-256: the database never sees the secret, and an index lookup by a hash of a
  // 256-bit random value leaks nothing useful through timing.
  const row = await store.reader
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null || row.expires_at <= now) return undefined;
  const projects = await store.reader
    .selectFrom('api_token_projects')
    .select('project')
    .where('token_id', '=', row.id)
    .execute();
  return {
    kind: 'token',
    tokenId: row.id,
    name: row.name,
    scope: row.scope,
    projects: new Set(projects.map((p) => p.project)),
  };
}
