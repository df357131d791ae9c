import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, sql, type Transaction } from 'kysely';
import {
  signCheckpoint,
  entryHash,
  GENESIS_HASH,
  type AuditCheckpoint,
  type AuditEntry,
} from './audit/chain.js';
import { loadOrCreateSigningKey, type SigningKey } from './audit/keys.js';
import { batches } from './batch.js';
import { canonicalJson } from './canonical-json.js';
import { migrate, type DialectName } from './db/migrations.js';
import { postgresDialect } from './db/postgres.js';
import { unnestInsert, unnestUpdate, type BulkColumn } from './db/postgres-bulk.js';
import type {
  Database,
  FindingState,
  FindingTable,
  ScanKind,
  TriageDecision,
  UploadFormat,
} from './db/schema.js';
import { sqliteDialect } from './db/sqlite.js';
import { InvalidRequestError, NotFoundError, StoreConfigError } from './errors.js';
import type { ImportedFinding, ScanImport, Severity } from './ingest/model.js';
import {
  DAY_MS,
  SLA_SEVERITIES,
  type SlaBreach,
  type SlaCounts,
  type SlaPolicy,
  type SlaSeverity,
} from './visibility/sla.js';
import { adoptWatchFindings } from './watch/adopt.js';

/** The default SQLite file inside the data directory. */
export const SQLITE_FILE = 'rampart.db';

export interface StoreOptions {
  /** Holds the SQLite database (unless `databaseUrl` is given) and the audit signing key. */
  dataDir: string;
  /** `postgres://user:password@host:port/database` to store in PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** The clock, in milliseconds since the Unix epoch (tests pass a fixed one). */
  now?: () => number;
}

export interface ScanView {
  id: number;
  project: string;
  branch: string;
  commit: string;
  pipelineUrl: string | null;
  tool: { name: string; version: string };
  ruleSet: { id: string; version: string; rules?: number }[];
  scanners: string[];
  configHash: string | null;
  contentHash: string;
  format: UploadFormat;
  kind: ScanKind;
  findingCount: number;
  componentCount: number;
  createdAt: number;
}

export interface TriageView {
  decision: TriageDecision;
  justification: string | null;
  approver: string | null;
  actor: string | null;
  expiresAt: number | null;
  at: number | null;
}

export interface FindingView {
  id: number;
  project: string;
  fingerprint: string;
  tool: string;
  scanner: string;
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  location: {
    path: string;
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
    snippet?: string;
  };
  cwe: string[];
  details: unknown;
  suppression: string | null;
  state: FindingState;
  stateChangedAt: number;
  triage: TriageView | null;
  firstSeenAt: number;
  lastSeenAt: number;
  firstScanId: number;
  lastScanId: number;
  fixedAt: number | null;
  fixedScanId: number | null;
}

export interface IngestResult {
  scanId: number;
  project: string;
  /** True when the same scan had been uploaded before: nothing changed. */
  duplicate: boolean;
  findings: number;
  /** Findings seen for the first time. */
  created: number;
  /** Findings that were fixed and are back. */
  reopened: number;
  /** Findings this (full) scan no longer has. */
  fixed: number;
  /** Risk acceptances of the project that had expired and were withdrawn. */
  expired: number;
  components: number;
  skippedComponents: number;
}

export interface FindingFilter {
  states?: FindingState[];
  severities?: Severity[];
  /** Only findings without a triage decision (`false`), or only triaged ones (`true`). */
  triaged?: boolean;
  /** Only findings of these scanners (`secrets`, or a SARIF tool's driver name). */
  scanners?: string[];
  /** Only findings of these rules. */
  ruleIds?: string[];
  /** Only findings whose path starts with this text (`src/` for a folder, or a whole file path). */
  pathPrefix?: string;
  /** Only these fingerprints. */
  fingerprints?: string[];
  /** Page after this finding id (findings are ordered by id). */
  afterId?: number;
  /** At most this many (default 1000, at most 10000). */
  limit?: number;
}

export interface TriageRequest {
  /** A triage decision, or `none` to withdraw the current one. */
  decision: TriageDecision | 'none';
  /** Why. Required for every decision. */
  justification?: string;
  /** Who approved an accepted risk. Required for `accepted_risk`. */
  approver?: string;
  /** When an accepted risk must be reviewed again (ms since the epoch). Required for `accepted_risk`. */
  expiresAt?: number;
  actor: string;
}

export interface PackageQuery {
  /** Package name as the ecosystem spells it (`lodash`, `@babel/traverse`, `org.yaml:snakeyaml`). */
  name: string;
  version?: string;
  /** OSV ecosystem name (`npm`, `PyPI`, `Maven`, ...). */
  ecosystem?: string;
  /** Search every stored SBOM instead of only the latest one of each project and branch. */
  history?: boolean;
}

export interface PackageUsage {
  project: string;
  branch: string;
  commit: string;
  scanId: number;
  scannedAt: number;
  purl: string;
  ecosystem: string;
  name: string;
  version: string;
  scope: string;
  direct: boolean;
}

/** Appends audit entries inside a `Store.transact` transaction. */
export interface AuditAppender {
  append(action: AdminAction): Promise<AuditEntry>;
}

export interface AdminAction {
  actor: string;
  action: string;
  target: string;
  reason?: string;
  data?: unknown;
}

/**
 * Everything the server stores, behind one interface. Two implementations (SQLite, PostgreSQL) share
 * the code below through Kysely and pass one contract test suite.
 */
