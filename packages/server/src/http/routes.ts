import { Readable } from 'node:stream';
import {
  checkPassword,
  countAdmins,
  createSession,
  createToken,
  createUser,
  disableUser,
  endSession,
  getToken,
  listTokens,
  listUsers,
  revokeToken,
  setProjectRole,
  userOfSession,
  type TokenView,
} from '../auth/accounts.js';
import { actorOf, allows, isAdmin, type Principal } from '../auth/principal.js';
import { csrfTokenOf, safeEqual, sha256Hex } from '../auth/secrets.js';
import { exportAuditJsonl, verifyAudit } from '../audit/index.js';
import { SCHEMA_VERSION, schemaVersion } from '../db/migrations.js';
import type { FindingState, ProjectRole, TokenScope, TriageDecision } from '../db/schema.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
  UnauthenticatedError,
} from '../errors.js';
import { ingest, type Upload } from '../ingest/index.js';
import type { Severity } from '../ingest/model.js';
import type { FindingFilter } from '../store.js';
import { complianceCsv, complianceReport } from '../visibility/compliance.js';
import { collectMetrics, EXPOSITION_CONTENT_TYPE, renderExposition } from '../visibility/metrics.js';
import { checkSlaPolicy, DAY_MS, resolveSlaPolicy, summariseSla, type SlaPolicy } from '../visibility/sla.js';
import { sessionCookie } from './cookies.js';
import { DASHBOARD_ROUTES } from './dashboard-routes.js';
import { OIDC_ROUTES } from './oidc-routes.js';
import type { ApiRoute, HandlerContext } from './route.js';
import * as S from './schemas.js';
import { WEBHOOK_ROUTES } from './webhook-routes.js';
import { WATCH_ROUTES } from './watch-routes.js';

const DAY = 24 * 60 * 60 * 1000;

/** The principal of a non-public route (the server checked it exists). */
function who(ctx: HandlerContext): Principal {
  if (ctx.principal === undefined) throw new UnauthenticatedError();
  return ctx.principal;
}

function projectOf(ctx: HandlerContext): string {
  return ctx.params.project as string;
}

// Cursors are opaque to clients; inside they name the last id of the page.
function encodeCursor(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString('base64url');
}

function decodeCursor(kind: string, cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = new RegExp(`^${kind}:([1-9][0-9]{0,15})$`).exec(text);
  if (match === null)
    throw new ServerError('the cursor is not one this endpoint returned', 400, 'invalid-cursor');
  return Number(match[1]);
}

async function projectExists(
  ctx: HandlerContext,
  project: string,
): Promise<{ name: string; createdAt: number }> {
  const found = (await ctx.server.store.listProjects()).find((p) => p.name === project);
  if (found === undefined) throw new NotFoundError(`no project "${project}"`);
  return { name: found.name, createdAt: found.createdAt };
}

const RAW_MARKERS = ['runs', 'bomFormat', 'spdxVersion', 'findings', 'schemaVersion'];

/** The upload a request describes: an envelope (context in the body) or a bare document (context in the query). */
function uploadOf(ctx: HandlerContext): Upload {
  const body = ctx.body as Record<string, unknown>;
  const project = projectOf(ctx);
  const actor = actorOf(who(ctx));
  const raw = RAW_MARKERS.some((key) => key in body);
  if (!raw) {
    if (Object.keys(ctx.query).length > 0)
      throw new InvalidRequestError('give the context in the upload body or in the query string, not both');
    return { ...(body as Omit<Upload, 'project'>), project, actor };
  }
  const context = ctx.query as Pick<Upload, 'branch' | 'commit' | 'pipelineUrl' | 'kind'>;
  const sbom = 'bomFormat' in body || 'spdxVersion' in body;
  return { ...context, project, actor, ...(sbom ? { sbom: body } : { report: body }) };
}

