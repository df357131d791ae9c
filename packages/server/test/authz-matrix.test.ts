import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type Store } from '../src/index.js';
import { cycloneDx, implementations, nativeResult } from './helpers.js';
import {
  call,
  projectUrl,
  startApi,
  tokenFor,
  userWith,
  type Api,
  type Credentials,
} from './http-helpers.js';

/**
 * The authorization matrix of issue 7: every principal (role or token scope) against every endpoint, on
 * its own project and on the other one. Asserts the status of each call, that nothing of project B
 * reaches a principal of project A, and that no call changed what it was not allowed to change.
 */

const A = 'team-a/app';
const B = 'team-b/app';
const COMMIT_A = 'a'.repeat(40);
const COMMIT_B = 'c'.repeat(40);
const FP_A = 'a0a0a0a0a0a0a0a0';
const FP_B = 'beefbeefbeefbeef';

type Principal =
  'admin' | 'maintainerA' | 'viewerA' | 'noRoles' | 'ingestTokenA' | 'readTokenA' | 'anonymous';
const PRINCIPALS: Principal[] = [
  'admin',
  'maintainerA',
  'viewerA',
  'noRoles',
  'ingestTokenA',
  'readTokenA',
  'anonymous',
];

/** What each principal may do on project A (nothing on B, except the administrator). */
const ON_A: Record<Principal, string[]> = {
  admin: ['read', 'ingest', 'triage', 'manage-tokens', 'admin'],
  maintainerA: ['read', 'ingest', 'triage', 'manage-tokens'],
  viewerA: ['read'],
  noRoles: [],
  ingestTokenA: ['ingest'],
  readTokenA: ['read'],
  anonymous: [],
};

function uploadOf(project: string) {
  const own = project === A;
  return {
    branch: 'main',
    commit: own ? COMMIT_A : COMMIT_B,
    report: nativeResult([{ fingerprint: own ? FP_A : FP_B, path: own ? 'a/secret.ts' : 'b/secret.ts' }]),
    sbom: cycloneDx([{ name: own ? 'lodash' : 'left-pad', version: own ? '4.17.20' : '9.9.9' }]),
  };
}

/** Does a response show data of project B that the request did not itself name (an echo is no leak)? */
function leaksB(body: string, request: object): boolean {
  const asked = JSON.stringify(request);
  return [FP_B, COMMIT_B, 'left-pad', 'b/secret.ts'].some(
    (secret) => body.includes(secret) && !asked.includes(secret),
  );
}

async function snapshot(store: Store) {
  const db = store.db;
  return {
    findings: await db.selectFrom('findings').selectAll().orderBy('id').execute(),
    scans: await db.selectFrom('scans').selectAll().orderBy('id').execute(),
    components: await db.selectFrom('components').selectAll().orderBy('id').execute(),
    members: await db
      .selectFrom('project_members')
      .selectAll()
      .orderBy('user_id')
      .orderBy('project')
      .execute(),
    triage: await db.selectFrom('triage_decisions').selectAll().orderBy('id').execute(),
    users: await db
      .selectFrom('users')
      .select(['id', 'email', 'admin', 'disabled_at'])
      .orderBy('id')
      .execute(),
  };
}