export interface Store {
  readonly dialect: DialectName;
  /** The key that signs audit checkpoints. */
  readonly signingKey: Pick<SigningKey, 'publicKey' | 'publicKeyPem' | 'keyId'>;
  /** Record a parsed upload in one transaction (see `ingest`, which parses and calls this). */
  recordScan(scan: ScanImport): Promise<IngestResult>;
  triage(project: string, fingerprint: string, request: TriageRequest): Promise<FindingView>;
  /** Withdraw every risk acceptance that expired at `now`; returns how many. */
  expireAcceptances(now?: number, actor?: string): Promise<number>;
  /** Append an administrative action (user created, token revoked, ...) to the audit log. */
  recordAdminAction(action: AdminAction): Promise<AuditEntry>;
  /**
   * Run `fn` as one write transaction whose audit entries are chained and sealed together with its
   * changes: either both are committed or neither. For the server's own modules (accounts, tokens);
   * not a stable API.
   */
  transact<T>(fn: (trx: Transaction<Database>, audit: AuditAppender, at: number) => Promise<T>): Promise<T>;
  listProjects(): Promise<{ id: number; name: string; createdAt: number }[]>;
  getFinding(project: string, fingerprint: string): Promise<FindingView>;
  listFindings(project: string, filter?: FindingFilter): Promise<FindingView[]>;
  /** Findings of a project with the scans that saw them. */
  findingsWithScans(
    project: string,
    filter?: FindingFilter,
  ): Promise<{ findings: (FindingView & { scanIds: number[] })[]; scans: ScanView[] }>;
  /** The scans of a project, newest first. */
  scanHistory(
    project: string,
    options?: { branch?: string; limit?: number; beforeId?: number },
  ): Promise<ScanView[]>;
  getScan(scanId: number): Promise<ScanView>;
  triageHistory(
    project: string,
    fingerprint: string,
  ): Promise<(Omit<TriageView, 'decision'> & { decision: string })[]>;
  /** Which projects use a package (at a version), from stored SBOMs. */
  projectsUsingPackage(query: PackageQuery): Promise<PackageUsage[]>;
  /** Finding counts per project, severity and state (one grouped query). */
  findingCounts(): Promise<{ project: string; severity: Severity; state: FindingState; count: number }[]>;
  /** Stored scans per project and upload format (duplicates are not stored, so not counted). */
  scanCounts(): Promise<{ project: string; format: UploadFormat; count: number }[]>;
  /** SLA counts per project (or of one) and severity at `now` under `policy`. */
  slaCounts(policy: SlaPolicy, now: number, project?: string): Promise<SlaCounts[]>;
  /** A project's open findings past their deadline, the most overdue first. */
  slaBreaches(project: string, policy: SlaPolicy, now: number, limit: number): Promise<SlaBreach[]>;
  /** What the compliance view needs of each finding of a project. */
  complianceFindings(
    project: string,
  ): Promise<{ ruleId: string; cwe: string[]; state: FindingState; triage: TriageDecision | null }[]>;
  /** A server setting written by `putSetting`, parsed, or undefined. */
  getSetting(key: string): Promise<unknown>;
  /** Write a server setting (canonical JSON; `null` removes it), audited as `setting.updated`. */
  putSetting(key: string, value: unknown, actor: string): Promise<void>;
  /** The audit log in sequence order. */
  auditEntries(): AsyncIterable<AuditEntry>;
  auditCheckpoints(): Promise<AuditCheckpoint[]>;
  close(): Promise<void>;
  /** The Kysely instance, for tests and tools (e.g. the tamper tests). Not a stable API. */
  readonly db: Kysely<Database>;
  /**
   * For reads that must not wait for a write transaction (authentication, health, lists): on SQLite a
   * second, read-only connection that sees the last committed state; on PostgreSQL the same pool as `db`.
   * Never write through it. Not a stable API.
   */
  readonly reader: Kysely<Database>;
}

/** Open (creating and migrating) the store the options describe. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const now = options.now ?? (() => Date.now());
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = loadOrCreateSigningKey(options.dataDir);
  let store: KyselyStore;
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl))
      throw new StoreConfigError(
        'the database URL must start with postgres:// (or leave it empty for SQLite)',
      );
    const { dialect } = postgresDialect(options.databaseUrl);
    store = new KyselyStore(new Kysely<Database>({ dialect }), 'postgres', key, now);
  } else {
    const { dialect } = sqliteDialect(join(options.dataDir, SQLITE_FILE));
    store = new KyselyStore(new Kysely<Database>({ dialect }), 'sqlite', key, now);
  }
  try {
    await migrate(store.db, store.dialect, (trx) => store.lock(trx), now);
    if (store.dialect === 'sqlite') {
      const { dialect } = sqliteDialect(join(options.dataDir, SQLITE_FILE), { readonly: true });
      store.reader = new Kysely<Database>({ dialect });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** Identifies Rampart's write lock among PostgreSQL advisory locks ("RAMPART" in ASCII). */
const WRITE_LOCK_KEY = 0x52414d50415254;
/** Parameters one statement may carry. */
const MAX_PARAMS: Record<DialectName, number> = { sqlite: 32766, postgres: 65535 };
const PAGE = 5000;

type Trx = Transaction<Database>;

/** Appends audit entries within a write transaction; `flush` writes them and a signed checkpoint. */
class AuditWriter {
  private pending: AuditEntry[] = [];
  private head: { seq: number; hash: string } | undefined;

  constructor(
    private readonly trx: Trx,
    private readonly key: SigningKey,
    private readonly maxParams: number,
  ) {}

  async append(
    at: number,
    actor: string,
    action: string,
    target: string,
    reason: string | null,
    data: unknown,
  ): Promise<AuditEntry> {
    if (this.head === undefined) {
      const last = await this.trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      this.head = last ?? { seq: 0, hash: GENESIS_HASH };
    }
    // Canonical JSON round trip: what is hashed is exactly what is stored and read back.
    const normalised =
      data === undefined || data === null ? null : (JSON.parse(canonicalJson(data)) as unknown);
    const content = { at, actor, action, target, reason, data: normalised };
    const hash = entryHash(this.head.hash, content);
    const entry: AuditEntry = { ...content, seq: this.head.seq + 1, prevHash: this.head.hash, hash };
    this.pending.push(entry);
    this.head = { seq: entry.seq, hash };
    return entry;
  }

  async flush(at: number): Promise<void> {
    if (this.pending.length === 0) return;
    for (const batch of batches(this.pending, 9, this.maxParams)) {
      await this.trx
        .insertInto('audit_log')
        .values(
          batch.map((e) => ({
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            action: e.action,
            target: e.target,
            reason: e.reason,
            data: e.data === null ? null : canonicalJson(e.data),
            prev_hash: e.prevHash,
            hash: e.hash,
          })),
        )
        .execute();
    }
    const last = this.pending[this.pending.length - 1]!;
    const checkpoint = signCheckpoint(this.key.privateKey, this.key.keyId, last.seq, last.hash, at);
    await this.trx
      .insertInto('audit_checkpoints')
      .values({
        seq: checkpoint.seq,
        hash: checkpoint.hash,
        at: checkpoint.at,
        key_id: checkpoint.keyId,
        signature: checkpoint.signature,
      })
      .execute();
    this.pending = [];
  }
}

type FindingRow = FindingTable & { id: number };

function checkAdminAction(action: AdminAction): void {
  for (const field of ['actor', 'action', 'target'] as const)
    if (typeof action[field] !== 'string' || action[field].trim() === '')
      throw new InvalidRequestError(`an audit entry needs a non-empty ${field}`);
}

