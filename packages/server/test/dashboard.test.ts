import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock, cycloneDx, DAY, implementations, nativeResult, type FindingSpec } from './helpers.js';
import {
  call,
  projectUrl,
  startApi,
  tokenFor,
  userWith,
  type Api,
  type Credentials,
} from './http-helpers.js';

/** The dashboard's routes (dashboard-routes.ts) on every store implementation. */

const P = 'payments/api';
const Q = 'payments/web';
const R = 'search/indexer';
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
const fp = (n: number) => n.toString(16).padStart(32, '0');

/** 60 findings: every severity, three scanners, paths in two folders, one with LIKE wildcards in it. */
function specs(): FindingSpec[] {
  return Array.from({ length: 60 }, (_, i) => ({
    fingerprint: fp(i + 1),
    severity: SEVERITIES[i % 5],
    scanner: ['secrets', 'sast', 'iac'][i % 3]!,
    path: i === 7 ? 'src/100%_done.ts' : `${i % 2 === 0 ? 'src' : 'lib'}/file-${i}.ts`,
    line: i + 1,
    message: i === 11 ? 'token in a Query string' : `problem ${i}`,
  }));
}

describe.each(implementations())('dashboard routes: $name', (impl) => {
  let api: Api;
  const time = clock(Date.UTC(2026, 2, 2, 12));
  let admin: Credentials & { id: number };
  let viewer: Credentials & { id: number };
  let maintainer: Credentials & { id: number };

  beforeAll(async () => {
    api = await startApi({ now: time.now }, () => impl.open({ now: time.now }));
    const ingest = await tokenFor(api, 'ingest', [P, Q, R]);
    const first = await call(api, projectUrl(P, '/scans'), {
      as: ingest,
      body: {
        branch: 'main',
        commit: 'a'.repeat(40),
        kind: 'full',
        report: nativeResult(specs(), { scanners: ['secrets', 'sast', 'iac'] }),
        sbom: cycloneDx([
          { name: 'lodash', version: '4.17.20' },
          { name: 'express', version: '4.18.2' },
        ]),
      },
    });
    expect(first.statusCode, first.body).toBe(201);
    // Two weeks later a full scan no longer has the first ten findings: they are fixed.
    time.advance(14 * DAY);
    const second = await call(api, projectUrl(P, '/scans'), {
      as: ingest,
      body: {
        branch: 'main',
        commit: 'b'.repeat(40),
        kind: 'full',
        report: nativeResult(specs().slice(10), { scanners: ['secrets', 'sast', 'iac'] }),
      },
    });
    expect(second.statusCode, second.body).toBe(201);
    for (const project of [Q, R]) {
      const res = await call(api, projectUrl(project, '/scans'), {
        as: ingest,
        body: {
          branch: 'main',
          commit: 'c'.repeat(40),
          report: nativeResult([{ fingerprint: fp(1000), severity: 'critical' }]),
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // Signed in now: a session lasts hours, and the clock moved by weeks.
    admin = await userWith(api, 'admin@example.com', {}, true);
    viewer = await userWith(api, 'viewer@example.com', { [P]: 'viewer' });
    maintainer = await userWith(api, 'maintainer@example.com', { [P]: 'maintainer' });
  });
  afterAll(async () => {
    await api.close();
    await impl.cleanup();
  });

  async function table(query: Record<string, string | string[]>, as: Credentials = admin) {
    const res = await call(api, projectUrl(P, '/dashboard/findings'), { as, query });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      total: number;
      offset: number;
      items: { fingerprint: string; severity: string; path: string }[];
    }>();
  }

  it('sorts by severity across pages exactly as one sort of every finding would', async () => {
    const all = specs().map((s, i) => ({ ...s, id: i + 1 }));
    for (const order of ['asc', 'desc'] as const) {
      const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
      const expected = [...all]
        .sort((a, b) => (order === 'asc' ? 1 : -1) * (rank(a.severity!) - rank(b.severity!)) || a.id - b.id)
        .map((s) => s.fingerprint);
      const seen: string[] = [];
      for (let offset = 0; offset < 60; offset += 7) {
        const page = await table({ sort: 'severity', order, offset: String(offset), limit: '7' });
        expect(page.total).toBe(60);
        seen.push(...page.items.map((f) => f.fingerprint));
      }
      expect(seen).toEqual(expected);
    }
    // With a word search (one pass with a window count), the same order over the matches.
    const lib = all
      .filter((s) => s.path!.startsWith('lib/'))
      .sort((a, b) => SEVERITIES.indexOf(a.severity!) - SEVERITIES.indexOf(b.severity!) || a.id - b.id)
      .map((s) => s.fingerprint);
    const searched: string[] = [];
    for (let offset = 0; offset < 29; offset += 10) {
      const page = await table({ q: 'LIB/', offset: String(offset), limit: '10' });
      expect(page.total).toBe(29);
      searched.push(...page.items.map((f) => f.fingerprint));
    }
    expect(searched).toEqual(lib);
    expect(await table({ q: 'lib/', offset: '29' })).toEqual({ total: 29, offset: 29, items: [] });
    const beyond = await table({ offset: '60' });
    expect(beyond).toEqual({ total: 60, offset: 60, items: [] });
  });

  it('filters by severity, state, scanner, rule, path prefix, CWE, triage and words, and sorts by path', async () => {
    expect((await table({ severity: 'critical' })).total).toBe(12);
    expect((await table({ state: 'fixed' })).total).toBe(10);
    expect((await table({ state: ['new', 'open', 'reopened'] })).total).toBe(50);
    expect((await table({ scanner: 'sast' })).total).toBe(20);
    expect((await table({ rule: 'iac/test-rule' })).total).toBe(20);
    expect((await table({ path: 'lib/' })).total).toBe(29);
    expect((await table({ cwe: 'CWE-798' })).total).toBe(60);
    expect((await table({ cwe: 'CWE-79' })).total).toBe(0);
    expect((await table({ triaged: 'true' })).total).toBe(0);
    // Words: case-insensitive, every word must match, and LIKE wildcards in them are literal.
    expect((await table({ q: 'QUERY string' })).items.map((f) => f.fingerprint)).toEqual([fp(12)]);
    expect((await table({ q: '100%_' })).items.map((f) => f.path)).toEqual(['src/100%_done.ts']);
    expect((await table({ q: '%' })).total).toBe(1);
    expect((await table({ q: 'file-1' })).total).toBe(11);
    const byPath = await table({ sort: 'path', order: 'desc', limit: '3' });
    expect(byPath.items.map((f) => f.path)).toEqual(['src/file-8.ts', 'src/file-6.ts', 'src/file-58.ts']);
  });

  it('refuses bad table queries with 400', async () => {
    for (const query of [
      { sort: 'title' },
      { cwe: '79' },
      { limit: '501' },
      { severity: 'urgent' },
      { q: 'x'.repeat(201) },
    ]) {
      const res = await call(api, projectUrl(P, '/dashboard/findings'), { as: admin, query });
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
    }
  });

  it('lists the scanners and rules with counts', async () => {
    const res = await call(api, projectUrl(P, '/dashboard/facets'), { as: viewer });
    expect(res.json()).toEqual({
      scanners: [
        { scanner: 'iac', count: 20 },
        { scanner: 'sast', count: 20 },
        { scanner: 'secrets', count: 20 },
      ],
      rules: [
        { ruleId: 'iac/test-rule', scanner: 'iac', count: 20 },
        { ruleId: 'sast/test-rule', scanner: 'sast', count: 20 },
        { ruleId: 'secrets/test-rule', scanner: 'secrets', count: 20 },
      ],
    });
  });

  it('triages several findings in one transaction, or none when one is unknown', async () => {
    const url = projectUrl(P, '/dashboard/triage');
    const auditBefore = await api.store.db.selectFrom('audit_log').select('seq').execute();
    const refused = await call(api, url, {
      as: maintainer,
      body: { fingerprints: [fp(20), fp(21), fp(999)], decision: 'mitigated', justification: 'WAF' },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.message).toContain(fp(999));
    expect((await table({ triaged: 'true' })).total).toBe(0);
    expect(await api.store.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(
      auditBefore.length,
    );

    for (const body of [
      { fingerprints: [fp(20)], decision: 'mitigated', justification: '   ' },
      { fingerprints: [fp(20)], decision: 'mitigated' },
      { fingerprints: [], decision: 'mitigated', justification: 'x' },
      { fingerprints: [fp(20)], decision: 'accepted_risk', justification: 'x', approver: 'cto' },
    ]) {
      const res = await call(api, url, { as: maintainer, body });
      expect([400, 422], JSON.stringify(body)).toContain(res.statusCode);
    }
    expect(
      (
        await call(api, url, {
          as: viewer,
          body: { fingerprints: [fp(20)], decision: 'mitigated', justification: 'x' },
        })
      ).statusCode,
    ).toBe(403);

    const done = await call(api, url, {
      as: maintainer,
      body: { fingerprints: [fp(20), fp(21), fp(20)], decision: 'mitigated', justification: 'WAF rule 12' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ changed: 2 });
    expect((await table({ triaged: 'true' })).items.map((f) => f.fingerprint).sort()).toEqual([
      fp(20),
      fp(21),
    ]);
    const audit = await call(api, projectUrl(P, `/findings/${fp(21)}/audit`), { as: viewer });
    expect(audit.statusCode).toBe(200);
    const entries = audit.json<{
      items: { action: string; actor: string; reason: string; data: { bulk: number } }[];
    }>().items;
    expect(entries.at(-1)).toMatchObject({
      action: 'finding.triaged',
      actor: 'user:maintainer@example.com',
      reason: 'WAF rule 12',
      data: { bulk: 2 },
    });
    const single = await call(api, projectUrl(P, `/findings/${fp(21)}`), { as: viewer });
    expect(single.json().triageHistory).toEqual([
      expect.objectContaining({ decision: 'mitigated', justification: 'WAF rule 12' }),
    ]);
    // Withdrawing needs a decision on every finding named.
    const withdraw = await call(api, url, {
      as: maintainer,
      body: { fingerprints: [fp(20), fp(22)], decision: 'none', justification: 'review' },
    });
    expect(withdraw.statusCode).toBe(422);
  });

  it('summarises the readable projects: trends, SLA, riskiest, recent scans, teams', async () => {
    const res = await call(api, '/api/v1/dashboard/overview?weeks=4', { as: admin });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.teams).toEqual(['payments', 'search']);
    expect(view.projects).toBe(3);
    expect(view.weeks).toHaveLength(4);
    const [w0, w1, w2, w3] = view.weeks;
    // The first scan was two weeks ago, at the end of week w1; the fix is now, at the end of w3.
    expect(w0.new + w0.fixed).toBe(0);
    expect(w1.new).toBe(60);
    expect(w1.open).toEqual({ critical: 12, high: 12, medium: 12, low: 12, info: 12 });
    expect(w2.new + w2.fixed).toBe(0);
    expect(w3).toMatchObject({ new: 2, fixed: 10 });
    // Open now: P's critical findings but the fixed ones and fp(21), triaged above; Q's and R's one each.
    expect(w3.open.critical).toBe(9 + 2);
    expect(view.open.critical).toBe(11);
    expect(view.sla.meanTimeToRemediateDays).toBe(14);
    expect(view.sla.breached).toBeGreaterThan(0);
    expect(view.riskiest[0].project).toBe(P);
    expect(view.recentScans.map((s: { project: string }) => s.project)).toEqual([R, Q, P, P]);
    const team = await call(api, '/api/v1/dashboard/overview?team=search', { as: admin });
    expect(team.json().projects).toBe(1);
    expect(team.json().recentScans.map((s: { project: string }) => s.project)).toEqual([R]);
    // A viewer of one project sees that project only.
    const own = await call(api, '/api/v1/dashboard/overview', { as: viewer });
    expect(own.json().projects).toBe(1);
    expect(own.json().teams).toEqual(['payments']);
    expect(JSON.stringify(own.json())).not.toContain(Q);
    const bad = await call(api, '/api/v1/dashboard/overview?team=../x', { as: admin });
    expect(bad.statusCode).toBe(400);
  });

  it('lists the latest SBOM components with a licence summary', async () => {
    const res = await call(api, projectUrl(P, '/dashboard/components'), { as: viewer });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.scan).toMatchObject({ branch: 'main', commit: 'a'.repeat(40) });
    expect(body.components.map((c: { name: string }) => c.name)).toEqual(['express', 'lodash']);
    expect(body.licenses).toEqual([{ license: '(unknown)', count: 2 }]);
    const none = await call(api, projectUrl(Q, '/dashboard/components'), { as: admin });
    expect(none.json()).toEqual({ scan: null, total: 0, components: [], licenses: [] });
  });

  it('finds where a rule fires in the readable projects only', async () => {
    const res = await call(api, '/api/v1/rules/usage?rule=secrets%2Ftest-rule', { as: viewer });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { project: string }) => i.project)).toEqual([P]);
    expect(items[0].states.fixed + items[0].open).toBe(20);
    expect(items[0].samples.length).toBeLessThanOrEqual(5);
    const everywhere = await call(api, '/api/v1/rules/usage?rule=secrets%2Ftest-rule', { as: admin });
    expect(everywhere.json().items.map((i: { project: string }) => i.project)).toEqual([P, Q, R]);
  });

  it('pages through the audit log newest first, filtered by action', async () => {
    const first = await call(api, '/api/v1/audit/entries?limit=3', { as: admin });
    const page = first.json<{ items: { seq: number }[]; nextBefore: number }>();
    expect(page.items.map((e) => e.seq)).toEqual([...page.items.map((e) => e.seq)].sort((a, b) => b - a));
    const next = await call(api, `/api/v1/audit/entries?limit=3&before=${page.nextBefore}`, { as: admin });
    expect(next.json().items[0].seq).toBe(page.nextBefore - 1);
    const triaged = await call(api, '/api/v1/audit/entries?action=finding.triaged', { as: admin });
    expect(triaged.json().items.length).toBe(2);
    expect((await call(api, '/api/v1/audit/entries', { as: viewer })).statusCode).toBe(403);
  });

  it('tells whether the session cookie is live without failing', async () => {
    const anonymous = await call(api, '/api/v1/session/state');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ signedIn: false });
    const signedIn = await call(api, '/api/v1/session/state', { as: viewer });
    const session = await call(api, '/api/v1/session', { as: viewer });
    expect(signedIn.json()).toEqual({ signedIn: true, session: session.json() });
    const stale = await call(api, '/api/v1/session/state', { headers: { cookie: 'rampart_session=nope' } });
    expect(stale.json()).toEqual({ signedIn: false });
    const token = await tokenFor(api, 'read', [P]);
    expect((await call(api, '/api/v1/session/state', { as: token })).json()).toEqual({ signedIn: false });
  });
});

