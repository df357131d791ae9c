import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPLIANCE_STANDARDS,
  complianceCsv,
  complianceReport,
  createToken,
  cweNumber,
  DEFAULT_SLA_POLICY,
  ingest,
  renderExposition,
  resolveSlaPolicy,
  type ComplianceReport,
  type Store,
} from '../src/index.js';
import { clock, DAY, implementations, nativeResult, type FindingSpec } from './helpers.js';
import { call, projectUrl, startApi, userWith, type Api } from './http-helpers.js';

const COMMIT_1 = '1'.repeat(40);
const COMMIT_2 = '2'.repeat(40);
const T0 = Date.UTC(2026, 0, 1);

/** A native result whose findings carry the given CWEs (the helper's default is CWE-798). */
function withCwes(specs: (FindingSpec & { cwe?: string[] })[]) {
  const result = nativeResult(specs);
  result.findings.forEach((finding, i) => {
    const cwe = specs[i]!.cwe;
    if (cwe !== undefined) finding.cwe = cwe;
  });
  return result;
}

/**
 * Project p at T0: critical c1 and c2 (c2 then marked a false positive), high b1, medium d1, low e1,
 * info f1. At T0 + 8 days a full scan no longer has b1 (fixed after 8 days). Project q: one high.
 */
async function seed(store: Store, time: ReturnType<typeof clock>): Promise<void> {
  time.set(T0);
  const first: (FindingSpec & { cwe?: string[] })[] = [
    { fingerprint: 'c1', severity: 'critical', ruleId: 'sast/sql-injection', cwe: ['CWE-89'] },
    { fingerprint: 'c2', severity: 'critical', ruleId: 'sast/sql-injection', cwe: ['CWE-89'] },
    { fingerprint: 'b1', severity: 'high', ruleId: 'sast/xss', cwe: ['CWE-79'] },
    { fingerprint: 'd1', severity: 'medium', ruleId: 'secrets/aws-key', cwe: ['CWE-798'] },
    { fingerprint: 'e1', severity: 'low', ruleId: 'sast/odd', cwe: [] },
    { fingerprint: 'f1', severity: 'info', ruleId: 'sast/ssrf', cwe: ['CWE-918'] },
  ];
  const project = { project: 'p', branch: 'main', kind: 'full' as const };
  await ingest(store, { ...project, commit: COMMIT_1, report: withCwes(first) });
  await store.triage('p', 'c2', { decision: 'false_positive', justification: 'test data', actor: 'test' });
  await ingest(store, {
    project: 'q',
    branch: 'main',
    commit: COMMIT_1,
    report: nativeResult([{ fingerprint: 'a1' }]),
  });
  time.set(T0 + 8 * DAY);
  await ingest(store, {
    ...project,
    commit: COMMIT_2,
    report: withCwes(first.filter((f) => f.fingerprint !== 'b1')),
  });
}

