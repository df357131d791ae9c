import { userOfSession } from '../auth/accounts.js';
import { actorOf, allows, type Principal } from '../auth/principal.js';
import { csrfTokenOf } from '../auth/secrets.js';
import { bulkTriage } from '../bulk-triage.js';
import type { FindingState, TriageDecision } from '../db/schema.js';
import { UnauthenticatedError } from '../errors.js';
import type { Severity } from '../ingest/model.js';
import {
  auditPage,
  findingAudit,
  findingFacets,
  findingTable,
  overview,
  projectComponents,
  projectIdOf,
  readableProjects,
  ruleUsage,
  teamOf,
  type SortKey,
} from '../visibility/dashboard.js';
import { checkSlaPolicy, DAY_MS, resolveSlaPolicy, type SlaPolicy } from '../visibility/sla.js';
import { parseCookies, SESSION_COOKIE } from './cookies.js';
import * as D from './dashboard-schemas.js';
import type { ApiRoute, HandlerContext } from './route.js';
import * as S from './schemas.js';

/**
 * The routes the web dashboard reads beyond the core API: aggregates over the projects the caller may
 * read, a sortable and searchable findings table, bulk triage, components of the latest SBOM, the audit
 * entries of a finding and of the whole log, and where a rule fires. Spread into `API_ROUTES`.
 */

function who(ctx: HandlerContext): Principal {
  if (ctx.principal === undefined) throw new UnauthenticatedError();
  return ctx.principal;
}

function projectOf(ctx: HandlerContext): string {
  return ctx.params.project as string;
}

/** The SLA policy in force (as `routes.ts` resolves it): defaults, server options, then the stored one. */
async function slaPolicy(ctx: HandlerContext): Promise<SlaPolicy> {
  const stored = await ctx.server.store.getSetting('sla-policy');
  return resolveSlaPolicy(
    ctx.server.slaPolicy,
    stored === undefined ? undefined : checkSlaPolicy(stored as Record<string, unknown>),
  );
}

