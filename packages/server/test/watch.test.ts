import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createServer,
  openStore,
  parseDuration,
  verifyAudit,
  WatchBusyError,
  watchFingerprint,
  type ServerEvent,
  type Store,
} from '../src/index.js';
import { flawKey, identityOfFinding } from '../src/watch/identity.js';
import { clock, cycloneDx, implementations, nativeResult, tempDir } from './helpers.js';
import { call, projectUrl, startApi, tokenFor, userWith, type Api } from './http-helpers.js';
import {
  EXPRESS_ADVISORY,
  importRecords,
  LEFT_PAD_ADVISORY,
  LocalMirror,
  LODASH_ADVISORY,
  REACT_ADVISORY,
  storedZip,
} from './watch-support.js';

const A = 'acme/shop';
const B = 'acme/other';
const COMMIT_A = 'a'.repeat(40);
const COMMIT_B = 'b'.repeat(40);
const SECRET_FP = '5ec7e75ec7e75ec7e75ec7e75ec7e75e';
/** What `rampart scan` would give the lodash flaw: fingerprinted by the lockfile's path and entry text. */
const CI_FP = 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1';

const LODASH_IDENTITY = {
  ruleId: 'sca/vulnerable-dependency',
  ecosystem: 'npm',
  packageName: 'lodash',
  version: '4.17.20',
};
const LODASH_FP = watchFingerprint(LODASH_IDENTITY, 'CVE-2026-10001');

/** The SCA finding a CI scan of the lockfile reports for the lodash flaw (as the SCA scanner writes it). */
function ciLodashFinding(fingerprint = CI_FP) {
  return {
    ruleId: 'sca/vulnerable-dependency',
    scanner: 'sca',
    severity: 'high',
    message:
      'lodash@4.17.20: Made-up flaw in lodash (GHSA-2222-3333-4444) [GHSA-2222-3333-4444, CVE-2026-10001]; fixed in 4.17.21',
    location: {
      path: 'package-lock.json',
      startLine: 12,
      startColumn: 5,
      endLine: 12,
      endColumn: 30,
      snippet: '"node_modules/lodash": {',
    },
    cwe: ['CWE-1395'],
    fingerprint,
    details: {
      kind: 'dependency',
      ecosystem: 'npm',
      packageName: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
      advisoryIds: ['GHSA-2222-3333-4444'],
      aliases: ['CVE-2026-10001'],
      fixedVersions: ['4.17.21'],
      dependencyPaths: [['lodash@4.17.20']],
      scope: 'prod',
      direct: true,
      fixedIn: '4.17.21',
    },
  };
}

/** A full CI upload of project A: a secret, optionally the lodash SCA finding, and the SBOM. */
function uploadA(
  options: {
    withLodashFinding?: boolean;
    commit?: string;
    components?: { name: string; version: string }[];
  } = {},
) {
  const report = nativeResult([{ fingerprint: SECRET_FP, path: 'src/config.ts' }], {
    scanners: ['secrets', 'sca'],
  });
  if (options.withLodashFinding === true) {
    (report.findings as unknown[]).push(ciLodashFinding());
    report.rules.push({
      ...report.rules[0]!,
      id: 'sca/vulnerable-dependency',
      title: 'Dependency with a known vulnerability',
    });
  }
  return {
    branch: 'main',
    commit: options.commit ?? COMMIT_A,
    report,
    sbom: cycloneDx(
      options.components ?? [
        { name: 'lodash', version: '4.17.20' },
        { name: 'react', version: '18.2.0' },
      ],
    ),
  };
}

function uploadB() {
  return {
    branch: 'main',
    commit: COMMIT_B,
    sbom: cycloneDx([{ name: 'express', version: '4.19.1' }]),
  };
}

