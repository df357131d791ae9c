import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, verifyAuditExport, type ServerEvent } from '../src/index.js';
import { openApiPath } from '../src/http/openapi.js';
import { cycloneDx, manyFindings, nativeResult } from './helpers.js';
import {
  call,
  PASSWORD,
  projectUrl,
  signIn,
  startApi,
  tokenFor,
  userWith,
  type Api,
} from './http-helpers.js';

const COMMIT = 'a'.repeat(40);
const COMMIT_2 = 'b'.repeat(40);

function sarif(results: { ruleId: string; uri: string; line: number; text: string; level?: string }[]) {
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: { name: 'semgrep', version: '1.2.3', rules: results.map((r) => ({ id: r.ruleId })) },
        },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          level: r.level ?? 'error',
          message: { text: r.text },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.uri },
                region: { startLine: r.line, snippet: { text: r.text } },
              },
            },
          ],
        })),
      },
    ],
  };
}

describe('HTTP API', () => {
  let api: Api;
  let admin: { cookie: string; csrf: string; id: number };
  beforeAll(async () => {
    api = await startApi({ ingestBodyLimit: 64 * 1024 * 1024 });
    admin = await userWith(api, 'admin@example.com', {}, true);
  });
  afterAll(() => api.close());

  describe('health and the OpenAPI document', () => {
    it('answers /healthz and /readyz', async () => {
      expect((await call(api, '/healthz')).json()).toEqual({ status: 'ok' });
      const ready = await call(api, '/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready' });
    });

    it('serves an OpenAPI 3.1 document that validates and lists every route', async () => {
      const res = await call(api, '/api/openapi.json');
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      const { validate } = await import('@readme/openapi-parser');
      const result = await validate(structuredClone(doc));
      expect(result.valid, JSON.stringify(result)).toBe(true);
      expect(doc.openapi).toBe('3.1.0');
      const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(listed.sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${openApiPath(r.url)}`).sort());
      // Every route is served.
      const served = api.server.app.printRoutes({ commonPrefix: false });
      for (const route of API_ROUTES) expect(served).toContain(route.url.split('/').pop());
    });

    it('answers unknown routes with a JSON 404, and sends no-sniff, no-frame, no-store headers', async () => {
      const res = await call(api, '/api/v1/nothing');
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'cache-control': 'no-store',
      });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'not-found', message: 'no route GET /api/v1/nothing' } });
    });
  });

  describe('sessions', () => {
    it('signs in with a password, sets a strict HttpOnly cookie and signs out', async () => {
      await userWith(api, 'viewer@example.com', { 'acme/app': 'viewer' });
      const res = await call(api, '/api/v1/session', {
        body: { email: 'Viewer@Example.com', password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(
        /^rampart_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
      );
      const session = { cookie: cookie.split(';')[0]!, csrf: res.json().csrfToken as string };
      const me = await call(api, '/api/v1/session', { as: session });
      expect(me.json()).toMatchObject({ kind: 'user', user: { email: 'viewer@example.com', admin: false } });
      expect(me.json().user.roles).toEqual([{ project: 'acme/app', role: 'viewer' }]);

      // Signing out needs the CSRF token too.
      expect(
        (await call(api, '/api/v1/session', { method: 'DELETE', as: session, noCsrf: true })).statusCode,
      ).toBe(403);
      const out = await call(api, '/api/v1/session', { method: 'DELETE', as: session });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
      const after = await call(api, '/api/v1/session', { as: session });
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('unauthenticated');
    });

    it('refuses a wrong password or an unknown user with the same answer', async () => {
      const wrong = await call(api, '/api/v1/session', {
        body: { email: 'admin@example.com', password: 'nope-nope-nope' },
      });
      const unknown = await call(api, '/api/v1/session', {
        body: { email: 'ghost@example.com', password: 'nope-nope-nope' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.json().error.code).toBe('invalid-credentials');
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('refuses a state change with a session but without the CSRF token, or from another origin', async () => {
      const body = { decision: 'mitigated', justification: 'x' };
      const url = projectUrl('acme/app', '/findings/aa01/triage');
      const noToken = await call(api, url, { as: admin, body, noCsrf: true });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().error.code).toBe('csrf-failed');
      const wrongToken = await call(api, url, { as: { ...admin, csrf: 'x'.repeat(43) }, body });
      expect(wrongToken.statusCode).toBe(403);
      const otherOrigin = await call(api, url, {
        as: admin,
        body,
        headers: { origin: 'https://evil.example' },
      });
      expect(otherOrigin.statusCode).toBe(403);
      expect(otherOrigin.json().error.code).toBe('csrf-failed');
    });

    it('answers 401 without credentials and for a malformed or unknown token', async () => {
      for (const headers of [
        {} as Record<string, string>,
        { authorization: 'Basic abc' },
        { authorization: `Bearer rpt_${'A'.repeat(43)}` },
      ]) {
        const res = await call(api, '/api/v1/projects', { headers });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('unauthenticated');
      }
    });
  });

  describe('ingest', () => {
    it('ingests a native result in an envelope and reads it back; a re-upload is a duplicate', async () => {
      const body = {
        branch: 'main',
        commit: COMMIT,
        pipelineUrl: 'https://ci.example.com/run/1',
        report: nativeResult(
          [
            { fingerprint: 'aa01', severity: 'critical', path: 'src/a.ts' },
            { fingerprint: 'aa02', severity: 'low', path: 'lib/b.ts' },
            { fingerprint: 'aa03', severity: 'high', path: 'src/c.ts', scanner: 'sast', ruleId: 'sast/xss' },
          ],
          { scanners: ['secrets', 'sast'] },
        ),
      };
      const events: ServerEvent[] = [];
      const off = api.server.events.on((event) => {
        events.push(event);
      });
      const res = await call(api, projectUrl('acme/app', '/scans'), { as: admin, body });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ project: 'acme/app', findings: 3, created: 3, duplicate: false });
      const again = await call(api, projectUrl('acme/app', '/scans'), { as: admin, body });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ duplicate: true, scanId: res.json().scanId });
      await api.server.events.idle();
      off();
      // The upload is announced once; the duplicate is not.
      expect(events).toMatchObject([
        { type: 'scan.ingested', project: 'acme/app', result: { scanId: res.json().scanId, created: 3 } },
      ]);

      const scans = await call(api, projectUrl('acme/app', '/scans'), { as: admin });
      expect(scans.json().items).toHaveLength(1);
      expect(scans.json().items[0]).toMatchObject({
        branch: 'main',
        commit: COMMIT,
        pipelineUrl: 'https://ci.example.com/run/1',
        tool: { name: 'rampart' },
      });
      const one = await call(api, projectUrl('acme/app', `/scans/${res.json().scanId}`), { as: admin });
      expect(one.json().id).toBe(res.json().scanId);
    });

    it('ingests a bare SARIF log with the context in the query string, gzip-compressed', async () => {
      const log = sarif([
        { ruleId: 'js.eval', uri: 'web/app.js', line: 3, text: 'eval(input)' },
        { ruleId: 'js.sqli', uri: 'web/db.js', line: 9, text: 'query(a + b)', level: 'warning' },
      ]);
      const res = await call(api, projectUrl('acme/web', '/scans'), {
        as: admin,
        body: gzipSync(JSON.stringify(log)),
        headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' },
        query: { branch: 'main', commit: COMMIT, kind: 'full' },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ findings: 2, created: 2 });
      const findings = await call(api, projectUrl('acme/web', '/findings'), { as: admin });
      expect(
        findings.json().items.map((f: { ruleId: string; scanner: string }) => `${f.scanner} ${f.ruleId}`),
      ).toEqual(['semgrep js.eval', 'semgrep js.sqli']);
    });

    it('ingests a bare CycloneDX SBOM and answers who uses a package', async () => {
      const res = await call(api, projectUrl('acme/web', '/scans'), {
        as: admin,
        body: cycloneDx([
          { name: 'lodash', version: '4.17.20' },
          { name: 'express', version: '4.18.0' },
        ]),
        query: { branch: 'main', commit: COMMIT },
      });
      expect(res.statusCode, res.body).toBe(201);
      const usage = await call(api, '/api/v1/packages', {
        as: admin,
        query: { name: 'lodash', version: '4.17.20' },
      });
      expect(usage.json().items).toEqual([
        expect.objectContaining({ project: 'acme/web', name: 'lodash', version: '4.17.20' }),
      ]);
      const none = await call(api, '/api/v1/packages', {
        as: admin,
        query: { name: 'lodash', version: '1.0.0' },
      });
      expect(none.json().items).toEqual([]);
      expect((await call(api, '/api/v1/packages', { as: admin })).statusCode).toBe(400);
    });

    it('answers bad uploads with 4xx and a clear error, storing nothing', async () => {
      const url = projectUrl('acme/bad', '/scans');
      const cases: [string, Parameters<typeof call>[2], number, string][] = [
        [
          'malformed JSON',
          { as: admin, body: Buffer.from('{"report": '), headers: { 'content-type': 'application/json' } },
          400,
          'invalid-json',
        ],
        [
          'wrong content type',
          {
            as: admin,
            body: Buffer.from('report=1'),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          },
          415,
          'unsupported-media-type',
        ],
        ['not a known document', { as: admin, body: { hello: 'world' } }, 400, 'invalid-request'],
        [
          'malformed SARIF',
          { as: admin, body: { version: '2.1.0', runs: [{ tool: {} }] } },
          400,
          'invalid-upload',
        ],
        [
          'bad commit',
          { as: admin, body: { commit: 'xyz', report: nativeResult([]) } },
          400,
          'invalid-request',
        ],
        [
          'context twice',
          { as: admin, body: { report: nativeResult([]) }, query: { branch: 'x' } },
          422,
          'invalid-request',
        ],
        [
          'bad gzip',
          {
            as: admin,
            body: Buffer.from('not gzip at all'),
            headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          },
          400,
          'invalid-gzip',
        ],
        [
          'unknown encoding',
          {
            as: admin,
            body: Buffer.from('{}'),
            headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
          },
          415,
          'unsupported-encoding',
        ],
      ];
      for (const [name, options, status, code] of cases) {
        const res = await call(api, url, options);
        expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
        expect(res.json().error.code, name).toBe(code);
        expect(typeof res.json().error.message).toBe('string');
      }
      const unknown = await call(api, url, { as: admin, body: { hello: 'world' } });
      expect(unknown.json().error.message).toMatch(
        /^the body is neither an upload .* nor a SARIF 2\.1\.0 log/,
      );
      const badCommit = await call(api, url, {
        as: admin,
        body: { commit: 'xyz', report: nativeResult([]) },
      });
      expect(badCommit.json().error.message).toBe('body/commit must match pattern "^[0-9a-fA-F]{7,64}$"');
      const projects = await call(api, '/api/v1/projects', { as: admin });
      expect(projects.json().items.map((p: { name: string }) => p.name)).not.toContain('acme/bad');
    });

    it('refuses a body over the limit, also when it only grows that large once decompressed', async () => {
      const small = await startApi({ ingestBodyLimit: 4096 });
      try {
        const user = await userWith(small, 'a@example.com', {}, true);
        const big = { report: nativeResult(manyFindings(100)) };
        const plain = await call(small, projectUrl('p', '/scans'), { as: user, body: big });
        expect(plain.statusCode).toBe(413);
        expect(plain.json().error.code).toBe('payload-too-large');
        const bomb = gzipSync(Buffer.from(JSON.stringify({ report: ' '.repeat(1_000_000) })));
        expect(bomb.length).toBeLessThan(4096);
        const zipped = await call(small, projectUrl('p', '/scans'), {
          as: user,
          body: bomb,
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        });
        expect(zipped.statusCode).toBe(413);
        // Other routes have their own (smaller) limit.
        const login = await call(small, '/api/v1/session', {
          body: { email: 'a@example.com', password: 'x'.repeat(2_000_000) },
        });
        expect(login.statusCode).toBe(413);
      } finally {
        await small.close();
      }
    });

    it('takes 100,000 findings in one gzip upload', async () => {
      const report = nativeResult(manyFindings(100_000, 'f'));
      const body = gzipSync(JSON.stringify({ branch: 'main', commit: COMMIT, report }));
      const started = Date.now();
      const res = await call(api, projectUrl('acme/big', '/scans'), {
        as: admin,
        body,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
      expect(res.json()).toMatchObject({ findings: 100_000, created: 100_000 });
      expect(Date.now() - started).toBeLessThan(30_000);
      const page = await call(api, projectUrl('acme/big', '/findings'), {
        as: admin,
        query: { limit: '1000' },
      });
      expect(page.json().items).toHaveLength(1000);
      expect(page.json().nextCursor).not.toBeNull();
    }, 60_000);
  });

  describe('findings', () => {
    beforeAll(async () => {
      const report = nativeResult(
        [
          { fingerprint: 'bb01', severity: 'critical', path: 'src/a.ts' },
          { fingerprint: 'bb02', severity: 'low', path: 'lib/b.ts' },
          { fingerprint: 'bb03', severity: 'high', path: 'src/c.ts', scanner: 'sast', ruleId: 'sast/xss' },
          { fingerprint: 'bb04', severity: 'high', path: 'src/d.ts' },
          { fingerprint: 'bb05', severity: 'medium', path: 'src/e.ts' },
        ],
        { scanners: ['secrets', 'sast'] },
      );
      await call(api, projectUrl('acme/list', '/scans'), {
        as: admin,
        body: { branch: 'main', commit: COMMIT, report },
      });
      const second = nativeResult(
        [
          { fingerprint: 'bb01', severity: 'critical', path: 'src/a.ts' },
          { fingerprint: 'bb03', severity: 'high', path: 'src/c.ts', scanner: 'sast', ruleId: 'sast/xss' },
          { fingerprint: 'bb04', severity: 'high', path: 'src/d.ts' },
          { fingerprint: 'bb05', severity: 'medium', path: 'src/e.ts' },
        ],
        { scanners: ['secrets', 'sast'] },
      );
      await call(api, projectUrl('acme/list', '/scans'), {
        as: admin,
        body: { branch: 'main', commit: COMMIT_2, report: second },
      });
    });

    const list = async (query: Record<string, string | string[]>) => {
      const res = await call(api, projectUrl('acme/list', '/findings'), { as: admin, query });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: { fingerprint: string }[]; nextCursor: string | null }>();
    };
    const prints = (page: { items: { fingerprint: string }[] }) => page.items.map((f) => f.fingerprint);

    it('pages with a stable cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list({ limit: '2', ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...prints(page));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(['bb01', 'bb02', 'bb03', 'bb04', 'bb05']);
      const bad = await call(api, projectUrl('acme/list', '/findings'), {
        as: admin,
        query: { cursor: 'Zm9v' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('invalid-cursor');
    });

    it('filters by severity, state, scanner, rule and path', async () => {
      expect(prints(await list({ severity: ['critical', 'high'] }))).toEqual(['bb01', 'bb03', 'bb04']);
      expect(prints(await list({ severity: 'medium' }))).toEqual(['bb05']);
      expect(prints(await list({ state: 'fixed' }))).toEqual(['bb02']);
      expect(prints(await list({ scanner: 'sast' }))).toEqual(['bb03']);
      expect(prints(await list({ rule: 'sast/xss' }))).toEqual(['bb03']);
      expect(prints(await list({ path: 'src/' }))).toEqual(['bb01', 'bb03', 'bb04', 'bb05']);
      expect(prints(await list({ path: 'src/', severity: 'high', scanner: 'secrets' }))).toEqual(['bb04']);
      const bad = await call(api, projectUrl('acme/list', '/findings'), {
        as: admin,
        query: { severity: 'urgent' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/severity/);
    });

    it('shows a finding with the scans that saw it; unknown ones are 404', async () => {
      const res = await call(api, projectUrl('acme/list', '/findings/bb01'), { as: admin });
      expect(res.statusCode).toBe(200);
      const detail = res.json();
      expect(detail.finding).toMatchObject({ fingerprint: 'bb01', state: 'open' });
      expect(detail.scans.map((s: { commit: string }) => s.commit)).toEqual([COMMIT_2, COMMIT]);
      const missing = await call(api, projectUrl('acme/list', '/findings/ffff'), { as: admin });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('not-found');
      expect((await call(api, projectUrl('nope', '/findings'), { as: admin })).statusCode).toBe(404);
      expect((await call(api, projectUrl('acme/list', '/scans/999999'), { as: admin })).statusCode).toBe(404);
    });

    it('triages with a required justification, recorded with the actor in the audit log', async () => {
      const url = projectUrl('acme/list', '/findings/bb04/triage');
      const missing = await call(api, url, { as: admin, body: { decision: 'false_positive' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.message).toMatch(/justification/);
      const accepted = await call(api, url, {
        as: admin,
        body: { decision: 'accepted_risk', justification: 'later' },
      });
      expect(accepted.statusCode).toBe(422);
      expect(accepted.json().error.message).toMatch(/approver/);
      const res = await call(api, url, {
        as: admin,
        body: { decision: 'false_positive', justification: 'test fixture' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().triage).toMatchObject({
        decision: 'false_positive',
        actor: 'user:admin@example.com',
      });
      const detail = await call(api, projectUrl('acme/list', '/findings/bb04'), { as: admin });
      expect(detail.json().triageHistory).toEqual([
        expect.objectContaining({
          decision: 'false_positive',
          justification: 'test fixture',
          actor: 'user:admin@example.com',
        }),
      ]);
      expect(prints(await list({ triaged: 'true' }))).toEqual(['bb04']);
    });
  });

  describe('tokens, users and the audit log', () => {
    it('creates a token shown once, lets it upload to its project only, and revokes it', async () => {
      const created = await call(api, '/api/v1/tokens', {
        as: admin,
        body: { name: 'ci', scope: 'ingest', projects: ['acme/tok'], expiresInDays: 7 },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { token, info } = created.json();
      expect(token).toMatch(/^rpt_[A-Za-z0-9_-]{43}$/);
      expect(created.headers['cache-control']).toBe('no-store');
      const listed = await call(api, '/api/v1/tokens', { as: admin });
      expect(listed.body).not.toContain(token);
      expect(listed.json().items.map((t: { id: number }) => t.id)).toContain(info.id);

      const body = { branch: 'main', report: nativeResult([{ fingerprint: 'cc01' }]) };
      expect((await call(api, projectUrl('acme/tok', '/scans'), { as: { token }, body })).statusCode).toBe(
        201,
      );
      expect((await call(api, projectUrl('acme/other', '/scans'), { as: { token }, body })).statusCode).toBe(
        403,
      );
      // An ingest token cannot read.
      expect((await call(api, projectUrl('acme/tok', '/findings'), { as: { token } })).statusCode).toBe(403);

      const revoked = await call(api, `/api/v1/tokens/${info.id}`, { method: 'DELETE', as: admin });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).not.toBeNull();
      const after = await call(api, projectUrl('acme/tok', '/scans'), { as: { token }, body });
      expect(after.statusCode).toBe(401);
    });

    it('refuses an expired token', async () => {
      let now = Date.now();
      const timed = await startApi({ now: () => now });
      try {
        const { token } = await tokenFor(timed, 'read', ['p'], 1);
        expect((await call(timed, '/api/v1/projects', { as: { token } })).statusCode).toBe(200);
        now += 2 * 86_400_000;
        expect((await call(timed, '/api/v1/projects', { as: { token } })).statusCode).toBe(401);
      } finally {
        await timed.close();
      }
    });

    it('lets an administrator create users and grant roles; every change is audited with the actor', async () => {
      const created = await call(api, '/api/v1/users', {
        as: admin,
        body: { email: 'dev@example.com', password: PASSWORD },
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as number;
      expect(
        (
          await call(api, '/api/v1/users', {
            as: admin,
            body: { email: 'dev@example.com', password: PASSWORD },
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (
          await call(api, '/api/v1/users', {
            as: admin,
            body: { email: 'short@example.com', password: 'short' },
          })
        ).statusCode,
      ).toBe(422);
      const grant = await call(api, projectUrl('acme/list', `/members/${id}`), {
        method: 'PUT',
        as: admin,
        body: { role: 'maintainer' },
      });
      expect(grant.statusCode).toBe(204);
      const dev = await signIn(api, 'dev@example.com');
      expect((await call(api, projectUrl('acme/list', '/findings'), { as: dev })).statusCode).toBe(200);
      expect((await call(api, projectUrl('acme/web', '/findings'), { as: dev })).statusCode).toBe(403);

      const disabled = await call(api, `/api/v1/users/${id}`, { method: 'DELETE', as: admin });
      expect(disabled.statusCode).toBe(204);
      expect((await call(api, projectUrl('acme/list', '/findings'), { as: dev })).statusCode).toBe(401);

      const exported = await call(api, '/api/v1/audit/export', { as: admin });
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toContain('application/x-ndjson');
      const lines = exported.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; actor: string; action: string });
      const actions = lines.filter((l) => l.type === 'entry').map((l) => `${l.actor} ${l.action}`);
      expect(actions).toEqual(
        expect.arrayContaining([
          'user:admin@example.com user.created',
          'user:admin@example.com member.granted',
          'user:admin@example.com user.disabled',
          'user:admin@example.com token.created',
          'user:admin@example.com token.revoked',
          'user:admin@example.com finding.triaged',
          'user:dev@example.com user.signed-in',
        ]),
      );
      // No secret ever reaches the log.
      expect(exported.body).not.toMatch(/rpt_[A-Za-z0-9_-]{43}/);
      expect(exported.body).not.toContain(PASSWORD);
      const key = (await call(api, '/api/v1/audit/public-key', { as: admin })).json().publicKeyPem as string;
      expect((await verifyAuditExport(exported.body, key)).ok).toBe(true);
      const verified = await call(api, '/api/v1/audit/verify', { as: admin });
      expect(verified.json()).toMatchObject({ ok: true, problems: [] });
    });

    it('rate-limits sign-in attempts', async () => {
      const limited = await startApi({ rateLimits: { login: { capacity: 2, perSecond: 0.01 } } });
      try {
        const attempt = () =>
          call(limited, '/api/v1/session', { body: { email: 'x@example.com', password: 'wrong-wrong' } });
        expect((await attempt()).statusCode).toBe(401);
        expect((await attempt()).statusCode).toBe(401);
        const third = await attempt();
        expect(third.statusCode).toBe(429);
        expect(third.json().error.code).toBe('rate-limited');
        expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await limited.close();
      }
    });

    it('creates the first administrator once with the setup token', async () => {
      const fresh = await startApi({ setupToken: 'setup-secret-123' });
      try {
        const body = { setupToken: 'wrong', email: 'first@example.com', password: PASSWORD };
        expect((await call(fresh, '/api/v1/setup', { body })).statusCode).toBe(401);
        const ok = await call(fresh, '/api/v1/setup', { body: { ...body, setupToken: 'setup-secret-123' } });
        expect(ok.statusCode, ok.body).toBe(201);
        expect(ok.json()).toMatchObject({ email: 'first@example.com', admin: true });
        const again = await call(fresh, '/api/v1/setup', {
          body: { ...body, setupToken: 'setup-secret-123', email: 'second@example.com' },
        });
        expect(again.statusCode).toBe(409);
        await signIn(fresh, 'first@example.com');
      } finally {
        await fresh.close();
      }
    });
  });
});