export const DASHBOARD_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/session/state',
    operationId: 'sessionState',
    summary: "Whether the caller's session cookie is a live session, and if so the session (always 200)",
    description:
      "Lets the dashboard choose between its sign-in page and its pages without a request that fails; when signed in, `session` is what `GET /api/v1/session` returns (with the CSRF token). Tells nothing but that about the caller's own cookie.",
    tag: 'session',
    access: 'public',
    schema: { response: { 200: D.SESSION_STATE } },
    async handler(ctx) {
      const secret = parseCookies(ctx.request.headers.cookie).get(SESSION_COOKIE);
      if (secret === undefined || secret === '') return { signedIn: false };
      const principal = await userOfSession(ctx.server.store, secret, ctx.server.now());
      if (principal?.kind !== 'user') return { signedIn: false };
      // What `GET /api/v1/session` answers, in the same round trip: the page's first request.
      return {
        signedIn: true,
        session: {
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
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/dashboard/overview',
    operationId: 'getDashboardOverview',
    summary:
      'Open findings by severity over the last weeks, new vs fixed per week, SLA, riskiest projects, recent scans',
    description:
      'Over the projects the caller may read, or those of one team (`team`: the part of project names before the first `/`). Open counts at past weeks are reconstructed from first-seen, fixed and triage times.',
    tag: 'dashboard',
    access: 'authenticated',
    schema: { querystring: D.OVERVIEW_QUERY, response: { 200: D.OVERVIEW } },
    async handler(ctx) {
      const principal = who(ctx);
      const query = ctx.query as { team?: string; weeks: number };
      const db = ctx.server.store.db;
      const readable = (name: string) => allows(principal, 'read', name);
      const all = await readableProjects(db, readable);
      const projects = query.team === undefined ? all : all.filter((p) => teamOf(p.name) === query.team);
      const now = ctx.server.now();
      const view = await overview(db, projects, now, query.weeks);
      const names = new Set(projects.map((p) => p.name));
      let breached = 0;
      let fixed = 0;
      let remediationMs = 0;
      if (projects.length > 0)
        for (const c of await ctx.server.store.slaCounts(await slaPolicy(ctx), now)) {
          if (!names.has(c.project)) continue;
          breached += c.breached;
          fixed += c.fixed;
          remediationMs += c.remediationMsTotal;
        }
      const teams = [...new Set(all.map((p) => teamOf(p.name)).filter((t) => t !== null))].sort();
      return {
        ...view,
        teams,
        projects: projects.length,
        sla: {
          breached,
          meanTimeToRemediateDays:
            fixed === 0 ? null : Math.round((remediationMs / fixed / DAY_MS) * 10) / 10,
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/dashboard/findings',
    operationId: 'getFindingTable',
    summary: "A page of the project's findings, sorted, filtered and searched on the server, with the total",
    description:
      'Filters: scanner, severity, state, rule, path prefix, CWE, triaged, and `q` (every word must appear in the title, message, path or rule id, case-insensitive). Sorted by `sort` then id.',
    tag: 'dashboard',
    access: { project: 'read' },
    schema: { params: S.PROJECT_PARAMS, querystring: D.TABLE_QUERY, response: { 200: D.TABLE } },
    async handler(ctx) {
      const query = ctx.query as {
        severity?: Severity[];
        state?: FindingState[];
        scanner?: string[];
        rule?: string[];
        path?: string;
        cwe?: string;
        triaged?: boolean;
        q?: string;
        sort: SortKey;
        order: 'asc' | 'desc';
        offset: number;
        limit: number;
      };
      const db = ctx.server.store.db;
      const page = await findingTable(
        db,
        ctx.server.store.dialect,
        await projectIdOf(db, projectOf(ctx)),
        query,
      );
      return { ...page, offset: query.offset };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/dashboard/facets',
    operationId: 'getFindingFacets',
    summary: "The scanners and rules of the project's findings, with counts (the table's filter choices)",
    tag: 'dashboard',
    access: { project: 'read' },
    schema: { params: S.PROJECT_PARAMS, response: { 200: D.FACETS } },
    async handler(ctx) {
      const db = ctx.server.store.db;
      return findingFacets(db, await projectIdOf(db, projectOf(ctx)));
    },
  },
  {
    method: 'POST',
    url: '/api/v1/projects/:project/dashboard/triage',
    operationId: 'bulkTriageFindings',
    summary: 'Record one triage decision on several findings at once (all or none), with a justification',
    description:
      'Up to 1000 fingerprints. The same rules as a single triage: a justification always, an approver and a future `expiresAt` for an accepted risk. Each finding gets its own audit entry.',
    tag: 'dashboard',
    access: { project: 'triage' },
    schema: { params: S.PROJECT_PARAMS, body: D.BULK_TRIAGE_BODY, response: { 200: D.BULK_TRIAGE_RESULT } },
    async handler(ctx) {
      const body = ctx.body as {
        fingerprints: string[];
        decision: TriageDecision | 'none';
        justification: string;
        approver?: string;
        expiresAt?: number;
      };
      return bulkTriage(
        ctx.server.store,
        projectOf(ctx),
        { ...body, actor: actorOf(who(ctx)) },
        ctx.server.now(),
      );
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/dashboard/components',
    operationId: 'getProjectComponents',
    summary: "The components of the project's latest SBOM, vulnerable ones first, and a licence summary",
    tag: 'dashboard',
    access: { project: 'read' },
    schema: { params: S.PROJECT_PARAMS, querystring: D.COMPONENTS_QUERY, response: { 200: D.COMPONENTS } },
    async handler(ctx) {
      const query = ctx.query as { branch?: string; limit: number };
      const db = ctx.server.store.db;
      return projectComponents(db, await projectIdOf(db, projectOf(ctx)), query.branch, query.limit);
    },
  },
  {
    method: 'GET',
    url: '/api/v1/projects/:project/findings/:fingerprint/audit',
    operationId: 'getFindingAudit',
    summary: 'The audit entries about one finding (triage, reopening, fix), oldest first',
    tag: 'dashboard',
    access: { project: 'read' },
    schema: { params: D.FINDING_PARAMS, response: { 200: D.AUDIT_ENTRIES } },
    async handler(ctx) {
      const db = ctx.server.store.db;
      const project = projectOf(ctx);
      const items = await findingAudit(db, await projectIdOf(db, project), ctx.params.fingerprint as string);
      return { items };
    },
  },
  {
    method: 'GET',
    url: '/api/v1/audit/entries',
    operationId: 'listAuditEntries',
    summary: 'A page of the audit log, newest first (filter by action or actor)',
    tag: 'audit',
    access: 'admin',
    schema: { querystring: D.AUDIT_PAGE_QUERY, response: { 200: D.AUDIT_PAGE } },
    async handler(ctx) {
      const query = ctx.query as { before?: number; limit: number; action?: string; actor?: string };
      return auditPage(ctx.server.store.db, {
        limit: query.limit,
        ...(query.before !== undefined && { beforeSeq: query.before }),
        ...(query.action !== undefined && { action: query.action }),
        ...(query.actor !== undefined && { actor: query.actor }),
      });
    },
  },
  {
    method: 'GET',
    url: '/api/v1/rules/usage',
    operationId: 'findRuleUsage',
    summary: 'Where a rule fires: its findings by state in each project the caller may read',
    tag: 'dashboard',
    access: 'authenticated',
    schema: { querystring: D.RULE_USAGE_QUERY, response: { 200: D.RULE_USAGE } },
    async handler(ctx) {
      const principal = who(ctx);
      const { rule } = ctx.query as { rule: string };
      const db = ctx.server.store.db;
      const projects = await readableProjects(db, (name) => allows(principal, 'read', name));
      return { items: await ruleUsage(db, projects, rule) };
    },
  },
];