function parseJson<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}

function findingView(row: FindingRow, project: string): FindingView {
  const location: FindingView['location'] = {
    path: row.path,
    startLine: row.start_line,
    startColumn: row.start_column,
    endLine: row.end_line,
    endColumn: row.end_column,
  };
  if (row.snippet !== null) location.snippet = row.snippet;
  return {
    id: row.id,
    project,
    fingerprint: row.fingerprint,
    tool: row.tool_name,
    scanner: row.scanner,
    ruleId: row.rule_id,
    severity: row.severity as Severity,
    title: row.title,
    message: row.message,
    location,
    cwe: parseJson<string[]>(row.cwe, []),
    details: parseJson<unknown>(row.details, null),
    suppression: row.suppression,
    state: row.state,
    stateChangedAt: row.state_changed_at,
    triage:
      row.triage === null
        ? null
        : {
            decision: row.triage,
            justification: row.triage_justification,
            approver: row.triage_approver,
            actor: row.triage_actor,
            expiresAt: row.triage_expires_at,
            at: row.triage_at,
          },
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    firstScanId: row.first_scan_id,
    lastScanId: row.last_scan_id,
    fixedAt: row.fixed_at,
    fixedScanId: row.fixed_scan_id,
  };
}

type ScanRow = Database['scans'] & { id: number; project: string };

function scanView(row: ScanRow): ScanView {
  return {
    id: row.id,
    project: row.project,
    branch: row.branch,
    commit: row.commit_sha,
    pipelineUrl: row.pipeline_url,
    tool: { name: row.tool_name, version: row.tool_version },
    ruleSet: parseJson(row.rule_set, []),
    scanners: parseJson(row.scanners, []),
    configHash: row.config_hash,
    contentHash: row.content_hash,
    format: row.format,
    kind: row.kind,
    findingCount: row.finding_count,
    componentCount: row.component_count,
    createdAt: row.created_at,
  };
}

/** The columns of `findings` that the latest scan refreshes. */
function latestColumns(f: ImportedFinding) {
  return {
    severity: f.severity,
    title: f.title,
    message: f.message,
    path: f.path,
    start_line: f.startLine,
    start_column: f.startColumn,
    end_line: f.endLine,
    end_column: f.endColumn,
    snippet: f.snippet,
    cwe: canonicalJson(f.cwe),
    details: f.details === null || f.details === undefined ? null : canonicalJson(f.details),
    suppression: f.suppression,
  };
}

type LatestColumns = ReturnType<typeof latestColumns>;
const LATEST_KEYS = Object.keys(latestColumns({} as ImportedFinding)) as (keyof LatestColumns)[];

const text = (name: string): BulkColumn => ({ name, type: 'text' });
const bigint = (name: string): BulkColumn => ({ name, type: 'bigint' });
const INTEGER_COLUMNS = new Set(['start_line', 'start_column', 'end_line', 'end_column']);
/** PostgreSQL bulk statements: the latest-scan columns of `findings` with their types. */
const LATEST_BULK: BulkColumn[] = LATEST_KEYS.map((k) => (INTEGER_COLUMNS.has(k) ? bigint(k) : text(k)));

/** Unresolved states: what an SLA deadline applies to (unless triaged). */
const OPEN_STATES: FindingState[] = ['new', 'open', 'reopened'];

/**
 * `first_seen_at` older than the severity's deadline at `now`. The cut-offs are integers computed here
 * and written as literals: PostgreSQL cannot type a bound parameter inside CASE.
 */
function breachCondition(policy: SlaPolicy, now: number) {
  const clauses = SLA_SEVERITIES.map(
    (severity) =>
      sql<boolean>`(findings.severity = ${sql.lit(severity)} and findings.first_seen_at < ${sql.lit(
        Math.trunc(now - policy[severity] * DAY_MS),
      )})`,
  );
  return sql<boolean>`(${sql.join(clauses, sql` or `)})`;
}

/** A finding's deadline, as an SQL expression (for ordering). */
function dueAt(policy: SlaPolicy) {
  const whens = SLA_SEVERITIES.map(
    (severity) => sql`when ${sql.lit(severity)} then ${sql.lit(Math.trunc(policy[severity] * DAY_MS))}`,
  );
  return sql`findings.first_seen_at + case findings.severity ${sql.join(whens, sql` `)} else 0 end`;
}
const FINDING_BULK: BulkColumn[] = [
  bigint('project_id'),
  text('fingerprint'),
  text('tool_name'),
  text('scanner'),
  text('rule_id'),
  ...LATEST_BULK,
  text('state'),
  bigint('state_changed_at'),
  bigint('first_seen_at'),
  bigint('last_seen_at'),
  bigint('first_scan_id'),
  bigint('last_scan_id'),
];
const SEEN_AGAIN_BULK: BulkColumn[] = [
  ...LATEST_BULK,
  bigint('last_seen_at'),
  bigint('last_scan_id'),
  text('state'),
  bigint('state_changed_at'),
  bigint('fixed_at'),
  bigint('fixed_scan_id'),
];
const OCCURRENCE_BULK: BulkColumn[] = [
  bigint('scan_id'),
  bigint('finding_id'),
  text('path'),
  bigint('start_line'),
  bigint('end_line'),
  text('severity'),
];
const BRANCH_BULK: BulkColumn[] = [
  bigint('finding_id'),
  text('branch'),
  bigint('present'),
  bigint('last_scan_id'),
];