function canManageToken(principal: Principal, token: Pick<TokenView, 'projects'>): boolean {
  // A token of no project (metrics) is server-wide: an administrator's.
  if (token.projects.length === 0) return isAdmin(principal);
  return token.projects.every((project) => allows(principal, 'manage-tokens', project));
}

/** The setting that holds the SLA policy set through the API. */
export const SLA_POLICY_SETTING = 'sla-policy';

async function storedSlaPolicy(ctx: HandlerContext): Promise<Partial<SlaPolicy> | undefined> {
  const stored = await ctx.server.store.getSetting(SLA_POLICY_SETTING);
  return stored === undefined ? undefined : checkSlaPolicy(stored as Record<string, unknown>);
}

/** The policy in force: defaults, then the server's options, then what an administrator stored. */
async function slaPolicyOf(ctx: HandlerContext): Promise<SlaPolicy> {
  return resolveSlaPolicy(ctx.server.slaPolicy, await storedSlaPolicy(ctx));
}

function sessionView(ctx: HandlerContext, principal: Principal) {
  if (principal.kind === 'token')
    return { kind: 'token', token: { id: principal.tokenId, name: principal.name, scope: principal.scope } };
  return {
    kind: 'user',
    user: {
      id: principal.userId,
      email: principal.email,
      admin: principal.admin,
      roles: [...principal.roles]
        .map(([project, role]) => ({ project, role }))
        .sort((a, b) => (a.project < b.project ? -1 : 1)),
    },
    csrfToken: csrfTokenOf(principal.sessionSecret),
  };
}

function readyStatus(ctx: HandlerContext) {
  return schemaVersion(ctx.server.store.reader).then(
    (version) => {
      if (version !== SCHEMA_VERSION) {
        ctx.reply.code(503);
        return { status: 'not-migrated', schemaVersion: version };
      }
      return { status: 'ready', schemaVersion: version };
    },
    () => {
      ctx.reply.code(503);
      return { status: 'store-unreachable' };
    },
  );
}