describe.each(implementations())('visibility queries: $name', (impl) => {
  const time = clock(T0);
  let store: Store;
  beforeAll(async () => {
    store = await impl.open({ now: time.now });
    await seed(store, time);
  });
  afterAll(async () => {
    await store.close();
    await impl.cleanup();
  });

  it('counts findings by project, severity and state, and scans by project and format', async () => {
    expect(await store.findingCounts()).toEqual([
      { project: 'p', severity: 'critical', state: 'open', count: 2 },
      { project: 'p', severity: 'high', state: 'fixed', count: 1 },
      { project: 'p', severity: 'info', state: 'open', count: 1 },
      { project: 'p', severity: 'low', state: 'open', count: 1 },
      { project: 'p', severity: 'medium', state: 'open', count: 1 },
      { project: 'q', severity: 'high', state: 'new', count: 1 },
    ]);
    expect(await store.scanCounts()).toEqual([
      { project: 'p', format: 'rampart-json', count: 2 },
      { project: 'q', format: 'rampart-json', count: 1 },
    ]);
  });

  it('tracks SLA breaches and time to remediate against a fixed clock', async () => {
    const policy = resolveSlaPolicy();
    const at8 = await store.slaCounts(policy, T0 + 8 * DAY, 'p');
    expect(at8).toEqual([
      // c2 is triaged: not open. c1 is past its 7 days.
      { project: 'p', severity: 'critical', open: 1, breached: 1, fixed: 0, remediationMsTotal: 0 },
      { project: 'p', severity: 'high', open: 0, breached: 0, fixed: 1, remediationMsTotal: 8 * DAY },
      { project: 'p', severity: 'medium', open: 1, breached: 0, fixed: 0, remediationMsTotal: 0 },
      { project: 'p', severity: 'low', open: 1, breached: 0, fixed: 0, remediationMsTotal: 0 },
    ]);
    // Exactly at the deadline is not yet a breach; one millisecond later is.
    const medium = (rows: Awaited<ReturnType<Store['slaCounts']>>) =>
      rows.find((r) => r.severity === 'medium');
    expect(medium(await store.slaCounts(policy, T0 + 90 * DAY, 'p'))?.breached).toBe(0);
    expect(medium(await store.slaCounts(policy, T0 + 90 * DAY + 1, 'p'))?.breached).toBe(1);
    // Every project at once; a stricter policy breaches more.
    const all = await store.slaCounts({ ...policy, high: 1 }, T0 + 8 * DAY);
    expect(all.filter((r) => r.breached > 0).map((r) => `${r.project} ${r.severity}`)).toEqual([
      'p critical',
      'q high',
    ]);
    const breaches = await store.slaBreaches('p', policy, T0 + 200 * DAY, 10);
    expect(breaches.map((b) => [b.fingerprint, b.dueAt])).toEqual([
      ['c1', T0 + 7 * DAY],
      ['d1', T0 + 90 * DAY],
      ['e1', T0 + 180 * DAY],
    ]);
    expect(await store.slaBreaches('p', policy, T0 + 200 * DAY, 1)).toHaveLength(1);
    await expect(store.slaCounts(policy, T0, 'nope')).rejects.toThrow(/no project/);
  });

  it('reads what the compliance view needs, and stores settings with an audit entry', async () => {
    const rows = await store.complianceFindings('p');
    expect(rows.find((r) => r.ruleId === 'sast/xss')).toEqual({
      ruleId: 'sast/xss',
      cwe: ['CWE-79'],
      state: 'fixed',
      triage: null,
    });
    expect(await store.getSetting('sla-policy')).toBeUndefined();
    await store.putSetting('sla-policy', { critical: 3 }, 'user:admin@example.com');
    expect(await store.getSetting('sla-policy')).toEqual({ critical: 3 });
    await store.putSetting('sla-policy', null, 'user:admin@example.com');
    expect(await store.getSetting('sla-policy')).toBeUndefined();
    const actions: string[] = [];
    for await (const entry of store.auditEntries()) actions.push(entry.action);
    expect(actions.filter((a) => a === 'setting.updated')).toHaveLength(2);
  });
});

// ------------------------------------------------------------------------------------------------ units