describe.each(implementations())(
  'authorization matrix (role x endpoint x own/other project): $name',
  (impl) => {
    let api: Api;
    const creds = new Map<Principal, Credentials>();
    const scanIds = new Map<string, number>();
    let bystanderId = 0;

    beforeAll(async () => {
      api = await startApi({}, () => impl.open());
      const admin = await userWith(api, 'admin@example.com', {}, true);
      creds.set('admin', admin);
      creds.set('maintainerA', await userWith(api, 'maintainer@example.com', { [A]: 'maintainer' }));
      creds.set('viewerA', await userWith(api, 'viewer@example.com', { [A]: 'viewer' }));
      const noRoles = await userWith(api, 'nobody@example.com');
      creds.set('noRoles', noRoles);
      bystanderId = noRoles.id;
      creds.set('ingestTokenA', await tokenFor(api, 'ingest', [A]));
      creds.set('readTokenA', await tokenFor(api, 'read', [A]));
      creds.set('anonymous', undefined);
      for (const project of [A, B]) {
        const res = await call(api, projectUrl(project, '/scans'), { as: admin, body: uploadOf(project) });
        expect(res.statusCode, res.body).toBe(201);
        scanIds.set(project, res.json().scanId as number);
      }
    });
    afterAll(async () => {
      await api.close();
      await impl.cleanup();
    });

    /** Project-scoped endpoints: [name, permission needed, request for project P (other = the other project)]. */
    function projectEndpoints(project: string, other: string) {
      const fp = project === A ? FP_A : FP_B;
      return [
        ['GET project', 'read', { url: projectUrl(project) }],
        ['POST scans', 'ingest', { url: projectUrl(project, '/scans'), body: uploadOf(project) }],
        ['GET scans', 'read', { url: projectUrl(project, '/scans') }],
        ['GET scan', 'read', { url: projectUrl(project, `/scans/${scanIds.get(project)}`) }],
        ['GET findings', 'read', { url: projectUrl(project, '/findings') }],
        ['GET finding', 'read', { url: projectUrl(project, `/findings/${fp}`) }],
        ['GET sla', 'read', { url: projectUrl(project, '/sla') }],
        ['GET compliance', 'read', { url: projectUrl(project, '/compliance') }],
        ['GET compliance csv', 'read', { url: projectUrl(project, '/compliance?format=csv') }],
        [
          'POST triage',
          'triage',
          // Withdrawing a decision that does not exist: allowed callers get 422 and nothing changes.
          {
            url: projectUrl(project, `/findings/${fp}/triage`),
            body: { decision: 'none', justification: 'matrix' },
          },
        ],
        ['DELETE member', 'admin', { url: projectUrl(project, `/members/${bystanderId}`), method: 'DELETE' }],
        // The dashboard's project routes.
        ['GET finding table', 'read', { url: projectUrl(project, '/dashboard/findings?sort=path') }],
        ['GET facets', 'read', { url: projectUrl(project, '/dashboard/facets') }],
        ['GET components', 'read', { url: projectUrl(project, '/dashboard/components') }],
        ['GET finding audit', 'read', { url: projectUrl(project, `/findings/${fp}/audit`) }],
        [
          'POST bulk triage',
          'triage',
          // Withdrawing decisions that do not exist: allowed callers get 422 and nothing changes.
          {
            url: projectUrl(project, '/dashboard/triage'),
            body: { fingerprints: [fp], decision: 'none', justification: 'matrix' },
          },
        ],
        [
          'POST token',
          'manage-tokens',
          { url: '/api/v1/tokens', body: { name: 'm', scope: 'read', projects: [project] } },
        ],
        // Ids of the other project under this project's URL: never found, whoever asks.
        ['GET other scan', 'cross', { url: projectUrl(project, `/scans/${scanIds.get(other)}`) }],
        [
          'GET other finding',
          'cross',
          { url: projectUrl(project, `/findings/${other === A ? FP_A : FP_B}`) },
        ],
        [
          'GET other finding audit',
          'cross',
          { url: projectUrl(project, `/findings/${other === A ? FP_A : FP_B}/audit`) },
        ],
        [
          'POST other bulk triage',
          'cross',
          {
            url: projectUrl(project, '/dashboard/triage'),
            body: { fingerprints: [other === A ? FP_A : FP_B], decision: 'mitigated', justification: 'x' },
          },
        ],
        [
          'POST other triage',
          'cross',
          {
            url: projectUrl(project, `/findings/${other === A ? FP_A : FP_B}/triage`),
            body: { decision: 'mitigated', justification: 'x' },
          },
        ],
      ] as const;
    }

    it('answers every call as the matrix says, and nothing of project B reaches a principal of project A', async () => {
      const before = await snapshot(api.store);
      const failures: string[] = [];
      let calls = 0;
      for (const principal of PRINCIPALS) {
        const as = creds.get(principal);
        const userOnly = principal.endsWith('TokenA');
        for (const [project, other] of [
          [A, B],
          [B, A],
        ] as const) {
          for (const [name, permission, request] of projectEndpoints(project, other)) {
            const granted =
              principal === 'admin' ||
              (project === A &&
                ON_A[principal].includes(permission) &&
                !(permission === 'manage-tokens' && userOnly));
            const res = await call(api, request.url, {
              as,
              ...('body' in request ? { body: request.body } : {}),
              ...('method' in request ? { method: request.method } : {}),
            });
            calls += 1;
            const where = `${principal} ${name} on ${project === A ? 'A' : 'B'}: ${res.statusCode} ${res.body.slice(0, 200)}`;
            let expected: (s: number) => boolean;
            if (principal === 'anonymous') expected = (s) => s === 401;
            else if (permission === 'cross') {
              const reads =
                principal === 'admin' ||
                (project === A && ON_A[principal].includes(name.startsWith('POST') ? 'triage' : 'read'));
              expected = reads ? (s) => s === 404 : (s) => s === 403;
            } else if (granted) expected = (s) => s !== 401 && s !== 403 && s < 500;
            else expected = (s) => s === 403;
            if (!expected(res.statusCode)) failures.push(where);
            if (principal !== 'admin' && leaksB(res.body, request))
              failures.push(`${where}: leaked project B data`);
            if (
              principal !== 'admin' &&
              res.statusCode < 400 &&
              res.body.includes(B) &&
              !(name === 'POST token' && project === B)
            )
              failures.push(`${where}: named project B`);
          }
        }

        // Global endpoints.
        const globals = [
          ['GET projects', 'authenticated', { url: '/api/v1/projects' }],
          ['GET packages (B only)', 'authenticated', { url: '/api/v1/packages?name=left-pad' }],
          ['GET packages (A)', 'authenticated', { url: '/api/v1/packages?name=lodash' }],
          ['GET users', 'admin', { url: '/api/v1/users' }],
          [
            'POST users',
            'admin',
            { url: '/api/v1/users', body: { email: 'x@example.com', password: 'short' } },
          ],
          ['DELETE user', 'admin', { url: `/api/v1/users/999999`, method: 'DELETE' }],
          ['GET tokens', 'user', { url: '/api/v1/tokens' }],
          ['DELETE token', 'user', { url: '/api/v1/tokens/999999', method: 'DELETE' }],
          ['GET audit export', 'admin', { url: '/api/v1/audit/export' }],
          ['GET audit verify', 'admin', { url: '/api/v1/audit/verify' }],
          ['GET session', 'authenticated', { url: '/api/v1/session' }],
          // Metrics and the SLA overview span every project: administrators (and metrics tokens) only.
          ['GET metrics', 'admin', { url: '/metrics' }],
          ['GET sla overview', 'admin', { url: '/api/v1/sla' }],
          ['GET sla policy', 'admin', { url: '/api/v1/sla/policy' }],
          ['PUT sla policy', 'admin', { url: '/api/v1/sla/policy', method: 'PUT', body: {} }],
          // The dashboard's cross-project views show only the projects the caller may read.
          ['GET dashboard overview', 'authenticated', { url: '/api/v1/dashboard/overview' }],
          [
            'GET dashboard overview (team B)',
            'authenticated',
            { url: '/api/v1/dashboard/overview?team=team-b' },
          ],
          ['GET rule usage', 'authenticated', { url: '/api/v1/rules/usage?rule=secrets%2Ftest-rule' }],
          ['GET audit entries', 'admin', { url: '/api/v1/audit/entries' }],
        ] as const;
        for (const [name, access, request] of globals) {
          const res = await call(api, request.url, {
            as,
            ...('body' in request ? { body: request.body } : {}),
            ...('method' in request ? { method: request.method } : {}),
          });
          calls += 1;
          const granted =
            principal !== 'anonymous' &&
            (access === 'authenticated' ||
              (access === 'user' && !userOnly) ||
              (access === 'admin' && principal === 'admin'));
          const ok =
            principal === 'anonymous'
              ? res.statusCode === 401
              : granted
                ? res.statusCode < 400 || res.statusCode === 404 || res.statusCode === 422
                : res.statusCode === 403;
          const where = `${principal} ${name}: ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (!ok) failures.push(where);
          if (principal !== 'admin' && (leaksB(res.body, request) || res.body.includes(B)))
            failures.push(`${where}: leaked project B`);
        }
      }
      expect(failures).toEqual([]);
      expect(calls).toBe(PRINCIPALS.length * (2 * 22 + 19));

      // Zero writes: findings, scans, components, roles, triage and users are as before (uploads were
      // exact re-uploads, triage calls withdrew nothing, member and user calls named nobody).
      expect(await snapshot(api.store)).toEqual(before);
      // Tokens for B exist only where the administrator made them.
      const tokensForB = await api.store.db
        .selectFrom('api_tokens as t')
        .innerJoin('api_token_projects as p', 'p.token_id', 't.id')
        .select(['t.created_by'])
        .where('p.project', '=', B)
        .execute();
      expect(new Set(tokensForB.map((t) => t.created_by))).toEqual(new Set(['user:admin@example.com']));
    });

    it('covers every project-scoped route of the API', () => {
      const scoped = API_ROUTES.filter((r) => r.url.includes(':project')).map((r) => `${r.method} ${r.url}`);
      expect(scoped.sort()).toEqual(
        [
          'GET /api/v1/projects/:project',
          'POST /api/v1/projects/:project/scans',
          'GET /api/v1/projects/:project/scans',
          'GET /api/v1/projects/:project/scans/:scanId',
          'GET /api/v1/projects/:project/findings',
          'GET /api/v1/projects/:project/findings/:fingerprint',
          'GET /api/v1/projects/:project/sla',
          'GET /api/v1/projects/:project/compliance',
          'POST /api/v1/projects/:project/findings/:fingerprint/triage',
          'PUT /api/v1/projects/:project/members/:userId',
          'DELETE /api/v1/projects/:project/members/:userId',
          'GET /api/v1/projects/:project/dashboard/findings',
          'GET /api/v1/projects/:project/dashboard/facets',
          'GET /api/v1/projects/:project/dashboard/components',
          'GET /api/v1/projects/:project/findings/:fingerprint/audit',
          'POST /api/v1/projects/:project/dashboard/triage',
        ].sort(),
      );
      // Every route declares its access; only health, sign-in (password and OIDC), setup and the
      // dashboard's session probe are public.
      expect(
        API_ROUTES.filter((r) => r.access === 'public')
          .map((r) => r.operationId)
          .sort(),
      ).toEqual(
        [
          'createFirstAdmin',
          'health',
          'ready',
          'signIn',
          'signInMethods',
          'oidcSignIn',
          'oidcCallback',
          'sessionState',
        ].sort(),
      );
    });
  },
);