class KyselyStore implements Store {
  private readonly maxParams: number;
  /** See `Store.reader`; set by `openStore` once the schema is migrated. */
  reader: Kysely<Database>;
  private lastBreath = performance.now();

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectName,
    private readonly key: SigningKey,
    private readonly now: () => number,
  ) {
    this.maxParams = MAX_PARAMS[dialect];
    this.reader = db;
  }

  /**
   * SQLite runs queries synchronously on this thread: a long write transaction calls this between
   * batches so that, every 25 ms, other requests get the event loop (their reads go through `reader`;
   * their writes wait for the transaction). PostgreSQL queries are I/O and need no such pause.
   */
  private async breathe(): Promise<void> {
    if (this.dialect !== 'sqlite' || performance.now() - this.lastBreath < 25) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastBreath = performance.now();
  }

  get signingKey() {
    return { publicKey: this.key.publicKey, publicKeyPem: this.key.publicKeyPem, keyId: this.key.keyId };
  }

  /** Serialise writers: the audit chain needs one writer at a time. SQLite's write lock does it there. */
  async lock(trx: Trx): Promise<void> {
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
  }

  private async write<T>(fn: (trx: Trx, audit: AuditWriter, at: number) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await this.lock(trx);
      const at = this.now();
      const audit = new AuditWriter(trx, this.key, this.maxParams);
      const result = await fn(trx, audit, at);
      await audit.flush(at);
      return result;
    });
  }

  async close(): Promise<void> {
    if (this.reader !== this.db) await this.reader.destroy();
    await this.db.destroy();
  }

  // ------------------------------------------------------------------------------------------ ingest

  async recordScan(scan: ScanImport): Promise<IngestResult> {
    return this.write(async (trx, audit, at) => {
      const projectId = await this.ensureProject(trx, audit, scan.project, scan.actor, at);
      const previous = await trx
        .selectFrom('scans')
        .select(['id', 'finding_count', 'component_count'])
        .where('project_id', '=', projectId)
        .where('branch', '=', scan.branch)
        .where('commit_sha', '=', scan.commit)
        .where('tool_name', '=', scan.tool.name)
        .where('content_hash', '=', scan.contentHash)
        .executeTakeFirst();
      if (previous !== undefined)
        return {
          scanId: previous.id,
          project: scan.project,
          duplicate: true,
          findings: previous.finding_count,
          created: 0,
          reopened: 0,
          fixed: 0,
          expired: 0,
          components: previous.component_count,
          skippedComponents: scan.skippedComponents,
        };

      const expired = await this.expireIn(trx, audit, at, 'system', projectId);
      const inserted = await trx
        .insertInto('scans')
        .values({
          project_id: projectId,
          branch: scan.branch,
          commit_sha: scan.commit,
          pipeline_url: scan.pipelineUrl,
          tool_name: scan.tool.name,
          tool_version: scan.tool.version,
          rule_set: canonicalJson(scan.ruleSet),
          scanners: canonicalJson(scan.scanners),
          config_hash: scan.configHash,
          content_hash: scan.contentHash,
          format: scan.format,
          kind: scan.kind,
          finding_count: scan.findings.length,
          component_count: scan.components.length,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const scanId = inserted.id;

      // Findings the zero-day watch created take the fingerprints this upload gives the same flaws.
      if (scan.format !== 'watch')
        for (const entry of await adoptWatchFindings(
          trx,
          projectId,
          scan.project,
          scan.tool.name,
          scan.findings,
        ))
          await audit.append(at, 'system', entry.action, entry.target, entry.reason, entry.data);
      const counts = await this.recordFindings(trx, audit, at, projectId, scanId, scan);
      for (const batch of batches(scan.components, 9, this.maxParams)) {
        await this.breathe();
        await trx
          .insertInto('components')
          .values(
            batch.map((c) => ({
              scan_id: scanId,
              project_id: projectId,
              purl: c.purl,
              ecosystem: c.ecosystem,
              name: c.name,
              version: c.version,
              scope: c.scope,
              direct: c.direct ? 1 : 0,
              licenses: c.licenses === null ? null : canonicalJson(c.licenses),
            })),
          )
          .execute();
      }
      await audit.append(at, scan.actor, 'scan.ingested', `scan:${scanId}`, null, {
        branch: scan.branch,
        commit: scan.commit,
        components: scan.components.length,
        contentHash: scan.contentHash,
        created: counts.created,
        findings: scan.findings.length,
        fixed: counts.fixed,
        format: scan.format,
        kind: scan.kind,
        pipelineUrl: scan.pipelineUrl,
        project: scan.project,
        reopened: counts.reopened,
        tool: scan.tool,
      });
      return {
        scanId,
        project: scan.project,
        duplicate: false,
        findings: scan.findings.length,
        ...counts,
        expired,
        components: scan.components.length,
        skippedComponents: scan.skippedComponents,
      };
    });
  }

  private async ensureProject(
    trx: Trx,
    audit: AuditWriter,
    name: string,
    actor: string,
    at: number,
  ): Promise<number> {
    const existing = await trx
      .selectFrom('projects')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    if (existing !== undefined) return existing.id;
    const row = await trx
      .insertInto('projects')
      .values({ name, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit.append(at, actor, 'project.created', `project:${name}`, null, { id: row.id });
    return row.id;
  }

  private async recordFindings(
    trx: Trx,
    audit: AuditWriter,
    at: number,
    projectId: number,
    scanId: number,
    scan: ScanImport,
  ): Promise<{ created: number; reopened: number; fixed: number }> {
    const incoming = new Map(scan.findings.map((f) => [f.fingerprint, f]));
    const fingerprints = [...incoming.keys()];

    // 1. The project's known findings among these fingerprints.
    const existing = new Map<string, FindingRow>();
    if (this.dialect === 'postgres') {
      for (let start = 0; start < fingerprints.length; start += 20_000) {
        const batch = fingerprints.slice(start, start + 20_000);
        const rows = await trx
          .selectFrom('findings')
          .selectAll()
          .where('project_id', '=', projectId)
          .where(sql<boolean>`fingerprint = any(${batch}::text[])`)
          .execute();
        for (const row of rows) existing.set(row.fingerprint, row as FindingRow);
      }
    } else {
      for (const batch of batches(fingerprints, 1, this.maxParams - 1, 2048)) {
        const rows = await trx
          .selectFrom('findings')
          .selectAll()
          .where('project_id', '=', projectId)
          .where('fingerprint', 'in', batch)
          .execute();
        for (const row of rows) existing.set(row.fingerprint, row as FindingRow);
      }
    }

    // 2. New findings.
    const fresh = scan.findings.filter((f) => !existing.has(f.fingerprint));
    const ids = new Map<string, number>();
    const newRows = fresh.map((f) => ({
      project_id: projectId,
      fingerprint: f.fingerprint,
      tool_name: scan.tool.name,
      scanner: f.scanner,
      rule_id: f.ruleId,
      ...latestColumns(f),
      state: 'new' as const,
      state_changed_at: at,
      first_seen_at: at,
      last_seen_at: at,
      first_scan_id: scanId,
      last_scan_id: scanId,
    }));
    if (this.dialect === 'postgres') {
      const rows = await unnestInsert<{ id: number; fingerprint: string }>(
        trx,
        'findings',
        FINDING_BULK,
        newRows,
        {
          returning: ['id', 'fingerprint'],
        },
      );
      for (const row of rows) ids.set(row.fingerprint, Number(row.id));
    } else {
      for (const batch of batches(newRows, FINDING_BULK.length, this.maxParams, 1024)) {
        await this.breathe();
        const rows = await trx
          .insertInto('findings')
          .values(batch)
          .returning(['id', 'fingerprint'])
          .execute();
        for (const row of rows) ids.set(row.fingerprint, row.id);
      }
    }

    // 3. Known findings: seen again. Fixed ones come back as reopened; new ones become open.
    const seenAgain: number[] = [];
    const toOpen: number[] = [];
    const toReopen: FindingRow[] = [];
    const changed: ({ id: number } & LatestColumns)[] = [];
    for (const [fingerprint, row] of existing) {
      ids.set(fingerprint, row.id);
      seenAgain.push(row.id);
      if (row.state === 'fixed') toReopen.push(row);
      else if (row.state === 'new') toOpen.push(row.id);
      const latest = latestColumns(incoming.get(fingerprint)!);
      if (LATEST_KEYS.some((key) => latest[key] !== row[key])) changed.push({ id: row.id, ...latest });
    }
    if (this.dialect === 'postgres') {
      // One pass over the rows: PostgreSQL rewrites a row on every update, so each extra pass over 100k
      // findings costs seconds.
      const reopen = new Set(toReopen.map((r) => r.id));
      const open = new Set(toOpen);
      const rows = [...existing.values()].map((row) => {
        const latest = latestColumns(incoming.get(row.fingerprint)!);
        const transition = reopen.has(row.id) ? 'reopened' : open.has(row.id) ? 'open' : undefined;
        return {
          id: row.id,
          ...latest,
          last_seen_at: at,
          last_scan_id: scanId,
          state: transition ?? row.state,
          state_changed_at: transition === undefined ? row.state_changed_at : at,
          fixed_at: transition === 'reopened' ? null : row.fixed_at,
          fixed_scan_id: transition === 'reopened' ? null : row.fixed_scan_id,
        };
      });
      await unnestUpdate(trx, 'findings', SEEN_AGAIN_BULK, rows);
    } else {
      for (const { id, ...latest } of changed) {
        await this.breathe();
        await trx.updateTable('findings').set(latest).where('id', '=', id).execute();
      }
      for (const batch of batches(seenAgain, 1, this.maxParams - 2, 2048)) {
        await this.breathe();
        await trx
          .updateTable('findings')
          .set({ last_seen_at: at, last_scan_id: scanId })
          .where('id', 'in', batch)
          .execute();
      }
      for (const batch of batches(toOpen, 1, this.maxParams - 2, 2048))
        await trx
          .updateTable('findings')
          .set({ state: 'open', state_changed_at: at })
          .where('id', 'in', batch)
          .execute();
      for (const batch of batches(
        toReopen.map((r) => r.id),
        1,
        this.maxParams - 2,
        2048,
      ))
        await trx
          .updateTable('findings')
          .set({ state: 'reopened', state_changed_at: at, fixed_at: null, fixed_scan_id: null })
          .where('id', 'in', batch)
          .execute();
    }
    for (const row of [...toReopen].sort((a, b) => a.id - b.id))
      await audit.append(
        at,
        'system',
        'finding.reopened',
        `finding:${row.id}`,
        'seen again after it was fixed',
        {
          fingerprint: row.fingerprint,
          project: scan.project,
          scanId,
        },
      );

    // 4. Occurrences and branch presence.
    const occurrences = scan.findings.map((f) => ({
      scan_id: scanId,
      finding_id: ids.get(f.fingerprint)!,
      path: f.path,
      start_line: f.startLine,
      end_line: f.endLine,
      severity: f.severity,
    }));
    const presence = occurrences.map((o) => ({
      finding_id: o.finding_id,
      branch: scan.branch,
      present: 1,
      last_scan_id: scanId,
    }));
    if (this.dialect === 'postgres') {
      await unnestInsert(trx, 'occurrences', OCCURRENCE_BULK, occurrences);
      await unnestInsert(trx, 'finding_branches', BRANCH_BULK, presence, {
        onConflict: sql` on conflict (finding_id, branch) do update set present = 1, last_scan_id = excluded.last_scan_id where finding_branches.present = 0`,
      });
    } else {
      for (const batch of batches(occurrences, OCCURRENCE_BULK.length, this.maxParams)) {
        await this.breathe();
        await trx.insertInto('occurrences').values(batch).execute();
      }
      for (const batch of batches(presence, BRANCH_BULK.length, this.maxParams)) {
        await this.breathe();
        await trx
          .insertInto('finding_branches')
          .values(batch)
          .onConflict((oc) =>
            oc
              .columns(['finding_id', 'branch'])
              .doUpdateSet({ present: 1, last_scan_id: (eb) => eb.ref('excluded.last_scan_id') })
              .where('finding_branches.present', '=', 0),
          )
          .execute();
      }
    }

    // 5. A full scan: what it covered but no longer has is gone from this branch; fixed when gone everywhere.
    const fixed =
      scan.kind === 'full' && scan.scanners.length > 0
        ? await this.fixAbsent(trx, audit, at, projectId, scanId, scan)
        : 0;
    return { created: fresh.length, reopened: toReopen.length, fixed };
  }

  private async fixAbsent(
    trx: Trx,
    audit: AuditWriter,
    at: number,
    projectId: number,
    scanId: number,
    scan: ScanImport,
  ): Promise<number> {
    const absent = await trx
      .selectFrom('finding_branches as fb')
      .innerJoin('findings as f', 'f.id', 'fb.finding_id')
      .select(['f.id', 'f.fingerprint', 'f.state'])
      .where('f.project_id', '=', projectId)
      .where('fb.branch', '=', scan.branch)
      .where('fb.present', '=', 1)
      // Presence rows change only when a finding appears on or leaves a branch (an unchanged re-import
      // writes none): absent means no occurrence in this scan.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('occurrences as o')
              .select('o.finding_id')
              .whereRef('o.finding_id', '=', 'fb.finding_id')
              .where('o.scan_id', '=', scanId),
          ),
        ),
      )
      .where('f.tool_name', '=', scan.tool.name)
      .where('f.scanner', 'in', scan.scanners)
      .orderBy('f.id')
      .execute();
    if (absent.length === 0) return 0;
    const absentIds = absent.map((r) => r.id);
    for (const batch of batches(absentIds, 1, this.maxParams - 3, 2048)) {
      await this.breathe();
      await trx
        .updateTable('finding_branches')
        .set({ present: 0, last_scan_id: scanId })
        .where('branch', '=', scan.branch)
        .where('finding_id', 'in', batch)
        .execute();
    }
    const elsewhere = new Set<number>();
    for (const batch of batches(absentIds, 1, this.maxParams - 1, 2048)) {
      const rows = await trx
        .selectFrom('finding_branches')
        .select('finding_id')
        .where('present', '=', 1)
        .where('finding_id', 'in', batch)
        .execute();
      for (const row of rows) elsewhere.add(row.finding_id);
    }
    const gone = absent.filter((r) => !elsewhere.has(r.id) && r.state !== 'fixed');
    for (const batch of batches(
      gone.map((r) => r.id),
      1,
      this.maxParams - 4,
      2048,
    ))
      await trx
        .updateTable('findings')
        .set({ state: 'fixed', state_changed_at: at, fixed_at: at, fixed_scan_id: scanId })
        .where('id', 'in', batch)
        .execute();
    for (const row of gone)
      await audit.append(at, 'system', 'finding.fixed', `finding:${row.id}`, 'absent from a full scan', {
        branch: scan.branch,
        fingerprint: row.fingerprint,
        project: scan.project,
        scanId,
      });
    return gone.length;
  }

  // ------------------------------------------------------------------------------------------ triage

  async triage(project: string, fingerprint: string, request: TriageRequest): Promise<FindingView> {
    const justification = request.justification?.trim() ?? '';
    const approver = request.approver?.trim() ?? '';
    if (request.actor.trim() === '') throw new InvalidRequestError('a triage decision needs an actor');
    if (request.decision !== 'none' && justification === '')
      throw new InvalidRequestError(`a ${request.decision} decision needs a justification`);
    if (request.decision === 'accepted_risk') {
      if (approver === '') throw new InvalidRequestError('an accepted risk needs an approver');
      if (request.expiresAt === undefined || !Number.isSafeInteger(request.expiresAt))
        throw new InvalidRequestError(
          'an accepted risk needs an expiry (expiresAt, milliseconds since the epoch)',
        );
      if (request.expiresAt <= this.now())
        throw new InvalidRequestError('an accepted risk must expire in the future');
    } else if (request.expiresAt !== undefined) {
      throw new InvalidRequestError('only an accepted risk has an expiry');
    }
    return this.write(async (trx, audit, at) => {
      const row = await this.findingRow(trx, project, fingerprint);
      const decision = request.decision === 'none' ? null : request.decision;
      if (decision === null && row.triage === null)
        throw new InvalidRequestError('the finding has no triage decision to withdraw');
      const expiresAt = decision === 'accepted_risk' ? request.expiresAt! : null;
      await trx
        .updateTable('findings')
        .set({
          triage: decision,
          triage_justification: decision === null ? null : justification,
          triage_approver: decision === 'accepted_risk' ? approver : null,
          triage_actor: decision === null ? null : request.actor,
          triage_expires_at: expiresAt,
          triage_at: decision === null ? null : at,
        })
        .where('id', '=', row.id)
        .execute();
      await trx
        .insertInto('triage_decisions')
        .values({
          finding_id: row.id,
          decision: decision ?? 'reset',
          justification: justification === '' ? null : justification,
          approver: decision === 'accepted_risk' ? approver : null,
          actor: request.actor,
          expires_at: expiresAt,
          created_at: at,
        })
        .execute();
      await audit.append(
        at,
        request.actor,
        decision === null ? 'finding.triage-withdrawn' : 'finding.triaged',
        `finding:${row.id}`,
        justification === '' ? null : justification,
        {
          approver: decision === 'accepted_risk' ? approver : null,
          decision,
          expiresAt,
          fingerprint,
          previous: row.triage,
          project,
        },
      );
      return findingView(await this.findingRow(trx, project, fingerprint), project);
    });
  }

  async expireAcceptances(now = this.now(), actor = 'system'): Promise<number> {
    return this.write((trx, audit) => this.expireIn(trx, audit, now, actor, undefined));
  }

  /** Withdraw acceptances expired at `now` (of one project, or all); reopen their findings unless fixed. */
  private async expireIn(
    trx: Trx,
    audit: AuditWriter,
    now: number,
    actor: string,
    projectId: number | undefined,
  ): Promise<number> {
    let query = trx
      .selectFrom('findings as f')
      .innerJoin('projects as p', 'p.id', 'f.project_id')
      .select([
        'f.id',
        'f.fingerprint',
        'f.state',
        'f.triage_expires_at',
        'f.triage_approver',
        'p.name as project',
      ])
      .where('f.triage', '=', 'accepted_risk')
      .where('f.triage_expires_at', '<=', now);
    if (projectId !== undefined) query = query.where('f.project_id', '=', projectId);
    const expired = await query.orderBy('f.id').execute();
    for (const row of expired) {
      const reopen = row.state !== 'fixed';
      await trx
        .updateTable('findings')
        .set({
          triage: null,
          triage_justification: null,
          triage_approver: null,
          triage_actor: null,
          triage_expires_at: null,
          triage_at: null,
          ...(reopen ? { state: 'reopened' as const, state_changed_at: now } : {}),
        })
        .where('id', '=', row.id)
        .execute();
      await trx
        .insertInto('triage_decisions')
        .values({
          finding_id: row.id,
          decision: 'expired',
          justification: null,
          approver: row.triage_approver,
          actor,
          expires_at: row.triage_expires_at,
          created_at: now,
        })
        .execute();
      await audit.append(
        now,
        actor,
        'finding.acceptance-expired',
        `finding:${row.id}`,
        'the risk acceptance expired',
        {
          expiresAt: row.triage_expires_at,
          fingerprint: row.fingerprint,
          project: row.project,
          state: reopen ? 'reopened' : row.state,
        },
      );
    }
    return expired.length;
  }

  async transact<T>(fn: (trx: Trx, audit: AuditAppender, at: number) => Promise<T>): Promise<T> {
    return this.write((trx, writer, at) =>
      fn(
        trx,
        {
          append: (action) => {
            checkAdminAction(action);
            return writer.append(
              at,
              action.actor,
              action.action,
              action.target,
              action.reason ?? null,
              action.data ?? null,
            );
          },
        },
        at,
      ),
    );
  }

  async recordAdminAction(action: AdminAction): Promise<AuditEntry> {
    checkAdminAction(action);
    return this.write((_trx, audit, at) =>
      audit.append(
        at,
        action.actor,
        action.action,
        action.target,
        action.reason ?? null,
        action.data ?? null,
      ),
    );
  }

  // ------------------------------------------------------------------------------------------ queries

  private async projectId(db: Kysely<Database>, project: string): Promise<number> {
    const row = await db.selectFrom('projects').select('id').where('name', '=', project).executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`no project "${project}"`);
    return row.id;
  }

  private async findingRow(db: Kysely<Database>, project: string, fingerprint: string): Promise<FindingRow> {
    const projectId = await this.projectId(db, project);
    const row = await db
      .selectFrom('findings')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('fingerprint', '=', fingerprint)
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`no finding ${fingerprint} in project "${project}"`);
    return row as FindingRow;
  }

  async listProjects() {
    const rows = await this.reader
      .selectFrom('projects')
      .select(['id', 'name', 'created_at'])
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
  }

  async getFinding(project: string, fingerprint: string): Promise<FindingView> {
    return findingView(await this.findingRow(this.reader, project, fingerprint), project);
  }

  async listFindings(project: string, filter: FindingFilter = {}): Promise<FindingView[]> {
    const projectId = await this.projectId(this.reader, project);
    const limit = Math.min(Math.max(1, filter.limit ?? 1000), 10_000);
    let query = this.reader.selectFrom('findings').selectAll().where('project_id', '=', projectId);
    if (filter.states !== undefined && filter.states.length > 0)
      query = query.where('state', 'in', filter.states);
    if (filter.severities !== undefined && filter.severities.length > 0)
      query = query.where('severity', 'in', filter.severities);
    if (filter.triaged !== undefined) query = query.where('triage', filter.triaged ? 'is not' : 'is', null);
    if (filter.scanners !== undefined && filter.scanners.length > 0)
      query = query.where('scanner', 'in', filter.scanners);
    if (filter.ruleIds !== undefined && filter.ruleIds.length > 0)
      query = query.where('rule_id', 'in', filter.ruleIds);
    if (filter.fingerprints !== undefined && filter.fingerprints.length > 0)
      query = query.where('fingerprint', 'in', filter.fingerprints);
    if (filter.pathPrefix !== undefined && filter.pathPrefix !== '') {
      // A bound prefix compared with substr (same in both dialects): no LIKE wildcards to escape.
      // Both count characters (code points), not UTF-16 units.
      const prefix = filter.pathPrefix;
      query = query.where(sql<boolean>`substr(path, 1, ${[...prefix].length}) = ${prefix}`);
    }
    if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map((r) => findingView(r as FindingRow, project));
  }

  async findingsWithScans(project: string, filter: FindingFilter = {}) {
    const findings = await this.listFindings(project, filter);
    const scanIds = new Map<number, number[]>();
    for (const batch of batches(
      findings.map((f) => f.id),
      1,
      this.maxParams,
      2048,
    )) {
      const rows = await this.reader
        .selectFrom('occurrences')
        .select(['finding_id', 'scan_id'])
        .where('finding_id', 'in', batch)
        .orderBy('finding_id')
        .orderBy('scan_id')
        .execute();
      for (const row of rows) {
        const list = scanIds.get(row.finding_id) ?? [];
        list.push(row.scan_id);
        scanIds.set(row.finding_id, list);
      }
    }
    const allScans = [...new Set([...scanIds.values()].flat())].sort((a, b) => a - b);
    const scans: ScanView[] = [];
    for (const batch of batches(allScans, 1, this.maxParams, 2048)) {
      const rows = await this.scanQuery(this.reader).where('s.id', 'in', batch).orderBy('s.id').execute();
      scans.push(...rows.map((r) => scanView(r as ScanRow)));
    }
    return { findings: findings.map((f) => ({ ...f, scanIds: scanIds.get(f.id) ?? [] })), scans };
  }

  private scanQuery(db: Kysely<Database>) {
    return db
      .selectFrom('scans as s')
      .innerJoin('projects as p', 'p.id', 's.project_id')
      .selectAll('s')
      .select('p.name as project');
  }

  async scanHistory(
    project: string,
    options: { branch?: string; limit?: number; beforeId?: number } = {},
  ): Promise<ScanView[]> {
    const projectId = await this.projectId(this.reader, project);
    let query = this.scanQuery(this.reader).where('s.project_id', '=', projectId);
    if (options.branch !== undefined) query = query.where('s.branch', '=', options.branch);
    if (options.beforeId !== undefined) query = query.where('s.id', '<', options.beforeId);
    // Newest first by id: ids grow with every scan under the write lock, and unlike timestamps they
    // are unique, so a page cursor (`beforeId`) is stable.
    const rows = await query
      .orderBy('s.id', 'desc')
      .limit(Math.min(Math.max(1, options.limit ?? 100), 10_000))
      .execute();
    return rows.map((r) => scanView(r as ScanRow));
  }

  async getScan(scanId: number): Promise<ScanView> {
    const row = await this.scanQuery(this.reader).where('s.id', '=', scanId).executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`no scan ${scanId}`);
    return scanView(row as ScanRow);
  }

  async triageHistory(project: string, fingerprint: string) {
    const row = await this.findingRow(this.reader, project, fingerprint);
    const rows = await this.reader
      .selectFrom('triage_decisions')
      .selectAll()
      .where('finding_id', '=', row.id)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      decision: r.decision,
      justification: r.justification,
      approver: r.approver,
      actor: r.actor,
      expiresAt: r.expires_at,
      at: r.created_at,
    }));
  }

  async projectsUsingPackage(query: PackageQuery): Promise<PackageUsage[]> {
    if (query.name.trim() === '') throw new InvalidRequestError('a package query needs a name');
    let q = this.reader
      .selectFrom('components as c')
      .innerJoin('scans as s', 's.id', 'c.scan_id')
      .innerJoin('projects as p', 'p.id', 'c.project_id')
      .select([
        'p.name as project',
        's.branch',
        's.commit_sha',
        's.id as scan_id',
        's.created_at',
        'c.purl',
        'c.ecosystem',
        'c.name',
        'c.version',
        'c.scope',
        'c.direct',
      ])
      .where('c.name', '=', query.name);
    if (query.version !== undefined) q = q.where('c.version', '=', query.version);
    if (query.ecosystem !== undefined) q = q.where('c.ecosystem', '=', query.ecosystem);
    if (query.history !== true)
      // Only the latest scan with an SBOM of each project and branch: what the project uses today.
      q = q.where('s.id', '=', (eb) =>
        eb
          .selectFrom('scans as latest')
          .select((e) => e.fn.max('latest.id').as('id'))
          .whereRef('latest.project_id', '=', 's.project_id')
          .whereRef('latest.branch', '=', 's.branch')
          .where('latest.component_count', '>', 0),
      );
    const rows = await q
      .orderBy('p.name')
      .orderBy('s.branch')
      .orderBy('s.id')
      .orderBy('c.purl')
      .orderBy('c.scope')
      .execute();
    return rows.map((r) => ({
      project: r.project,
      branch: r.branch,
      commit: r.commit_sha,
      scanId: r.scan_id,
      scannedAt: r.created_at,
      purl: r.purl,
      ecosystem: r.ecosystem,
      name: r.name,
      version: r.version,
      scope: r.scope,
      direct: r.direct === 1,
    }));
  }

  // ------------------------------------------------------------------------------------------- audit

  // --------------------------------------------------------------------------------- visibility

  async findingCounts() {
    const rows = await this.reader
      .selectFrom('findings')
      .innerJoin('projects', 'projects.id', 'findings.project_id')
      .select((eb) => [
        'projects.name as project',
        'findings.severity as severity',
        'findings.state as state',
        eb.fn.countAll().as('count'),
      ])
      .groupBy(['projects.name', 'findings.severity', 'findings.state'])
      .orderBy('projects.name')
      .orderBy('findings.severity')
      .orderBy('findings.state')
      .execute();
    return rows.map((r) => ({
      project: r.project,
      severity: r.severity as Severity,
      state: r.state,
      count: Number(r.count),
    }));
  }

  async scanCounts() {
    const rows = await this.reader
      .selectFrom('scans')
      .innerJoin('projects', 'projects.id', 'scans.project_id')
      .select((eb) => ['projects.name as project', 'scans.format as format', eb.fn.countAll().as('count')])
      .groupBy(['projects.name', 'scans.format'])
      .orderBy('projects.name')
      .orderBy('scans.format')
      .execute();
    return rows.map((r) => ({ project: r.project, format: r.format, count: Number(r.count) }));
  }

  async slaCounts(policy: SlaPolicy, now: number, project?: string): Promise<SlaCounts[]> {
    const projectId = project === undefined ? undefined : await this.projectId(this.reader, project);
    const base = () => {
      let query = this.reader
        .selectFrom('findings')
        .innerJoin('projects', 'projects.id', 'findings.project_id')
        .where('findings.severity', 'in', [...SLA_SEVERITIES]);
      if (projectId !== undefined) query = query.where('findings.project_id', '=', projectId);
      return query;
    };
    const open = await base()
      .where('findings.state', 'in', OPEN_STATES)
      .where('findings.triage', 'is', null)
      .select((eb) => [
        'projects.name as project',
        'findings.severity as severity',
        eb.fn.countAll().as('open'),
        sql<string>`sum(case when ${breachCondition(policy, now)} then 1 else 0 end)`.as('breached'),
      ])
      .groupBy(['projects.name', 'findings.severity'])
      .execute();
    const fixed = await base()
      .where('findings.state', '=', 'fixed')
      .where('findings.fixed_at', 'is not', null)
      .select((eb) => [
        'projects.name as project',
        'findings.severity as severity',
        eb.fn.countAll().as('fixed'),
        sql<string>`sum(findings.fixed_at - findings.first_seen_at)`.as('total'),
      ])
      .groupBy(['projects.name', 'findings.severity'])
      .execute();
    const counts = new Map<string, SlaCounts>();
    const entry = (project: string, severity: string) => {
      const key = `${project}\u0000${severity}`;
      let found = counts.get(key);
      if (found === undefined) {
        found = {
          project,
          severity: severity as SlaSeverity,
          open: 0,
          breached: 0,
          fixed: 0,
          remediationMsTotal: 0,
        };
        counts.set(key, found);
      }
      return found;
    };
    for (const r of open) {
      const e = entry(r.project, r.severity);
      e.open = Number(r.open);
      e.breached = Number(r.breached ?? 0);
    }
    for (const r of fixed) {
      const e = entry(r.project, r.severity);
      e.fixed = Number(r.fixed);
      e.remediationMsTotal = Number(r.total ?? 0);
    }
    const rank = (s: string) => SLA_SEVERITIES.indexOf(s as SlaSeverity);
    return [...counts.values()].sort((a, b) =>
      a.project === b.project ? rank(a.severity) - rank(b.severity) : a.project < b.project ? -1 : 1,
    );
  }

  async slaBreaches(project: string, policy: SlaPolicy, now: number, limit: number): Promise<SlaBreach[]> {
    const projectId = await this.projectId(this.reader, project);
    const rows = await this.reader
      .selectFrom('findings')
      .select(['fingerprint', 'rule_id', 'severity', 'title', 'path', 'first_seen_at'])
      .where('project_id', '=', projectId)
      .where('state', 'in', OPEN_STATES)
      .where('triage', 'is', null)
      .where('severity', 'in', [...SLA_SEVERITIES])
      .where(breachCondition(policy, now))
      .orderBy(dueAt(policy))
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      fingerprint: r.fingerprint,
      ruleId: r.rule_id,
      severity: r.severity as SlaSeverity,
      title: r.title,
      path: r.path,
      firstSeenAt: r.first_seen_at,
      dueAt: r.first_seen_at + policy[r.severity as SlaSeverity] * DAY_MS,
    }));
  }

  async complianceFindings(project: string) {
    const projectId = await this.projectId(this.reader, project);
    const rows = await this.reader
      .selectFrom('findings')
      .select(['rule_id', 'cwe', 'state', 'triage'])
      .where('project_id', '=', projectId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      ruleId: r.rule_id,
      cwe: parseJson<string[]>(r.cwe, []),
      state: r.state,
      triage: r.triage,
    }));
  }

  async getSetting(key: string): Promise<unknown> {
    const row = await this.reader
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  }

  async putSetting(key: string, value: unknown, actor: string): Promise<void> {
    await this.write(async (trx, audit, at) => {
      await trx.deleteFrom('settings').where('key', '=', key).execute();
      if (value !== null && value !== undefined)
        await trx
          .insertInto('settings')
          .values({ key, value: canonicalJson(value), updated_at: at, updated_by: actor })
          .execute();
      await audit.append(at, actor, 'setting.updated', `setting:${key}`, null, { value: value ?? null });
    });
  }

  async *auditEntries(): AsyncIterable<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.reader
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const r of rows)
        yield {
          seq: r.seq,
          at: r.at,
          actor: r.actor,
          action: r.action,
          target: r.target,
          reason: r.reason,
          data: parseJson<unknown>(r.data, null),
          prevHash: r.prev_hash,
          hash: r.hash,
        };
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  async auditCheckpoints(): Promise<AuditCheckpoint[]> {
    const rows = await this.reader.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
    return rows.map((r) => ({ seq: r.seq, hash: r.hash, at: r.at, keyId: r.key_id, signature: r.signature }));
  }
}