describe('compliance mapping', () => {
  it('holds the OWASP Top 10 2021 categories and the 14 ASVS 4.0.3 chapters, with sorted CWE lists', () => {
    const [top10, asvs] = COMPLIANCE_STANDARDS;
    expect(top10!.categories.map((c) => c.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`),
    );
    expect(asvs!.categories.map((c) => c.id)).toEqual(Array.from({ length: 14 }, (_, i) => `V${i + 1}`));
    for (const standard of COMPLIANCE_STANDARDS)
      for (const category of standard.categories) {
        expect(category.cwe.length).toBeGreaterThan(0);
        expect([...category.cwe].sort((a, b) => a - b)).toEqual(category.cwe);
      }
    // Spot checks against the published lists.
    const top = (id: string) => top10!.categories.find((c) => c.id === id)!.cwe;
    expect(top('A03')).toContain(89);
    expect(top('A07')).toContain(798);
    expect(top('A10')).toEqual([918]);
    expect(asvs!.categories.find((c) => c.id === 'V5')!.cwe).toContain(79);
  });

  it('reads CWE ids in the forms tools write', () => {
    expect(['CWE-79', 'cwe-079', '79', 'CWE79', 'CWE-0', 'XSS', ''].map(cweNumber)).toEqual([
      79,
      79,
      79,
      79,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('counts each finding once per category, and escapes CSV cells', () => {
    const report = complianceReport('p', [
      { ruleId: 'sast/sqli', cwe: ['CWE-89', 'CWE-89'], state: 'open', triage: null },
      { ruleId: 'sca/vulnerable-dependency', cwe: ['CWE-1321'], state: 'new', triage: 'accepted_risk' },
      { ruleId: '=cmd|x', cwe: [], state: 'fixed', triage: null },
    ]);
    const top = report.standards[0]!.categories;
    expect(top.find((c) => c.id === 'A03')).toMatchObject({
      open: 1,
      triaged: 0,
      fixed: 0,
      rules: ['sast/sqli'],
    });
    expect(top.find((c) => c.id === 'A06')).toMatchObject({
      open: 0,
      triaged: 1,
      rules: ['sca/vulnerable-dependency'],
    });
    expect(report.unmapped).toEqual({ open: 0, triaged: 0, fixed: 1, rules: ['=cmd|x'] });
    const csv = complianceCsv(report);
    expect(csv.split('\r\n')[0]).toBe('standard,category,name,open,triaged,fixed,rules');
    expect(csv).toContain('owasp-top10-2021,A03,Injection,1,0,0,sast/sqli\r\n');
    expect(csv).toContain('owasp-asvs-4.0.3,V1,"Architecture, Design and Threat Modeling",0,0,0,\r\n');
    expect(csv).toContain(",unmapped,No category,0,0,1,'=cmd|x\r\n");
  });
});

/** Prometheus text format 0.0.4, line by line. */
const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const VALUE = '(?:[-+]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+)|[-+]?Inf|NaN)';
const SAMPLE = new RegExp(`^(${METRIC_NAME})(?:\\{(${LABEL}(?:,${LABEL})*)?\\})? (${VALUE})(?: -?[0-9]+)?$`);
const HELP = new RegExp(`^# HELP (${METRIC_NAME}) .*$`);
const TYPE = new RegExp(`^# TYPE (${METRIC_NAME}) (counter|gauge|histogram|summary|untyped)$`);

interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): { samples: ParsedSample[]; types: Map<string, string> } {
  expect(text.endsWith('\n')).toBe(true);
  const samples: ParsedSample[] = [];
  const types = new Map<string, string>();
  for (const line of text.slice(0, -1).split('\n')) {
    const type = TYPE.exec(line);
    if (type !== null) {
      expect(types.has(type[1]!), `TYPE twice for ${type[1]}`).toBe(false);
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (HELP.test(line)) continue;
    const match = SAMPLE.exec(line);
    expect(match, `not exposition format: ${JSON.stringify(line)}`).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const pair of (match![2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1]!] = pair[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    const value = match![3]!;
    samples.push({
      name: match![1]!,
      labels,
      value: value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : Number(value),
    });
    const family = match![1]!.replace(/_(bucket|sum|count)$/, '');
    expect(types.has(match![1]!) || types.get(family) === 'histogram', `no TYPE before ${line}`).toBe(true);
  }
  return { samples, types };
}

describe('exposition format', () => {
  it('escapes label values and help text', () => {
    const text = renderExposition([
      {
        name: 'x_total',
        help: 'a \\ help\nline',
        type: 'counter',
        samples: [{ labels: { project: 'a"b\\c\nd' }, value: 1 }],
      },
    ]);
    expect(text).toBe(
      '# HELP x_total a \\\\ help\\nline\n# TYPE x_total counter\nx_total{project="a\\"b\\\\c\\nd"} 1\n',
    );
    expect(parseExposition(text).samples[0]!.labels.project).toBe('a"b\\c\nd');
  });
});

// ------------------------------------------------------------------------------------------------- HTTP

describe('visibility API', () => {
  const time = clock(T0);
  let api: Api;
  let admin: Awaited<ReturnType<typeof userWith>>;
  let viewer: Awaited<ReturnType<typeof userWith>>;
  beforeAll(async () => {
    api = await startApi({ now: time.now, sessionTtlMs: 400 * DAY });
    admin = await userWith(api, 'admin@example.com', {}, true);
    viewer = await userWith(api, 'viewer@example.com', { p: 'viewer' });
    await seed(api.store, time);
  });
  afterAll(() => api.close());
  afterEach(() => time.set(T0 + 8 * DAY));

  it('serves /metrics in the exposition format, with values that match the store', async () => {
    const upload = await call(api, projectUrl('r', '/scans'), {
      as: admin,
      body: { branch: 'main', commit: COMMIT_1, report: nativeResult([{ fingerprint: 'a2' }]) },
    });
    expect(upload.statusCode).toBe(201);
    await call(api, '/api/v1/nope', { as: admin });
    const res = await call(api, '/metrics', { as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { samples, types } = parseExposition(res.body);
    expect(types.get('rampart_findings')).toBe('gauge');
    expect(types.get('rampart_ingest_duration_seconds')).toBe('histogram');
    const value = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        ?.value;

    for (const row of await api.store.findingCounts())
      expect(
        value('rampart_findings', { project: row.project, severity: row.severity, state: row.state }),
      ).toBe(row.count);
    expect(samples.filter((s) => s.name === 'rampart_findings')).toHaveLength(
      (await api.store.findingCounts()).length,
    );
    expect(value('rampart_scans_ingested_total', { project: 'p', format: 'rampart-json' })).toBe(2);
    expect(value('rampart_sla_breaches', { project: 'p', severity: 'critical' })).toBe(1);
    expect(value('rampart_sla_breaches', { project: 'p', severity: 'medium' })).toBe(0);
    expect(value('rampart_sla_policy_days', { severity: 'high' })).toBe(30);
    // One upload through the API so far: one observation, in every bucket up to +Inf.
    expect(value('rampart_ingest_duration_seconds_count', {})).toBe(1);
    expect(value('rampart_ingest_duration_seconds_bucket', { le: '+Inf' })).toBe(1);
    const route = '/api/v1/projects/:project/scans';
    expect(value('rampart_http_requests_total', { method: 'POST', route, status: '201' })).toBe(1);
    expect(value('rampart_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(
      1,
    );
    // Buckets are cumulative.
    const buckets = samples
      .filter((s) => s.name === 'rampart_ingest_duration_seconds_bucket')
      .map((s) => s.value);
    expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
  });

  it('lets only administrators and metrics tokens read /metrics, and only administrators make such tokens', async () => {
    expect((await call(api, '/metrics')).statusCode).toBe(401);
    expect((await call(api, '/metrics', { as: viewer })).statusCode).toBe(403);
    const read = await createToken(
      api.store,
      { name: 'reader', scope: 'read', projects: ['p'], expiresAt: T0 + 400 * DAY },
      'test',
    );
    expect((await call(api, '/metrics', { as: { token: read.token } })).statusCode).toBe(403);
    const maintainer = await userWith(api, 'maintainer@example.com', { p: 'maintainer' });
    const denied = await call(api, '/api/v1/tokens', {
      as: maintainer,
      body: { name: 'prometheus', scope: 'metrics', projects: [] },
    });
    expect(denied.statusCode).toBe(403);
    const withProjects = await call(api, '/api/v1/tokens', {
      as: admin,
      body: { name: 'prometheus', scope: 'metrics', projects: ['p'] },
    });
    expect(withProjects.statusCode).toBe(422);
    const created = await call(api, '/api/v1/tokens', {
      as: admin,
      body: { name: 'prometheus', scope: 'metrics', projects: [] },
    });
    expect(created.statusCode).toBe(201);
    const token = { token: created.json<{ token: string }>().token };
    expect((await call(api, '/metrics', { as: token })).statusCode).toBe(200);
    // Server-wide, yet it reads no project and manages nothing.
    expect((await call(api, projectUrl('p', '/findings'), { as: token })).statusCode).toBe(403);
    expect((await call(api, '/api/v1/sla', { as: token })).statusCode).toBe(403);
    expect((await call(api, '/api/v1/projects', { as: token })).json()).toEqual({ items: [] });
    // A maintainer neither sees nor revokes it.
    const id = created.json<{ info: { id: number } }>().info.id;
    const listed = await call(api, '/api/v1/tokens', { as: maintainer });
    expect(listed.json<{ items: { id: number }[] }>().items.map((t) => t.id)).not.toContain(id);
    expect((await call(api, `/api/v1/tokens/${id}`, { as: maintainer, method: 'DELETE' })).statusCode).toBe(
      404,
    );
    // The store refuses a project-less token of another scope.
    await expect(
      createToken(api.store, { name: 'x', scope: 'read', projects: [], expiresAt: T0 + 30 * DAY }, 'test'),
    ).rejects.toThrow(/at least one project/);
  });

  it("answers a project's SLA status and the administrators' overview", async () => {
    const res = await call(api, projectUrl('p', '/sla'), { as: viewer });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe(T0 + 8 * DAY);
    expect(body.policy).toEqual(DEFAULT_SLA_POLICY);
    expect(body.severities).toEqual([
      { severity: 'critical', days: 7, open: 1, breached: 1, fixed: 0, meanTimeToRemediateDays: null },
      { severity: 'high', days: 30, open: 0, breached: 0, fixed: 1, meanTimeToRemediateDays: 8 },
      { severity: 'medium', days: 90, open: 1, breached: 0, fixed: 0, meanTimeToRemediateDays: null },
      { severity: 'low', days: 180, open: 1, breached: 0, fixed: 0, meanTimeToRemediateDays: null },
    ]);
    expect(body.breaches).toEqual([
      expect.objectContaining({
        fingerprint: 'c1',
        dueAt: T0 + 7 * DAY,
        daysOverdue: 1,
        severity: 'critical',
      }),
    ]);
    expect(body.moreBreaches).toBe(false);

    time.set(T0 + 200 * DAY);
    const later = (await call(api, projectUrl('p', '/sla?limit=2'), { as: viewer })).json();
    expect(later.breaches.map((b: { fingerprint: string }) => b.fingerprint)).toEqual(['c1', 'd1']);
    expect(later.moreBreaches).toBe(true);

    const overview = await call(api, '/api/v1/sla', { as: admin });
    expect(overview.statusCode).toBe(200);
    expect(overview.json().projects.map((p: { project: string }) => p.project)).toEqual(['p', 'q', 'r']);
    expect(overview.json().totals.find((t: { severity: string }) => t.severity === 'critical').breached).toBe(
      1,
    );
    expect((await call(api, '/api/v1/sla', { as: viewer })).statusCode).toBe(403);
    expect((await call(api, projectUrl('unknown', '/sla'), { as: admin })).statusCode).toBe(404);
  });

  it('lets an administrator set the SLA policy; the stored policy wins over the server options', async () => {
    const set = await call(api, '/api/v1/sla/policy', { as: admin, method: 'PUT', body: { medium: 5 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ policy: { ...DEFAULT_SLA_POLICY, medium: 5 }, stored: { medium: 5 } });
    const sla = (await call(api, projectUrl('p', '/sla'), { as: viewer })).json();
    expect(sla.severities.find((s: { severity: string }) => s.severity === 'medium').breached).toBe(1);
    const bad = await call(api, '/api/v1/sla/policy', { as: admin, method: 'PUT', body: { medium: 0 } });
    expect(bad.statusCode).toBe(400);
    expect((await call(api, '/api/v1/sla/policy', { as: viewer, method: 'PUT', body: {} })).statusCode).toBe(
      403,
    );
    const reset = await call(api, '/api/v1/sla/policy', { as: admin, method: 'PUT', body: {} });
    expect(reset.json()).toEqual({ policy: DEFAULT_SLA_POLICY, stored: null });
  });

  it('takes a default SLA policy from the server options', async () => {
    const other = await startApi({ now: time.now, sessionTtlMs: 400 * DAY, slaPolicy: { critical: 2 } });
    try {
      const admin2 = await userWith(other, 'admin@example.com', {}, true);
      const res = await call(other, '/api/v1/sla/policy', { as: admin2 });
      expect(res.json()).toEqual({ policy: { ...DEFAULT_SLA_POLICY, critical: 2 }, stored: null });
    } finally {
      await other.close();
    }
  });

  it("maps a project's findings to OWASP Top 10 and ASVS, as JSON and CSV", async () => {
    const res = await call(api, projectUrl('p', '/compliance'), { as: viewer });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<ComplianceReport>();
    const top10 = report.standards.find((s) => s.id === 'owasp-top10-2021')!;
    const category = (id: string) => top10.categories.find((c) => c.id === id);
    // c1 open, c2 a false positive (triaged), b1 fixed; f1 (CWE-918) open; d1 CWE-798; e1 no CWE.
    expect(category('A03')).toEqual({
      id: 'A03',
      name: 'Injection',
      open: 1,
      triaged: 1,
      fixed: 1,
      rules: ['sast/sql-injection', 'sast/xss'],
    });
    expect(category('A07')).toMatchObject({ open: 1, rules: ['secrets/aws-key'] });
    expect(category('A10')).toMatchObject({ open: 1, rules: ['sast/ssrf'] });
    expect(category('A01')).toMatchObject({ open: 0, triaged: 0, fixed: 0, rules: [] });
    expect(report.unmapped).toEqual({ open: 1, triaged: 0, fixed: 0, rules: ['sast/odd'] });

    const csv = await call(api, projectUrl('p', '/compliance?format=csv'), { as: viewer });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="p-compliance.csv"');
    expect(csv.body).toContain('owasp-top10-2021,A03,Injection,1,1,1,sast/sql-injection sast/xss\r\n');
    expect(csv.body.trim().split('\r\n')).toHaveLength(1 + 10 + 14 + 1);
    expect((await call(api, projectUrl('p', '/compliance?format=xml'), { as: viewer })).statusCode).toBe(400);
  });
});