describe('dashboard assets', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'rampart-dashboard-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>t</title><script type="module" src="/assets/app-X1.js"></script>',
    );
    writeFileSync(join(root, 'assets', 'app-X1.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'notes.txt'), 'not an asset type');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves index.html for the app routes with a strict CSP, and hashed assets as immutable', async () => {
    const api = await startApi({ dashboard: root });
    try {
      for (const url of ['/', '/login', '/projects/a%2Fb/findings', '/admin/users', '/search?package=x']) {
        const res = await call(api, url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.headers['content-security-policy']).toBe(
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        );
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.headers['x-frame-options']).toBe('DENY');
      }
      const asset = await call(api, '/assets/app-X1.js');
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.body).toBe('console.log(1)');
      for (const url of [
        '/assets/notes.txt',
        '/assets/..%2Findex.html',
        '/assets/missing.js',
        '/elsewhere',
        '/projects',
      ]) {
        const res = await call(api, url);
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type']).toContain('application/json');
      }
      expect((await call(api, '/api/v1/session')).headers['cache-control']).toBe('no-store');
    } finally {
      await api.close();
    }
  });

  it('serves no dashboard when turned off; the API still works', async () => {
    const api = await startApi({ dashboard: false });
    try {
      expect((await call(api, '/')).statusCode).toBe(404);
      expect((await call(api, '/healthz')).statusCode).toBe(200);
    } finally {
      await api.close();
    }
  });
});
