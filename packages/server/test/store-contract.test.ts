import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  ingest,
  IngestError,
  InvalidRequestError,
  MigrationError,
  MIGRATIONS,
  NotFoundError,
  SCHEMA_VERSION,
  verifyAudit,
  exportAuditJsonl,
  verifyAuditExport,
  type Store,
} from '../src/index.js';
import {
  clock,
  cycloneDx,
  DAY,
  implementations,
  manyFindings,
  nativeResult,
  POSTGRES_URL,
  tempDir,
} from './helpers.js';

if (POSTGRES_URL === '')
  console.warn(
    'store contract suite: PostgreSQL skipped (set RAMPART_TEST_DATABASE_URL=postgres://... to a database the tests may wipe)',
  );

const COMMIT_1 = 'a'.repeat(40);
const COMMIT_2 = 'b'.repeat(40);
const COMMIT_3 = 'c'.repeat(40);

describe.each(implementations())('store contract: $name', (impl) => {
  const open: Store[] = [];
  const time = clock();
  async function fresh(): Promise<Store> {
    time.set(Date.UTC(2026, 0, 15, 12, 0, 0));
    const store = await impl.open({ now: time.now });
    open.push(store);
    return store;
  }
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  afterAll(() => impl.cleanup());

  async function auditOk(store: Store) {
    const result = await verifyAudit(store, store.signingKey.publicKeyPem);
    expect(result.problems).toEqual([]);
    expect(result.unsealed).toBe(0);
    return result;
  }

  /**
   * Every reference of the bulk tables points at a row (PostgreSQL has no foreign-key triggers on them
   * since migration 9: the store keeps them consistent, and this checks it after each kind of upload).
   */
  async function referencesOk(store: Store) {
    const orphans: Record<string, number> = {};
    const refs: [string, string, string][] = [
      ['findings', 'project_id', 'projects'],
      ['findings', 'first_scan_id', 'scans'],
      ['findings', 'last_scan_id', 'scans'],
      ['findings', 'fixed_scan_id', 'scans'],
      ['occurrences', 'scan_id', 'scans'],
      ['occurrences', 'finding_id', 'findings'],
      ['finding_branches', 'finding_id', 'findings'],
      ['finding_branches', 'last_scan_id', 'scans'],
    ];
    for (const [table, column, parent] of refs) {
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} c
        where c.${sql.ref(column)} is not null
        and not exists (select 1 from ${sql.table(parent)} p where p.id = c.${sql.ref(column)})`.execute(
        store.db,
      );
      orphans[`${table}.${column}`] = Number(rows[0]!.n);
    }
    expect(Object.entries(orphans).filter(([, n]) => n > 0)).toEqual([]);
  }

  describe('migrations', () => {
    it('creates the schema once, reopens idempotently and refuses a newer database', async () => {
      const dataDir = tempDir();
      const first = await impl.open({ dataDir });
      const version = await first.db.selectFrom('schema_migrations').select(['version']).execute();
      expect(version.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await first.close();

      const again = await impl.open({ dataDir, keep: true });
      expect((await again.db.selectFrom('schema_migrations').selectAll().execute()).length).toBe(
        MIGRATIONS.length,
      );
      await again.db
        .insertInto('schema_migrations')
        .values({ version: SCHEMA_VERSION + 1, name: 'from the future', applied_at: 0 })
        .execute();
      await again.close();

      await expect(impl.open({ dataDir, keep: true })).rejects.toThrow(MigrationError);
      await expect(impl.open({ dataDir, keep: true })).rejects.toThrow(/newer than this Rampart knows/);
    });
  });

  describe('ingest of the native result', () => {
    it('records the scan, its context and the findings as new', async () => {
      const store = await fresh();
      const result = await ingest(store, {
        project: 'acme/payments',
        branch: 'main',
        commit: COMMIT_1.toUpperCase(),
        pipelineUrl: 'https://ci.example.com/runs/1',
        configHash: 'cfg-1',
        report: JSON.stringify(
          nativeResult([{ fingerprint: 'f1' }, { fingerprint: 'f2', suppressed: 'inline' }]),
        ),
        actor: 'ci-token',
      });
      expect(result).toMatchObject({ duplicate: false, findings: 2, created: 2, reopened: 0, fixed: 0 });
      const [scan] = await store.scanHistory('acme/payments');
      expect(scan).toMatchObject({
        id: result.scanId,
        branch: 'main',
        commit: COMMIT_1,
        pipelineUrl: 'https://ci.example.com/runs/1',
        tool: { name: 'rampart', version: '0.1.0' },
        ruleSet: [{ id: 'secrets', version: '0.1.0', rules: 10 }],
        scanners: ['secrets'],
        configHash: 'cfg-1',
        format: 'rampart-json',
        kind: 'full',
        findingCount: 2,
        createdAt: time.now(),
      });
      expect(typeof scan!.id).toBe('number');
      const findings = await store.listFindings('acme/payments');
      expect(findings.map((f) => [f.fingerprint, f.state, f.suppression])).toEqual([
        ['f1', 'new', null],
        ['f2', 'new', 'inline'],
      ]);
      expect(findings[0]).toMatchObject({
        ruleId: 'secrets/test-rule',
        title: 'Title of secrets/test-rule',
        severity: 'high',
        cwe: ['CWE-798'],
        location: {
          path: 'src/app.ts',
          startLine: 1,
          startColumn: 1,
          endLine: 1,
          endColumn: 10,
          snippet: 'const x = 1;',
        },
        firstSeenAt: time.now(),
        lastSeenAt: time.now(),
        triage: null,
      });
      await auditOk(store);
    });

    it('treats a re-upload of the same scan as a no-op', async () => {
      const store = await fresh();
      const upload = {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        report: nativeResult([{ fingerprint: 'f1' }]),
      };
      const first = await ingest(store, upload);
      const entries = (await store.auditCheckpoints()).length;
      time.advance(1000);
      // Same content written with other whitespace and key order: still the same scan.
      const second = await ingest(store, { ...upload, report: JSON.stringify(upload.report, null, 4) });
      expect(second).toMatchObject({ duplicate: true, scanId: first.scanId, created: 0 });
      expect(await store.scanHistory('p')).toHaveLength(1);
      expect((await store.auditCheckpoints()).length).toBe(entries);
      expect((await store.getFinding('p', 'f1')).lastSeenAt).toBe(time.now() - 1000);
    });

    it('keeps a finding whose code moved (same fingerprint) and refreshes its location', async () => {
      const store = await fresh();
      await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        report: nativeResult([{ fingerprint: 'f1', line: 3 }]),
      });
      time.advance(DAY);
      const second = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_2,
        report: nativeResult([{ fingerprint: 'f1', line: 40 }]),
      });
      expect(second).toMatchObject({ created: 0, reopened: 0, fixed: 0 });
      const finding = await store.getFinding('p', 'f1');
      expect(finding).toMatchObject({
        state: 'open',
        location: { startLine: 40 },
        lastScanId: second.scanId,
        lastSeenAt: time.now(),
      });
      expect(finding.firstSeenAt).toBe(time.now() - DAY);
    });

    it('rejects malformed uploads with a clear error and stores nothing', async () => {
      const store = await fresh();
      await expect(ingest(store, { project: 'p', report: '{"findings": [' })).rejects.toThrow(
        /report is not valid JSON/,
      );
      await expect(ingest(store, { project: 'p', report: { hello: 'world' } })).rejects.toThrow(
        /neither a Rampart JSON result .* nor a SARIF 2.1.0 log/,
      );
      const bad = nativeResult([{ fingerprint: 'f1' }]);
      (bad.findings[0]!.location as { startLine: number }).startLine = 0;
      const error = await ingest(store, { project: 'p', report: bad }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestError);
      expect((error as IngestError).status).toBe(400);
      expect((error as IngestError).message).toMatch(/\/findings\/0\/location\/startLine must be >= 1/);
      await expect(ingest(store, { project: '../etc', report: nativeResult([]) })).rejects.toThrow(
        /\/project must match pattern/,
      );
      await expect(
        ingest(store, { project: 'p', commit: 'not-a-sha', report: nativeResult([]) }),
      ).rejects.toThrow(/\/commit/);
      await expect(ingest(store, { project: 'p' })).rejects.toThrow(/neither a report nor an SBOM/);
      await expect(
        ingest(store, { project: 'p', kind: 'full', report: nativeResult([], { diffBase: true }) }),
      ).rejects.toThrow(/partial/);
      await expect(
        ingest(store, { project: 'p', kind: 'full', report: nativeResult([], { history: true }) }),
      ).rejects.toThrow(/--history\): upload it as kind "partial"/);
      const future = { ...nativeResult([]), schemaVersion: '2.0.0' };
      await expect(ingest(store, { project: 'p', report: future })).rejects.toThrow(
        /format 2.0.0 is not supported/,
      );
      expect(await store.listProjects()).toEqual([]);
      expect(await store.auditCheckpoints()).toEqual([]);
    });

    it('accepts fields added by a newer 1.x format', async () => {
      const store = await fresh();
      const report = {
        ...nativeResult([{ fingerprint: 'f1' }]),
        schemaVersion: '1.4.0',
        somethingNew: { x: 1 },
      };
      (report.findings[0] as Record<string, unknown>).futureField = 'ok';
      expect((await ingest(store, { project: 'p', report })).created).toBe(1);
    });

    it('rolls back everything when the transaction fails part-way', async () => {
      const store = await fresh();
      await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        report: nativeResult([{ fingerprint: 'f1' }]),
      });
      const before = { scans: await store.scanHistory('p'), checkpoints: await store.auditCheckpoints() };
      // Valid rows first, then one the database refuses (a NOT NULL column): the failure comes late.
      const findings = manyFindings(3000).map((spec) => ({
        fingerprint: spec.fingerprint,
        scanner: 'secrets',
        ruleId: 'secrets/x',
        severity: 'high' as const,
        title: 't',
        message: 'm',
        path: spec.path!,
        startLine: 1,
        startColumn: 1,
        endLine: 1,
        endColumn: 1,
        snippet: null,
        cwe: [],
        details: null,
        suppression: null,
      }));
      (findings[2999] as { path: string | null }).path = null;
      await expect(
        store.recordScan({
          project: 'other',
          branch: 'main',
          commit: COMMIT_2,
          pipelineUrl: null,
          configHash: null,
          kind: 'full',
          format: 'rampart-json',
          tool: { name: 'rampart', version: '1' },
          ruleSet: [],
          scanners: ['secrets'],
          contentHash: 'x',
          findings,
          components: [],
          skippedComponents: 0,
          actor: 'a',
        }),
      ).rejects.toThrow();
      expect((await store.listProjects()).map((p) => p.name)).toEqual(['p']);
      expect(await store.scanHistory('p')).toEqual(before.scans);
      expect(await store.auditCheckpoints()).toEqual(before.checkpoints);
      expect(
        await store.db
          .selectFrom('findings')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst(),
      ).toEqual({ n: 1 });
      await auditOk(store);
      await referencesOk(store);
    });
  });

  describe('lifecycle', () => {
    it('fixes findings absent from a full scan and reopens them when they come back', async () => {
      const store = await fresh();
      await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        report: nativeResult([{ fingerprint: 'f1' }, { fingerprint: 'f2' }]),
      });
      time.advance(DAY);
      const second = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_2,
        report: nativeResult([{ fingerprint: 'f1' }]),
      });
      expect(second).toMatchObject({ created: 0, fixed: 1, reopened: 0 });
      expect(await store.getFinding('p', 'f2')).toMatchObject({
        state: 'fixed',
        fixedAt: time.now(),
        fixedScanId: second.scanId,
      });
      expect((await store.getFinding('p', 'f1')).state).toBe('open');
      time.advance(DAY);
      const third = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_3,
        report: nativeResult([{ fingerprint: 'f1' }, { fingerprint: 'f2' }]),
      });
      expect(third).toMatchObject({ created: 0, fixed: 0, reopened: 1 });
      expect(await store.getFinding('p', 'f2')).toMatchObject({
        state: 'reopened',
        fixedAt: null,
        fixedScanId: null,
      });
      const actions = [];
      for await (const entry of store.auditEntries()) actions.push(entry.action);
      expect(actions).toEqual([
        'project.created',
        'scan.ingested',
        'finding.fixed',
        'scan.ingested',
        'finding.reopened',
        'scan.ingested',
      ]);
      await auditOk(store);
      await referencesOk(store);
    });

    it('never fixes from a partial scan, another tool or a scanner that did not run', async () => {
      const store = await fresh();
      await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        report: nativeResult(
          [{ fingerprint: 'f1' }, { fingerprint: 'f2', scanner: 'sca', ruleId: 'sca/vulnerable-dependency' }],
          { scanners: ['secrets', 'sca'] },
        ),
      });
      const partial = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_2,
        report: nativeResult([], { diffBase: true }),
      });
      expect(partial).toMatchObject({ fixed: 0 });
      expect((await store.scanHistory('p'))[0]!.kind).toBe('partial');
      // A history scan reports what commits added, not what the tree holds now: partial too.
      const history = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_2,
        report: nativeResult([], { history: true }),
      });
      expect(history).toMatchObject({ fixed: 0 });
      expect((await store.scanHistory('p'))[0]!.kind).toBe('partial');
      // A full scan with only the secrets scanner: the sca finding stays open, the secret is fixed.
      const secretsOnly = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_3,
        report: nativeResult([], { scanners: ['secrets'] }),
      });
      expect(secretsOnly.fixed).toBe(1);
      expect((await store.getFinding('p', 'f2')).state).toBe('new');
      const sarif = {
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'semgrep', version: '1.2.3' } }, results: [] }],
      };
      expect(
        (await ingest(store, { project: 'p', branch: 'main', commit: COMMIT_3, report: sarif })).fixed,
      ).toBe(0);
      expect((await store.getFinding('p', 'f2')).state).toBe('new');
    });

    it('keeps a finding open while another branch still has it', async () => {
      const store = await fresh();
      await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        report: nativeResult([{ fingerprint: 'f1' }]),
      });
      await ingest(store, {
        project: 'p',
        branch: 'feature',
        commit: COMMIT_2,
        report: nativeResult([{ fingerprint: 'f1' }]),
      });
      const featureFixed = await ingest(store, {
        project: 'p',
        branch: 'feature',
        commit: COMMIT_3,
        report: nativeResult([]),
      });
      expect(featureFixed.fixed).toBe(0);
      expect((await store.getFinding('p', 'f1')).state).toBe('open');
      const mainFixed = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_3,
        report: nativeResult([]),
      });
      expect(mainFixed.fixed).toBe(1);
      expect((await store.getFinding('p', 'f1')).state).toBe('fixed');
      await referencesOk(store);
    });
  });

  describe('triage', () => {
    it('keeps decisions across re-imports and validates them', async () => {
      const store = await fresh();
      await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        report: nativeResult([{ fingerprint: 'f1' }, { fingerprint: 'f2' }]),
      });
      await expect(store.triage('p', 'f1', { decision: 'false_positive', actor: 'alice' })).rejects.toThrow(
        InvalidRequestError,
      );
      await expect(
        store.triage('p', 'f1', {
          decision: 'accepted_risk',
          justification: 'x',
          actor: 'alice',
          expiresAt: time.now() + DAY,
        }),
      ).rejects.toThrow(/approver/);
      await expect(
        store.triage('p', 'f1', {
          decision: 'accepted_risk',
          justification: 'x',
          approver: 'bob',
          actor: 'alice',
        }),
      ).rejects.toThrow(/expiry/);
      await expect(
        store.triage('p', 'nope', { decision: 'mitigated', justification: 'x', actor: 'alice' }),
      ).rejects.toThrow(NotFoundError);

      const triaged = await store.triage('p', 'f1', {
        decision: 'false_positive',
        justification: 'test fixture',
        actor: 'alice',
      });
      expect(triaged.triage).toMatchObject({
        decision: 'false_positive',
        justification: 'test fixture',
        actor: 'alice',
        at: time.now(),
      });
      time.advance(DAY);
      await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_2,
        report: nativeResult([{ fingerprint: 'f2' }]),
      });
      await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_3,
        report: nativeResult([{ fingerprint: 'f1' }, { fingerprint: 'f2' }]),
      });
      expect(await store.getFinding('p', 'f1')).toMatchObject({
        state: 'reopened',
        triage: { decision: 'false_positive' },
      });
      expect((await store.listFindings('p', { triaged: false })).map((f) => f.fingerprint)).toEqual(['f2']);

      await store.triage('p', 'f1', {
        decision: 'none',
        actor: 'carol',
        justification: 'it is real after all',
      });
      expect((await store.getFinding('p', 'f1')).triage).toBeNull();
      expect((await store.triageHistory('p', 'f1')).map((t) => [t.decision, t.actor])).toEqual([
        ['false_positive', 'alice'],
        ['reset', 'carol'],
      ]);
      await auditOk(store);
    });

    it('reopens an expired risk acceptance on the next ingest', async () => {
      const store = await fresh();
      await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        report: nativeResult([{ fingerprint: 'f1' }]),
      });
      const expiresAt = time.now() + 30 * DAY;
      await store.triage('p', 'f1', {
        decision: 'accepted_risk',
        justification: 'vendor fix due',
        approver: 'bob',
        expiresAt,
        actor: 'alice',
      });
      expect((await store.getFinding('p', 'f1')).triage).toMatchObject({
        decision: 'accepted_risk',
        approver: 'bob',
        expiresAt,
      });
      time.advance(10 * DAY);
      expect(
        (
          await ingest(store, {
            project: 'p',
            branch: 'main',
            commit: COMMIT_2,
            report: nativeResult([{ fingerprint: 'f1' }]),
          })
        ).expired,
      ).toBe(0);
      time.set(expiresAt);
      const result = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_3,
        report: nativeResult([{ fingerprint: 'f1' }]),
      });
      expect(result.expired).toBe(1);
      expect(await store.getFinding('p', 'f1')).toMatchObject({ state: 'reopened', triage: null });
      expect((await store.triageHistory('p', 'f1')).map((t) => t.decision)).toEqual([
        'accepted_risk',
        'expired',
      ]);
    });

    it('expires acceptances on request, across projects', async () => {
      const store = await fresh();
      await ingest(store, { project: 'p1', report: nativeResult([{ fingerprint: 'f1' }]) });
      await ingest(store, { project: 'p2', report: nativeResult([{ fingerprint: 'f1' }]) });
      for (const project of ['p1', 'p2'])
        await store.triage(project, 'f1', {
          decision: 'accepted_risk',
          justification: 'j',
          approver: 'bob',
          expiresAt: time.now() + DAY,
          actor: 'alice',
        });
      expect(await store.expireAcceptances(time.now() + DAY - 1)).toBe(0);
      expect(await store.expireAcceptances(time.now() + DAY)).toBe(2);
      expect((await store.getFinding('p2', 'f1')).state).toBe('reopened');
      expect(await store.expireAcceptances(time.now() + 2 * DAY)).toBe(0);
      await auditOk(store);
    });
  });

  describe('SARIF', () => {
    const sarif = (results: object[], rules: object[] = []) => ({
      version: '2.1.0',
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      runs: [{ tool: { driver: { name: 'semgrep', semanticVersion: '1.50.0', rules } }, results }],
    });
    const result = (line: number, extra: object = {}) => ({
      ruleId: 'js.sqli',
      level: 'error',
      message: { text: 'SQL injection' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/db.js' },
            region: { startLine: line, snippet: { text: '  db.query(q)' } },
          },
        },
      ],
      ...extra,
    });

    it('maps results to findings with content fingerprints that survive line moves', async () => {
      const store = await fresh();
      const rules = [
        {
          id: 'js.sqli',
          shortDescription: { text: 'SQL injection' },
          properties: { tags: ['external/cwe/cwe-89'], 'security-severity': '9.8' },
        },
      ];
      const first = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        report: sarif([result(10), result(20)], rules),
      });
      expect(first.created).toBe(2);
      const before = await store.listFindings('p');
      expect(before.map((f) => [f.tool, f.scanner, f.severity, f.cwe, f.location.startLine])).toEqual([
        ['semgrep', 'semgrep', 'critical', ['CWE-89'], 10],
        ['semgrep', 'semgrep', 'critical', ['CWE-89'], 20],
      ]);
      // Both lines moved down: same findings, nothing new, nothing fixed.
      const second = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_2,
        report: sarif([result(15), result(25)], rules),
      });
      expect(second).toMatchObject({ created: 0, fixed: 0 });
      expect((await store.listFindings('p')).map((f) => [f.fingerprint, f.location.startLine])).toEqual(
        before.map((f, i) => [f.fingerprint, [15, 25][i]]),
      );
      expect((await store.scanHistory('p'))[0]).toMatchObject({
        format: 'sarif',
        tool: { name: 'semgrep', version: '1.50.0' },
      });
    });

    it('uses partialFingerprints when present and rejects malformed SARIF', async () => {
      const store = await fresh();
      const withFp = (line: number) =>
        result(line, { partialFingerprints: { primaryLocationLineHash: 'abc:1' }, level: 'warning' });
      await ingest(store, { project: 'p', commit: COMMIT_1, report: sarif([withFp(1)]) });
      const second = await ingest(store, {
        project: 'p',
        commit: COMMIT_2,
        report: sarif([{ ...withFp(99), message: { text: 'changed' } }]),
      });
      expect(second.created).toBe(0);
      expect((await store.listFindings('p'))[0]).toMatchObject({ severity: 'medium', message: 'changed' });
      await expect(
        ingest(store, { project: 'p', report: { version: '2.1.0', runs: [{ tool: {} }] } }),
      ).rejects.toThrow(/\/runs\/0\/tool must have required property 'driver'/);
      await expect(
        ingest(store, {
          project: 'p',
          report: sarif([{ ...result(1), locations: [{ physicalLocation: { region: { startLine: 0 } } }] }]),
        }),
      ).rejects.toThrow(/startLine must be >= 1/);
    });
  });

  describe('SBOM and traceability', () => {
    it('answers which projects use a package, from the latest SBOM of each branch', async () => {
      const store = await fresh();
      await ingest(store, {
        project: 'api',
        branch: 'main',
        commit: COMMIT_1,
        sbom: cycloneDx([
          { name: 'lodash', version: '4.17.20' },
          { name: '@babel/traverse', version: '7.22.0' },
        ]),
      });
      await ingest(store, {
        project: 'web',
        branch: 'main',
        commit: COMMIT_1,
        sbom: JSON.stringify(cycloneDx([{ name: 'lodash', version: '4.17.21' }])),
      });
      expect(
        (await store.projectsUsingPackage({ name: 'lodash' })).map((u) => [
          u.project,
          u.version,
          u.ecosystem,
        ]),
      ).toEqual([
        ['api', '4.17.20', 'npm'],
        ['web', '4.17.21', 'npm'],
      ]);
      expect(
        (await store.projectsUsingPackage({ name: 'lodash', version: '4.17.20' })).map((u) => u.project),
      ).toEqual(['api']);
      expect(
        (await store.projectsUsingPackage({ name: '@babel/traverse', ecosystem: 'npm' }))[0],
      ).toMatchObject({
        project: 'api',
        purl: 'pkg:npm/%40babel/traverse@7.22.0',
        commit: COMMIT_1,
      });
      // api upgrades: the latest SBOM answers; the history still knows.
      await ingest(store, {
        project: 'api',
        branch: 'main',
        commit: COMMIT_2,
        sbom: cycloneDx([{ name: 'lodash', version: '4.17.21' }]),
      });
      expect(
        (await store.projectsUsingPackage({ name: 'lodash', version: '4.17.20' })).map((u) => u.project),
      ).toEqual([]);
      expect(
        (await store.projectsUsingPackage({ name: 'lodash', version: '4.17.20', history: true })).map(
          (u) => u.commit,
        ),
      ).toEqual([COMMIT_1]);
      await expect(ingest(store, { project: 'api', sbom: '{"bomFormat": "CycloneDX"}' })).rejects.toThrow(
        /SBOM: .*specVersion/,
      );
    });

    it('links findings to the scans that saw them and lists scan history newest first', async () => {
      const store = await fresh();
      const s1 = await ingest(store, {
        project: 'p',
        branch: 'main',
        commit: COMMIT_1,
        pipelineUrl: 'https://ci/1',
        report: nativeResult([{ fingerprint: 'f1' }, { fingerprint: 'f2' }]),
      });
      time.advance(1000);
      const s2 = await ingest(store, {
        project: 'p',
        branch: 'dev',
        commit: COMMIT_2,
        report: nativeResult([{ fingerprint: 'f1' }]),
      });
      const { findings, scans } = await store.findingsWithScans('p');
      expect(findings.map((f) => [f.fingerprint, f.scanIds])).toEqual([
        ['f1', [s1.scanId, s2.scanId]],
        ['f2', [s1.scanId]],
      ]);
      expect(scans.map((s) => [s.id, s.branch, s.commit])).toEqual([
        [s1.scanId, 'main', COMMIT_1],
        [s2.scanId, 'dev', COMMIT_2],
      ]);
      expect((await store.scanHistory('p')).map((s) => s.id)).toEqual([s2.scanId, s1.scanId]);
      expect((await store.scanHistory('p', { branch: 'main' })).map((s) => s.pipelineUrl)).toEqual([
        'https://ci/1',
      ]);
      await expect(store.scanHistory('nope')).rejects.toThrow(NotFoundError);
    });
  });

  describe('audit log', () => {
    it('chains every action, seals it with signed checkpoints and exports JSON lines', async () => {
      const store = await fresh();
      await ingest(store, { project: 'p', report: nativeResult([{ fingerprint: 'f1' }]), actor: 'ci' });
      await store.recordAdminAction({
        actor: 'admin',
        action: 'user.created',
        target: 'user:alice',
        reason: 'new hire',
        data: { role: 'viewer' },
      });
      const verification = await auditOk(store);
      expect(verification).toMatchObject({ ok: true, entries: 3, checkpoints: 2, sealedThrough: 3 });
      let text = '';
      for await (const line of exportAuditJsonl(store)) text += line;
      const lines = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l.type, l.seq])).toEqual([
        ['entry', 1],
        ['entry', 2],
        ['checkpoint', 2],
        ['entry', 3],
        ['checkpoint', 3],
      ]);
      expect(lines[3]).toMatchObject({
        actor: 'admin',
        action: 'user.created',
        target: 'user:alice',
        reason: 'new hire',
        data: { role: 'viewer' },
      });
      expect((await verifyAuditExport(text, store.signingKey.publicKeyPem)).ok).toBe(true);
      expect(
        (await verifyAuditExport(text.replace('new hire', 'old hire'), store.signingKey.publicKeyPem))
          .problems[0],
      ).toMatchObject({ kind: 'modified', seq: 3 });
    });
  });

  describe('scale', () => {
    it('ingests 100k findings in one upload, then re-imports them unchanged', async () => {
      const store = await fresh();
      const report = nativeResult(manyFindings(100_000));
      const first = await ingest(store, { project: 'big', branch: 'main', commit: COMMIT_1, report });
      expect(first).toMatchObject({ findings: 100_000, created: 100_000 });
      const second = await ingest(store, {
        project: 'big',
        branch: 'main',
        commit: COMMIT_2,
        report: nativeResult(manyFindings(99_999)),
      });
      expect(second).toMatchObject({ created: 0, fixed: 1 });
      const counts = await store.db
        .selectFrom('findings')
        .select(['state', (eb) => eb.fn.countAll().as('n')])
        .groupBy('state')
        .orderBy('state')
        .execute();
      expect(counts.map((c) => [c.state, Number(c.n)])).toEqual([
        ['fixed', 1],
        ['open', 99_999],
      ]);
      expect((await store.listFindings('big', { limit: 5, afterId: 10 })).map((f) => f.id)).toEqual([
        11, 12, 13, 14, 15,
      ]);
      await referencesOk(store);
    }, 60_000);
  });
});