/** Every reference of the findings, occurrences and branch rows the watch writes points at a row. */
async function orphans(store: Store): Promise<string[]> {
  const refs: [string, string, string][] = [
    ['findings', 'first_scan_id', 'scans'],
    ['findings', 'last_scan_id', 'scans'],
    ['findings', 'fixed_scan_id', 'scans'],
    ['occurrences', 'scan_id', 'scans'],
    ['occurrences', 'finding_id', 'findings'],
    ['finding_branches', 'finding_id', 'findings'],
    ['finding_branches', 'last_scan_id', 'scans'],
  ];
  const found: string[] = [];
  for (const [table, column, parent] of refs) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} c
      where c.${sql.ref(column)} is not null
      and not exists (select 1 from ${sql.table(parent)} p where p.id = c.${sql.ref(column)})`.execute(
      store.db,
    );
    if (Number(rows[0]!.n) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

async function scanCount(store: Store, project: string): Promise<number> {
  return (await store.scanHistory(project)).length;
}

describe('zero-day watch: identities and durations', () => {
  it('parses durations with a unit, and 0', () => {
    expect(parseDuration('6h')).toBe(6 * 3_600_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('0h')).toBe(0);
    for (const bad of ['', '6', 'h', '6 hours', '-1h', '1.5h', '6hh', `${'9'.repeat(10)}h`])
      expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('keys a flaw by its smallest CVE, else its smallest advisory id, as the SCA scanner does', () => {
    expect(flawKey(['GHSA-b', 'GHSA-a'], ['CVE-2026-2', 'CVE-2026-1'])).toBe('CVE-2026-1');
    expect(flawKey(['PYSEC-2', 'GHSA-x'], [])).toBe('GHSA-x');
    expect(identityOfFinding('sca/vulnerable-dependency', ciLodashFinding().details)).toMatchObject({
      ...LODASH_IDENTITY,
      ids: ['CVE-2026-10001', 'GHSA-2222-3333-4444'],
      key: 'CVE-2026-10001',
    });
    expect(identityOfFinding('sca/license-not-allowed', ciLodashFinding().details)).toBeUndefined();
    expect(identityOfFinding('sca/vulnerable-dependency', { kind: 'secret' })).toBeUndefined();
    expect(LODASH_FP).toMatch(/^[0-9a-f]{32}$/);
    expect(watchFingerprint({ ...LODASH_IDENTITY, version: '4.17.19' }, 'CVE-2026-10001')).not.toBe(
      LODASH_FP,
    );
  });
});

describe.each(implementations())('zero-day watch: $name', (impl) => {
  let api: Api;
  let dir: string;
  let dbPath: string;
  const events: ServerEvent[] = [];
  const time = clock();
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    dir = tempDir();
    dbPath = join(dir, 'osv.db');
    // The database knows only an unrelated flaw at first.
    await importRecords(dbPath, join(dir, 'first'), [LEFT_PAD_ADVISORY]);
    api = await startApi({ now: time.now, watch: { database: dbPath } }, () => impl.open({ now: time.now }));
    api.server.events.on((event) => {
      events.push(event);
    });
    admin = await userWith(api, 'admin@example.com', {}, true);
  });
  afterAll(async () => {
    await api.close();
    await impl.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function runWatch(query = '') {
    const res = await call(api, `/api/v1/watch/run${query}`, { method: 'POST', as: admin });
    expect(res.statusCode, res.body).toBe(200);
    await api.server.events.idle();
    return res.json<{
      rematched: boolean;
      projectsChecked: number;
      branchesChecked: number;
      newlyAffected: {
        project: string;
        branch: string;
        scanId: number;
        advisories: string[];
        findings: number;
      }[];
      errors: unknown[];
      database: { generation: string; updatedAt: string };
    }>();
  }

  it('finds nothing while the database has no advisory for the stored packages', async () => {
    for (const [project, body] of [
      [A, uploadA()],
      [B, uploadB()],
    ] as const) {
      const res = await call(api, projectUrl(project, '/scans'), { as: admin, body });
      expect(res.statusCode, res.body).toBe(201);
    }
    const run = await runWatch();
    expect(run).toMatchObject({
      rematched: true,
      projectsChecked: 2,
      branchesChecked: 2,
      newlyAffected: [],
      errors: [],
    });
    expect((await api.store.listFindings(A)).map((f) => f.fingerprint)).toEqual([SECRET_FP]);
    expect(await api.store.listFindings(B)).toEqual([]);
    expect(await scanCount(api.store, A)).toBe(1);
    expect(events.filter((e) => e.type === 'project.affected')).toEqual([]);
  });

  it('gives a project the finding when an advisory for its package arrives, in a watch scan naming the SBOM commit', async () => {
    await importRecords(dbPath, join(dir, 'second'), [LODASH_ADVISORY]);
    time.advance(60_000);
    const run = await runWatch();
    expect(run.errors).toEqual([]);
    expect(run.newlyAffected).toEqual([
      {
        project: A,
        branch: 'main',
        scanId: expect.any(Number) as number,
        advisories: ['GHSA-2222-3333-4444'],
        findings: 1,
      },
    ]);

    const finding = await api.store.getFinding(A, LODASH_FP);
    expect(finding).toMatchObject({
      ruleId: 'sca/vulnerable-dependency',
      scanner: 'sca',
      tool: 'rampart',
      severity: 'high',
      state: 'new',
      title: 'Dependency with a known vulnerability',
      cwe: ['CWE-1395'],
      location: { path: 'pkg:npm/lodash@4.17.20' },
      details: {
        kind: 'dependency',
        ecosystem: 'npm',
        packageName: 'lodash',
        version: '4.17.20',
        purl: 'pkg:npm/lodash@4.17.20',
        advisoryIds: ['GHSA-2222-3333-4444'],
        aliases: ['CVE-2026-10001'],
        fixedIn: '4.17.21',
      },
    });
    expect(finding.message).toBe(
      'lodash@4.17.20: Made-up flaw in lodash (GHSA-2222-3333-4444) [GHSA-2222-3333-4444, CVE-2026-10001]; fixed in 4.17.21',
    );
    const scan = await api.store.getScan(finding.firstScanId);
    expect(scan).toMatchObject({
      id: run.newlyAffected[0]!.scanId,
      project: A,
      branch: 'main',
      commit: COMMIT_A,
      tool: { name: 'rampart-watch' },
      format: 'watch',
      kind: 'partial',
      scanners: ['sca'],
      findingCount: 1,
      componentCount: 0,
    });
    expect(scan.ruleSet[0]).toEqual({ id: 'advisory-db', version: run.database.updatedAt });
    // The scan of the API shows it too.
    const res = await call(api, projectUrl(A, `/scans/${scan.id}`), { as: admin });
    expect(res.statusCode, res.body).toBe(200);

    // Nothing else changed: the secret is still open, project B has nothing.
    expect((await api.store.getFinding(A, SECRET_FP)).state).toBe('new');
    expect(await api.store.listFindings(B)).toEqual([]);

    const affected = events.filter((e) => e.type === 'project.affected');
    expect(affected).toEqual([
      {
        type: 'project.affected',
        at: time.now(),
        project: A,
        branch: 'main',
        scanId: scan.id,
        advisories: ['GHSA-2222-3333-4444'],
        findings: 1,
      },
    ]);

    // Audited as the watch.
    const audit = [];
    for await (const entry of api.store.auditEntries()) audit.push(entry);
    expect(audit.filter((e) => e.actor === 'system:watch').map((e) => e.action)).toEqual([
      'watch.run',
      'watch.recorded',
      'watch.run',
    ]);
    expect((await verifyAudit(api.store, api.store.signingKey.publicKeyPem)).ok).toBe(true);
  });

  it('creates nothing when run again against the same database', async () => {
    const scans = await scanCount(api.store, A);
    const before = events.length;
    const run = await runWatch();
    expect(run).toMatchObject({ rematched: true, newlyAffected: [], errors: [] });
    expect(await scanCount(api.store, A)).toBe(scans);
    expect(events.length).toBe(before);
    expect((await api.store.listFindings(A)).length).toBe(2);
  });

  it('a later CI upload of the same flaw sees the finding as open, not as a new one', async () => {
    time.advance(60_000);
    const res = await call(api, projectUrl(A, '/scans'), {
      as: admin,
      body: uploadA({ withLodashFinding: true, commit: 'd'.repeat(40) }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ duplicate: false, findings: 2, created: 0, fixed: 0 });
    const findings = await api.store.listFindings(A);
    expect(findings.map((f) => [f.fingerprint, f.state]).sort()).toEqual(
      [
        [CI_FP, 'open'],
        [SECRET_FP, 'open'],
      ].sort(),
    );
    const adopted = findings.find((f) => f.fingerprint === CI_FP)!;
    // The same finding (its history kept), now with the CI's fingerprint and location.
    expect(adopted.firstScanId).toBe((await api.store.scanHistory(A, { limit: 2 }))[1]!.id);
    expect(adopted.location.path).toBe('package-lock.json');
    // The watch has nothing to add: the branch has the flaw.
    expect((await runWatch()).newlyAffected).toEqual([]);
    expect((await api.store.listFindings(A)).length).toBe(2);
    expect((await verifyAudit(api.store, api.store.signingKey.publicKeyPem)).ok).toBe(true);
  });

  it('respects a full scan of the same SBOM that left the flaw out (dev dependencies left out, VEX)', async () => {
    time.advance(60_000);
    const scan = await call(api, projectUrl(A, '/scans'), {
      as: admin,
      body: uploadA({ commit: 'e'.repeat(40) }),
    });
    expect(scan.json()).toMatchObject({ fixed: 1 });
    expect((await api.store.getFinding(A, CI_FP)).state).toBe('fixed');
    const scans = await scanCount(api.store, A);
    const run = await runWatch();
    expect(run).toMatchObject({ newlyAffected: [], errors: [] });
    expect((await api.store.getFinding(A, CI_FP)).state).toBe('fixed');
    expect(await scanCount(api.store, A)).toBe(scans);
  });

  it('reopens a fixed flaw when a later SBOM of the branch has the package again', async () => {
    time.advance(60_000);
    const sbomOnly = await call(api, projectUrl(A, '/scans'), {
      as: admin,
      body: {
        branch: 'main',
        commit: 'f'.repeat(40),
        sbom: cycloneDx([{ name: 'lodash', version: '4.17.20' }]),
      },
    });
    expect(sbomOnly.json()).toMatchObject({ fixed: 0, created: 0 });
    const run = await runWatch();
    expect(run.newlyAffected).toEqual([
      {
        project: A,
        branch: 'main',
        scanId: expect.any(Number) as number,
        advisories: ['GHSA-2222-3333-4444'],
        findings: 1,
      },
    ]);
    const finding = await api.store.getFinding(A, CI_FP);
    expect(finding).toMatchObject({ state: 'reopened', fixedAt: null, fixedScanId: null });
    expect((await api.store.getScan(finding.lastScanId)).commit).toBe('f'.repeat(40));
    expect((await api.store.listFindings(A)).length).toBe(2);
    expect(await orphans(api.store)).toEqual([]);
    const audit = [];
    for await (const entry of api.store.auditEntries()) audit.push(entry);
    expect(audit.filter((e) => e.action === 'finding.reopened').map((e) => e.actor)).toEqual([
      'system:watch',
    ]);
  });

  it('reports a broken project and goes on with the others', async () => {
    await importRecords(dbPath, join(dir, 'third'), [EXPRESS_ADVISORY]);
    // An SBOM component whose purl the SCA reader cannot take is skipped; a branch whose record fails
    // (here: a stored details column that is not JSON) is reported without stopping the run.
    const broken = await api.store.db
      .insertInto('findings')
      .values({
        project_id: (await api.store.listProjects()).find((p) => p.name === B)!.id,
        fingerprint: 'bad0bad0bad0bad0bad0bad0bad0bad0',
        tool_name: 'rampart',
        scanner: 'sca',
        rule_id: 'sca/vulnerable-dependency',
        severity: 'high',
        title: 't',
        message: 'm',
        path: 'p',
        start_line: 1,
        start_column: 1,
        end_line: 1,
        end_column: 1,
        snippet: null,
        cwe: '[]',
        details: '{not json',
        suppression: null,
        state: 'open',
        state_changed_at: 0,
        first_seen_at: 0,
        last_seen_at: 0,
        first_scan_id: 1,
        last_scan_id: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const run = await runWatch();
    expect(run.errors).toEqual([
      { project: B, branch: 'main', message: expect.stringMatching(/JSON/) as string },
    ]);
    expect(run.branchesChecked).toBe(2);
    await api.store.db.deleteFrom('findings').where('id', '=', broken.id).execute();
    // The next run takes B again (the database is the same, but B was not done).
    const again = await runWatch();
    expect(again.errors).toEqual([]);
    expect(again.newlyAffected).toMatchObject([
      { project: B, advisories: ['GHSA-8888-9999-cccc'], findings: 1 },
    ]);
    // An SBOM uploaded alone: the finding belongs to `rampart scan`, whose full scans can fix it.
    expect((await api.store.listFindings(B)).map((f) => [f.severity, f.tool])).toEqual([
      ['critical', 'rampart'],
    ]);
  });

  it('lets only administrators see and run the watch', async () => {
    const maintainer = await userWith(api, 'maintainer@example.com', { [A]: 'maintainer' });
    const token = await tokenFor(api, 'read', [A]);
    for (const as of [maintainer, token]) {
      expect((await call(api, '/api/v1/watch', { as })).statusCode).toBe(403);
      expect((await call(api, '/api/v1/watch/run', { method: 'POST', as })).statusCode).toBe(403);
    }
    expect((await call(api, '/api/v1/watch')).statusCode).toBe(401);
    expect((await call(api, '/api/v1/watch/run', { method: 'POST' })).statusCode).toBe(401);
    const status = await call(api, '/api/v1/watch', { as: admin });
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toMatchObject({
      enabled: true,
      database: dbPath,
      intervalMs: 0,
      running: false,
      lastRun: { trigger: 'api', rematched: true, projectsChecked: 2 },
    });
    expect(
      (await call(api, '/api/v1/watch/run?update=maybe', { method: 'POST', as: admin })).statusCode,
    ).toBe(400);
  });
});

describe('zero-day watch: schedule and update (SQLite)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(watchOptions: { intervalMs?: number; update?: false }) {
    const dir = tempDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const mirror = new LocalMirror();
    const base = await mirror.start();
    cleanups.push(() => mirror.stop());
    const store = await openStore({ dataDir: join(dir, 'data') });
    cleanups.push(() => store.close());
    const dbPath = join(dir, 'osv.db');
    const server = createServer({
      store,
      checkResponses: true,
      watch: {
        database: dbPath,
        ...(watchOptions.intervalMs !== undefined ? { intervalMs: watchOptions.intervalMs } : {}),
        update: { mirror: base, ecosystems: ['npm'], retryDelayMs: 5, timeoutMs: 2000, retries: 0 },
        ...(watchOptions.update === false ? { scheduledUpdate: false } : {}),
      },
    });
    cleanups.push(() => server.close());
    const events: ServerEvent[] = [];
    server.events.on((e) => {
      events.push(e);
    });
    const { ingest } = await import('../src/index.js');
    await ingest(store, { project: A, ...uploadA(), actor: 'ci' });
    return { dir, dbPath, mirror, store, server, events };
  }

  it('downloads the advisories from the mirror, re-matches, and skips an unchanged database', async () => {
    const { dbPath, mirror, store, server, events } = await setup({});
    const watch = server.watch!;
    // No database yet and nothing served: the run says so and changes nothing.
    const empty = await watch.check();
    expect(empty.errors.map((e) => e.message).join('\n')).toMatch(/update failed[\s\S]*no advisory database/);
    expect(existsSync(dbPath)).toBe(false);

    mirror.files.set(
      '/npm/all.zip',
      storedZip(
        [LODASH_ADVISORY, LEFT_PAD_ADVISORY].map((r) => ({ name: `${r.id}.json`, data: JSON.stringify(r) })),
      ),
    );
    const first = await watch.check();
    expect(first).toMatchObject({ trigger: 'schedule', updated: true, rematched: true, errors: [] });
    expect(first.newlyAffected).toMatchObject([{ project: A, branch: 'main', findings: 1 }]);
    expect((await store.getFinding(A, LODASH_FP)).state).toBe('new');
    await server.events.idle();
    expect(events.filter((e) => e.type === 'project.affected')).toHaveLength(1);

    // The mirror answers 304: nothing downloaded, the database is unchanged, nothing re-matched.
    const second = await watch.check();
    expect(second).toMatchObject({ updated: false, rematched: false, newlyAffected: [], errors: [] });
    expect(mirror.requests.filter((r) => r.url === '/npm/all.zip').map((r) => r.status)).toEqual([
      404, 200, 304,
    ]);
    expect(watch.status()).toMatchObject({ lastRun: { rematched: false }, lastRematch: { updated: true } });

    // A change someone else made to the file (`rampart db import`) is noticed at the next check.
    await importRecords(dbPath, join(dbPath, '..', 'extra'), [REACT_ADVISORY]);
    const third = await watch.check();
    expect(third).toMatchObject({ updated: false, rematched: true, errors: [] });
    expect(third.newlyAffected).toMatchObject([
      { project: A, advisories: ['GHSA-8888-9999-dddd'], findings: 1 },
    ]);
    const react = (await store.listFindings(A)).find(
      (f) => (f.details as { packageName?: string } | null)?.packageName === 'react',
    );
    expect(react).toMatchObject({ severity: 'critical', state: 'new' });
  });

  it('checks on its schedule, one run at a time', async () => {
    const { dbPath, dir, server, mirror } = await setup({ intervalMs: 40, update: false });
    await importRecords(dbPath, join(dir, 'records'), [LODASH_ADVISORY]);
    const watch = server.watch!;
    const deadline = Date.now() + 10_000;
    while (watch.status().lastRematch === null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watch.status().lastRematch).toMatchObject({ trigger: 'schedule', updated: null, rematched: true });
    await server.watch!.stop();
    // Scheduled checks never downloaded; asked for, an update uses the configured mirror.
    expect(mirror.requests).toEqual([]);
    const running = watch.run({ trigger: 'api', update: true });
    expect(() => watch.run({ trigger: 'api', update: false })).toThrow(WatchBusyError);
    const run = await running;
    expect(mirror.requests.map((r) => r.url)).toContain('/npm/all.zip');
    expect(run.errors.map((e) => e.message)).toEqual([expect.stringMatching(/update failed.*404/) as string]);
    expect(run).toMatchObject({ updated: false, rematched: true });
  });

  it('answers 409 when the watch is off', async () => {
    const dir = tempDir();
    const api = await startApi({}, () => openStore({ dataDir: dir }));
    try {
      const admin = await userWith(api, 'admin@example.com', {}, true);
      const status = await call(api, '/api/v1/watch', { as: admin });
      expect(status.json()).toMatchObject({ enabled: false, lastRun: null });
      const run = await call(api, '/api/v1/watch/run', { method: 'POST', as: admin });
      expect(run.statusCode).toBe(409);
      expect(run.json()).toMatchObject({ error: { code: 'watch-disabled' } });
    } finally {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