/** Every route of the API. The OpenAPI document is generated from this table. */
export const API_ROUTES: readonly ApiRoute[] = [
  // ----------------------------------------------------------------------------------------- health
  {
    method: 'GET',
    url: '/healthz',
    operationId: 'health',
    summary: 'The process is up',
    tag: 'health',
    access: 'public',
    schema: { response: { 200: S.STATUS } },
    handler: () => Promise.resolve({ status: 'ok' }),
  },
  {
    method: 'GET',
    url: '/readyz',
    operationId: 'ready',
    summary: 'The store is reachable and migrated',
    tag: 'health',
    access: 'public',
    schema: { response: { 200: S.STATUS, 503: S.STATUS } },
    handler: readyStatus,
  },

  // ---------------------------------------------------------------------------------------- session
  {
    method: 'POST',
    url: '/api/v1/session',
    operationId: 'signIn',
    summary: 'Sign in with an e-mail address and a password',
    description:
      'Sets the HttpOnly session cookie and returns the CSRF token to send as `X-CSRF-Token` on state-changing requests. Rate limited.',
    tag: 'session',
    access: 'public',
    kind: 'login',
    schema: { body: S.LOGIN_BODY, response: { 200: S.SESSION } },
    async handler(ctx) {
      const { email, password } = ctx.body as { email: string; password: string };
      const wait = ctx.server.limiters.loginAccount.take(email.trim().toLowerCase());
      if (wait > 0) throw new RateLimitError('too many sign-in attempts for this account', wait);
      const userId = await checkPassword(ctx.server.store, email, password);
      if (userId === undefined) {
        ctx.request.log.warn({ event: 'sign-in-failed' }, 'sign-in failed');
        throw new ServerError('wrong e-mail address or password', 401, 'invalid-credentials');
      }
      const session = await createSession(ctx.server.store, userId, ctx.server.sessionTtlMs);
      ctx.reply.header(
        'set-cookie',
        sessionCookie(session.secret, {
          secure: ctx.server.secureCookies,
          maxAge: ctx.server.sessionTtlMs / 1000,
        }),
      );
      const principal = await userOfSession(ctx.server.store, session.secret, ctx.server.now());
      return sessionView(ctx, principal!);
    },
  },
  {
    method: 'GET',
    url: '/api/v1/session',
    operationId: 'whoAmI',
    summary: 'The caller: the signed-in user (with the CSRF token) or the API token',
    tag: 'session',
    access: 'authenticated',
    schema: { response: { 200: S.SESSION } },
    handler: (ctx) => Promise.resolve(sessionView(ctx, who(ctx))),
  },
  {
    method: 'DELETE',
    url: '/api/v1/session',
    operationId: 'signOut',
    summary: 'Sign out (ends the session)',
    tag: 'session',
    access: 'user',
    schema: { response: { 204: S.EMPTY } },
    async handler(ctx) {
      const principal = who(ctx);
      if (principal.kind === 'user') await endSession(ctx.server.store, principal);
      ctx.reply.header('set-cookie', sessionCookie('', { secure: ctx.server.secureCookies, maxAge: 0 }));
      ctx.reply.code(204);
      return null;
    },
  },
  {
    method: 'POST',
    url: '/api/v1/setup',
    operationId: 'createFirstAdmin',
    summary: 'Create the first administrator with the one-time setup token the server printed',
    tag: 'session',
    access: 'public',
    kind: 'login',
    schema: { body: S.SETUP_BODY, response: { 201: S.USER } },
    async handler(ctx) {
      const { setupToken, email, password } = ctx.body as {
        setupToken: string;
        email: string;
        password: string;
      };
      const expected = ctx.server.setup.tokenHash;
      if (expected === undefined || (await countAdmins(ctx.server.store)) > 0)
        throw new ConflictError(
          'setup is closed: an administrator exists (or the server printed no setup token)',
        );
      if (!safeEqual(sha256Hex(setupToken), expected))
        throw new ServerError('wrong setup token', 401, 'invalid-credentials');
      const user = await createUser(ctx.server.store, { email, password, admin: true }, 'setup-token', {
        onlyIfNoAdmin: true,
      });
      ctx.server.setup.tokenHash = undefined;
      ctx.reply.code(201);
      return user;
    },
  },

  // --------------------------------------------------------------------------------------- projects
  {
    method: 'GET',
    url: '/api/v1/projects',
    operationId: 'listProjects',
    summary: 'The projects the caller may read, by name',
    tag: 'projects',
    access: 'authenticated',
    schema: { response: { 200: S.list(S.PROJECT) } },
    async handler(ctx) {
      const principal = who(ctx);
      const projects = await ctx.server.store.listProjects();
      return {
        items: projects
          .filter((p) => allows(principal, 'read', p.name))
          .map((p) => ({ name: p.name, createdAt: p.createdAt })),
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project',
    operationId: 'getProject',
    summary: 'One project',
    tag: 'projects',
    access: { project: 'read' },
    schema: { params: S.PROJECT_PARAMS, response: { 200: S.PROJECT } },
    handler: (ctx) => projectExists(ctx, projectOf(ctx)),
  },
  {
    method: 'POST',
    url: '/api/v1/projects/:project/scans',
    operationId: 'uploadScan',
    summary: 'Upload a scan: a Rampart JSON result, a SARIF 2.1.0 log and/or an SBOM, with its context',
    description:
      'The body is either an upload envelope (`report` and/or `sbom` with `branch`, `commit`, `pipelineUrl`, `kind`) or a bare document with the context in the query string. `Content-Encoding: gzip` is accepted. The project is created by its first upload. Re-uploading the same scan changes nothing (200 with `duplicate: true`).',
    tag: 'scans',
    access: { project: 'ingest' },
    kind: 'ingest',
    schema: {
      params: S.PROJECT_PARAMS,
      querystring: S.UPLOAD_QUERY,
      body: S.UPLOAD_BODY,
      response: { 200: S.INGEST_RESULT, 201: S.INGEST_RESULT },
    },
    async handler(ctx) {
      const started = performance.now();
      const result = await ingest(ctx.server.store, uploadOf(ctx));
      ctx.server.metrics.ingestSeconds.observe((performance.now() - started) / 1000);
      ctx.reply.code(result.duplicate ? 200 : 201);
      ctx.request.log.info(
        { event: 'scan-ingested', project: result.project, scanId: result.scanId, findings: result.findings },
        'scan ingested',
      );
      if (!result.duplicate)
        ctx.server.events.emit({
          type: 'scan.ingested',
          at: ctx.server.now(),
          project: result.project,
          result,
        });
      return result;
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/scans',
    operationId: 'listScans',
    summary: "The project's scans, newest first",
    tag: 'scans',
    access: { project: 'read' },
    schema: { params: S.PROJECT_PARAMS, querystring: S.SCANS_QUERY, response: { 200: S.page(S.SCAN) } },
    async handler(ctx) {
      const query = ctx.query as { branch?: string; limit: number; cursor?: string };
      const beforeId = decodeCursor('s', query.cursor);
      const scans = await ctx.server.store.scanHistory(projectOf(ctx), {
        limit: query.limit + 1,
        ...(query.branch !== undefined ? { branch: query.branch } : {}),
        ...(beforeId !== undefined ? { beforeId } : {}),
      });
      const items = scans.slice(0, query.limit);
      return {
        items,
        nextCursor: scans.length > query.limit ? encodeCursor('s', items[items.length - 1]!.id) : null,
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/scans/:scanId',
    operationId: 'getScan',
    summary: 'One scan of the project',
    tag: 'scans',
    access: { project: 'read' },
    schema: {
      params: {
        type: 'object',
        required: ['project', 'scanId'],
        properties: { project: S.PROJECT_NAME, scanId: { type: 'integer', minimum: 1 } },
      },
      response: { 200: S.SCAN },
    },
    async handler(ctx) {
      const scanId = ctx.params.scanId as number;
      const project = projectOf(ctx);
      let scan;
      try {
        scan = await ctx.server.store.getScan(scanId);
      } catch (error) {
        if (error instanceof NotFoundError)
          throw new NotFoundError(`no scan ${scanId} in project "${project}"`);
        throw error;
      }
      // Another project's scan is as absent as one that does not exist.
      if (scan.project !== project) throw new NotFoundError(`no scan ${scanId} in project "${project}"`);
      return scan;
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/findings',
    operationId: 'listFindings',
    summary: "The project's findings, in a stable order (by id), one page at a time",
    tag: 'findings',
    access: { project: 'read' },
    schema: { params: S.PROJECT_PARAMS, querystring: S.FINDINGS_QUERY, response: { 200: S.page(S.FINDING) } },
    async handler(ctx) {
      const query = ctx.query as {
        severity?: Severity[];
        state?: FindingState[];
        scanner?: string[];
        rule?: string[];
        path?: string;
        triaged?: boolean;
        limit: number;
        cursor?: string;
      };
      const afterId = decodeCursor('f', query.cursor);
      const filter: FindingFilter = {
        limit: query.limit + 1,
        ...(query.severity && { severities: query.severity }),
        ...(query.state && { states: query.state }),
        ...(query.scanner && { scanners: query.scanner }),
        ...(query.rule && { ruleIds: query.rule }),
        ...(query.path !== undefined && { pathPrefix: query.path }),
        ...(query.triaged !== undefined && { triaged: query.triaged }),
        ...(afterId !== undefined && { afterId }),
      };
      const findings = await ctx.server.store.listFindings(projectOf(ctx), filter);
      const items = findings.slice(0, query.limit);
      return {
        items,
        nextCursor: findings.length > query.limit ? encodeCursor('f', items[items.length - 1]!.id) : null,
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/findings/:fingerprint',
    operationId: 'getFinding',
    summary: 'One finding with the scans that saw it and its triage history',
    tag: 'findings',
    access: { project: 'read' },
    schema: {
      params: {
        type: 'object',
        required: ['project', 'fingerprint'],
        properties: { project: S.PROJECT_NAME, fingerprint: S.FINGERPRINT },
      },
      response: { 200: S.FINDING_DETAIL },
    },
    async handler(ctx) {
      const project = projectOf(ctx);
      const fingerprint = ctx.params.fingerprint as string;
      const { findings, scans } = await ctx.server.store.findingsWithScans(project, {
        fingerprints: [fingerprint],
        limit: 1,
      });
      const finding = findings[0];
      if (finding === undefined) throw new NotFoundError(`no finding ${fingerprint} in project "${project}"`);
      const { scanIds: _ids, ...view } = finding;
      const triageHistory = await ctx.server.store.triageHistory(project, fingerprint);
      return { finding: view, scans: [...scans].sort((a, b) => b.id - a.id), triageHistory };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/projects/:project/findings/:fingerprint/triage',
    operationId: 'triageFinding',
    summary: 'Record a triage decision (false positive, accepted risk, mitigated) or withdraw it (`none`)',
    description:
      'A justification is required. An accepted risk also needs an approver and an expiry (`expiresAt`, ms since the epoch). Recorded in the audit log with the caller.',
    tag: 'findings',
    access: { project: 'triage' },
    schema: {
      params: {
        type: 'object',
        required: ['project', 'fingerprint'],
        properties: { project: S.PROJECT_NAME, fingerprint: S.FINGERPRINT },
      },
      body: S.TRIAGE_BODY,
      response: { 200: S.FINDING },
    },
    async handler(ctx) {
      const body = ctx.body as {
        decision: TriageDecision | 'none';
        justification: string;
        approver?: string;
        expiresAt?: number;
      };
      return ctx.server.store.triage(projectOf(ctx), ctx.params.fingerprint as string, {
        ...body,
        actor: actorOf(who(ctx)),
      });
    },
  },
  {
    method: 'GET',
    url: '/api/v1/packages',
    operationId: 'findPackageUsage',
    summary: 'Which projects (that the caller may read) use a package, optionally at a version',
    description: 'From the latest SBOM of each project and branch, or every stored SBOM with `history=true`.',
    tag: 'projects',
    access: 'authenticated',
    schema: { querystring: S.PACKAGES_QUERY, response: { 200: S.list(S.PACKAGE_USAGE) } },
    async handler(ctx) {
      const principal = who(ctx);
      const query = ctx.query as { name: string; version?: string; ecosystem?: string; history: boolean };
      const rows = await ctx.server.store.projectsUsingPackage(query);
      return { items: rows.filter((row) => allows(principal, 'read', row.project)) };
    },
  },

  // ------------------------------------------------------------------------------------------ users
  {
    method: 'GET',
    url: '/api/v1/users',
    operationId: 'listUsers',
    summary: 'Every user with their project roles',
    tag: 'users',
    access: 'admin',
    schema: { response: { 200: S.list(S.USER) } },
    handler: async (ctx) => ({ items: await listUsers(ctx.server.store) }),
  },
  {
    method: 'POST',
    url: '/api/v1/users',
    operationId: 'createUser',
    summary: 'Create a user (password of at least 12 characters)',
    tag: 'users',
    access: 'admin',
    schema: { body: S.USER_BODY, response: { 201: S.USER } },
    async handler(ctx) {
      const body = ctx.body as { email: string; password: string; admin: boolean };
      const user = await createUser(ctx.server.store, body, actorOf(who(ctx)));
      ctx.reply.code(201);
      return user;
    },
  },
  {
    method: 'DELETE',
    url: '/api/v1/users/:userId',
    operationId: 'disableUser',
    summary: 'Disable a user: their sessions end; the account and its history stay',
    tag: 'users',
    access: 'admin',
    schema: { params: S.USER_PARAMS, response: { 204: S.EMPTY } },
    async handler(ctx) {
      const principal = who(ctx);
      const userId = ctx.params.userId as number;
      if (principal.kind === 'user' && principal.userId === userId)
        throw new InvalidRequestError('an administrator cannot disable their own account');
      await disableUser(ctx.server.store, userId, actorOf(principal));
      ctx.reply.code(204);
      return null;
    },
  },
  {
    method: 'PUT',
    url: '/api/v1/projects/:project/members/:userId',
    operationId: 'setProjectRole',
    summary: 'Grant a user a role on a project (maintainer or viewer)',
    tag: 'users',
    access: 'admin',
    schema: { params: S.MEMBER_PARAMS, body: S.MEMBER_BODY, response: { 204: S.EMPTY } },
    async handler(ctx) {
      const { role } = ctx.body as { role: ProjectRole };
      await setProjectRole(
        ctx.server.store,
        ctx.params.userId as number,
        projectOf(ctx),
        role,
        actorOf(who(ctx)),
      );
      ctx.reply.code(204);
      return null;
    },
  },
  {
    method: 'DELETE',
    url: '/api/v1/projects/:project/members/:userId',
    operationId: 'removeProjectRole',
    summary: "Withdraw a user's role on a project",
    tag: 'users',
    access: 'admin',
    schema: { params: S.MEMBER_PARAMS, response: { 204: S.EMPTY } },
    async handler(ctx) {
      await setProjectRole(
        ctx.server.store,
        ctx.params.userId as number,
        projectOf(ctx),
        null,
        actorOf(who(ctx)),
      );
      ctx.reply.code(204);
      return null;
    },
  },

  // ----------------------------------------------------------------------------------------- tokens
  {
    method: 'POST',
    url: '/api/v1/tokens',
    operationId: 'createToken',
    summary: 'Create an API token for projects the caller maintains (the secret is returned once)',
    tag: 'tokens',
    access: 'user',
    schema: { body: S.TOKEN_BODY, response: { 201: S.NEW_TOKEN } },
    async handler(ctx) {
      const principal = who(ctx);
      const body = ctx.body as { name: string; scope: TokenScope; projects: string[]; expiresInDays: number };
      if (body.scope === 'metrics' && !isAdmin(principal))
        throw new ForbiddenError('only an administrator can create a metrics token');
      const denied = body.projects.filter((p) => !allows(principal, 'manage-tokens', p));
      if (denied.length > 0)
        throw new ForbiddenError(
          `only an administrator or a maintainer of ${denied.join(', ')} can create this token`,
        );
      const { token, view } = await createToken(
        ctx.server.store,
        {
          name: body.name,
          scope: body.scope,
          projects: body.projects,
          expiresAt: ctx.server.now() + body.expiresInDays * DAY,
        },
        actorOf(principal),
      );
      ctx.reply.code(201);
      ctx.reply.header('cache-control', 'no-store');
      return { token, info: view };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/tokens',
    operationId: 'listTokens',
    summary: 'The API tokens the caller manages (never their secrets)',
    tag: 'tokens',
    access: 'user',
    schema: { response: { 200: S.list(S.TOKEN) } },
    async handler(ctx) {
      const principal = who(ctx);
      return { items: (await listTokens(ctx.server.store)).filter((t) => canManageToken(principal, t)) };
    },
  },
  {
    method: 'DELETE',
    url: '/api/v1/tokens/:tokenId',
    operationId: 'revokeToken',
    summary: 'Revoke an API token (at once)',
    tag: 'tokens',
    access: 'user',
    schema: { params: S.TOKEN_PARAMS, response: { 200: S.TOKEN } },
    async handler(ctx) {
      const principal = who(ctx);
      const id = ctx.params.tokenId as number;
      const token = await getToken(ctx.server.store, id);
      // A token of someone else's project is as absent as one that does not exist.
      if (token === undefined || !canManageToken(principal, token)) throw new NotFoundError(`no token ${id}`);
      return revokeToken(ctx.server.store, id, actorOf(principal));
    },
  },

  // ------------------------------------------------------------------------------------------ audit
  {
    method: 'GET',
    url: '/api/v1/audit/export',
    operationId: 'exportAudit',
    summary: 'The whole audit log as JSON lines (entries and their signed checkpoints)',
    description: 'Verify offline with `rampart audit verify --export file.jsonl --public-key key.pem`.',
    tag: 'audit',
    access: 'admin',
    produces: 'application/x-ndjson',
    schema: { response: { 200: { type: 'string', description: 'JSON lines' } } },
    handler(ctx) {
      ctx.reply.type('application/x-ndjson');
      ctx.reply.header('content-disposition', 'attachment; filename="rampart-audit.jsonl"');
      return Promise.resolve(Readable.from(exportAuditJsonl(ctx.server.store)));
    },
  },
  {
    method: 'GET',
    url: '/api/v1/audit/verify',
    operationId: 'verifyAudit',
    summary: "Verify the audit log's hash chain and checkpoint signatures now",
    tag: 'audit',
    access: 'admin',
    schema: { response: { 200: S.AUDIT_VERIFICATION } },
    handler: (ctx) => verifyAudit(ctx.server.store, ctx.server.store.signingKey.publicKey),
  },
  {
    method: 'GET',
    url: '/api/v1/audit/public-key',
    operationId: 'auditPublicKey',
    summary: 'The public key that verifies audit checkpoints (keep a copy outside the server)',
    tag: 'audit',
    access: 'authenticated',
    schema: {
      response: {
        200: {
          type: 'object',
          required: ['keyId', 'publicKeyPem'],
          properties: { keyId: { type: 'string' }, publicKeyPem: { type: 'string' } },
        },
      },
    },
    handler: (ctx) =>
      Promise.resolve({
        keyId: ctx.server.store.signingKey.keyId,
        publicKeyPem: ctx.server.store.signingKey.publicKeyPem,
      }),
  },
  // ------------------------------------------------------------------------------------ visibility
  {
    method: 'GET',
    url: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics (text exposition format 0.0.4)',
    description:
      'Findings by project, severity and state; scans ingested; SLA breaches by project and severity; the SLA policy; ingest latency and HTTP requests of this process. Scrape with an API token of the `metrics` scope (created by an administrator) as a bearer token.',
    tag: 'visibility',
    access: 'metrics',
    produces: EXPOSITION_CONTENT_TYPE,
    schema: { response: { 200: { type: 'string', description: 'Prometheus text exposition format' } } },
    async handler(ctx) {
      const families = await collectMetrics(
        ctx.server.store,
        ctx.server.metrics,
        await slaPolicyOf(ctx),
        ctx.server.now(),
      );
      ctx.reply.type(EXPOSITION_CONTENT_TYPE);
      return renderExposition(families);
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/sla',
    operationId: 'getProjectSla',
    summary: "The project's SLA status: open and breached findings, mean time to remediate, the breaches",
    description:
      "Each finding's deadline is its first sighting plus the policy's days for its severity (`info` has none). Open means new, open or reopened without a triage decision; mean time to remediate runs from first seen to fixed.",
    tag: 'visibility',
    access: { project: 'read' },
    schema: { params: S.PROJECT_PARAMS, querystring: S.SLA_QUERY, response: { 200: S.PROJECT_SLA } },
    async handler(ctx) {
      const project = projectOf(ctx);
      const { limit } = ctx.query as { limit: number };
      const now = ctx.server.now();
      const policy = await slaPolicyOf(ctx);
      const counts = await ctx.server.store.slaCounts(policy, now, project);
      const severities = summariseSla(policy, counts);
      const breaches = limit === 0 ? [] : await ctx.server.store.slaBreaches(project, policy, now, limit);
      const total = severities.reduce((sum, s) => sum + s.breached, 0);
      return {
        project,
        asOf: now,
        policy,
        severities,
        breaches: breaches.map((b) => ({ ...b, daysOverdue: Math.floor((now - b.dueAt) / DAY_MS) })),
        moreBreaches: total > breaches.length,
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/sla',
    operationId: 'getSlaOverview',
    summary: 'SLA status of every project, and the totals',
    tag: 'visibility',
    access: 'admin',
    schema: { response: { 200: S.SLA_OVERVIEW } },
    async handler(ctx) {
      const now = ctx.server.now();
      const policy = await slaPolicyOf(ctx);
      const counts = await ctx.server.store.slaCounts(policy, now);
      const projects = [...new Set(counts.map((c) => c.project))].sort();
      return {
        asOf: now,
        policy,
        totals: summariseSla(policy, counts),
        projects: projects.map((project) => ({
          project,
          severities: summariseSla(
            policy,
            counts.filter((c) => c.project === project),
          ),
        })),
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/sla/policy',
    operationId: 'getSlaPolicy',
    summary: 'The SLA policy in force, and what was stored through the API',
    tag: 'visibility',
    access: 'admin',
    schema: { response: { 200: S.SLA_POLICY_VIEW } },
    async handler(ctx) {
      return { policy: await slaPolicyOf(ctx), stored: (await storedSlaPolicy(ctx)) ?? null };
    },
  },
  {
    method: 'PUT',
    url: '/api/v1/sla/policy',
    operationId: 'setSlaPolicy',
    summary: "Set the server's SLA policy (days per severity); recorded in the audit log",
    tag: 'visibility',
    access: 'admin',
    schema: { body: S.SLA_POLICY_BODY, response: { 200: S.SLA_POLICY_VIEW } },
    async handler(ctx) {
      const stored = checkSlaPolicy(ctx.body as Record<string, unknown>);
      const empty = Object.keys(stored).length === 0;
      await ctx.server.store.putSetting(SLA_POLICY_SETTING, empty ? null : stored, actorOf(who(ctx)));
      return { policy: await slaPolicyOf(ctx), stored: empty ? null : stored };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/compliance',
    operationId: 'getProjectCompliance',
    summary: "The project's findings per OWASP Top 10 2021 category and OWASP ASVS 4.0.3 chapter, by CWE",
    description:
      'Per category: open (unresolved, untriaged), triaged and fixed findings and the rules involved. A finding with several CWEs counts once in each category they reach. `?format=csv` returns the same as CSV.',
    tag: 'visibility',
    access: { project: 'read' },
    alternative: { contentType: 'text/csv', schema: { type: 'string', description: 'one row per category' } },
    schema: { params: S.PROJECT_PARAMS, querystring: S.COMPLIANCE_QUERY, response: { 200: S.COMPLIANCE } },
    async handler(ctx) {
      const project = projectOf(ctx);
      const report = complianceReport(project, await ctx.server.store.complianceFindings(project));
      if ((ctx.query as { format: string }).format !== 'csv') return report;
      ctx.reply.type('text/csv; charset=utf-8');
      ctx.reply.header(
        'content-disposition',
        `attachment; filename="${project.replace(/[^A-Za-z0-9._-]/g, '_')}-compliance.csv"`,
      );
      return complianceCsv(report);
    },
  },
  // ------------------------------------------------------------------------------------ webhooks
  ...WEBHOOK_ROUTES,
  // ------------------------------------------------------------------------------- OIDC sign-in
  ...OIDC_ROUTES,
  ...WATCH_ROUTES,
  // ------------------------------------------------------------------------------------- dashboard
  ...DASHBOARD_ROUTES,
];
