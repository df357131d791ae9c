import { sql, type AliasedRawBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { AuditEntry } from '../audit/chain.js';
import type { DialectName } from '../db/migrations.js';
import type { Database, FindingState, TriageDecision } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import type { Severity } from '../ingest/model.js';

/**
 * The dashboard's read models: aggregates and pages that the finding list API (cursor-ordered by id)
 * does not give. Every function takes the ids of the projects the caller may read and never looks past
 * them. Queries use the indexes of migrations 4 and 8 and stay one pass over a project's findings.
 */

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const OPEN_STATES: FindingState[] = ['new', 'open', 'reopened'];
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Weights of open findings in a project's risk score. */
export const RISK_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 5,
  medium: 2,
  low: 1,
  info: 0,
};

export interface ReadableProject {
  id: number;
  name: string;
}

/** Every project, by name, whose name passes `readable`. */
export async function readableProjects(
  db: Kysely<Database>,
  readable: (name: string) => boolean,
): Promise<ReadableProject[]> {
  const rows = await db.selectFrom('projects').select(['id', 'name']).orderBy('name').execute();
  return rows.filter((r) => readable(r.name));
}

/** A project's team: the part of its name before the first `/` (`payments/api` is team `payments`). */
export function teamOf(project: string): string | null {
  const slash = project.indexOf('/');
  return slash > 0 ? project.slice(0, slash) : null;
}

export async function projectIdOf(db: Kysely<Database>, project: string): Promise<number> {
  const row = await db.selectFrom('projects').select('id').where('name', '=', project).executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`no project "${project}"`);
  return row.id;
}

// ------------------------------------------------------------------------------------------ overview

export interface WeekPoint {
  /** End of the week (exclusive upper bound of `new`/`fixed`, the instant `open` is counted at). */
  at: number;
  open: Record<Severity, number>;
  new: number;
  fixed: number;
}

export interface Overview {
  asOf: number;
  weeks: WeekPoint[];
  open: Record<Severity, number>;
  riskiest: { project: string; score: number; open: Record<Severity, number> }[];
  recentScans: {
    id: number;
    project: string;
    branch: string;
    commit: string;
    pipelineUrl: string | null;
    format: string;
    kind: string;
    findingCount: number;
    createdAt: number;
  }[];
}

function zeroes(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

const count = (condition: Expression<SqlBool>) => sql<string>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * Open findings by severity at the end of each of the last `weeks` weeks, and per week the findings seen
 * first and fixed. Reconstructed from each finding's first sighting, fix and triage times: a finding is
 * open at `t` when first seen by then and neither fixed nor triaged by then (a reopened finding counts
 * from its reopening as open, as its fix time is cleared).
 */
export async function overview(
  db: Kysely<Database>,
  projects: ReadableProject[],
  now: number,
  weeks: number,
): Promise<Overview> {
  const ends = Array.from({ length: weeks }, (_, i) => now - (weeks - 1 - i) * WEEK_MS);
  const result: Overview = { asOf: now, weeks: [], open: zeroes(), riskiest: [], recentScans: [] };
  const points: WeekPoint[] = ends.map((at) => ({ at, open: zeroes(), new: 0, fixed: 0 }));
  result.weeks = points;
  if (projects.length === 0) return result;
  const ids = projects.map((p) => p.id);
  const names = new Map(projects.map((p) => [p.id, p.name]));

  const rows = await db
    .selectFrom('findings')
    .where('project_id', 'in', ids)
    .select(() => {
      const columns: AliasedRawBuilder<string, string>[] = [sql<string>`severity`.as('severity')];
      ends.forEach((end, i) => {
        const start = end - WEEK_MS;
        columns.push(
          count(
            sql<SqlBool>`first_seen_at <= ${end} and (fixed_at is null or fixed_at > ${end}) and (triage_at is null or triage_at > ${end})`,
          ).as(`o${i}`),
          count(sql<SqlBool>`first_seen_at > ${start} and first_seen_at <= ${end}`).as(`n${i}`),
          count(sql<SqlBool>`fixed_at > ${start} and fixed_at <= ${end}`).as(`f${i}`),
        );
      });
      return columns;
    })
    .groupBy('severity')
    .execute();
  for (const row of rows as unknown as Record<string, string | number | null>[]) {
    const severity = row.severity as Severity;
    if (!SEVERITIES.includes(severity)) continue;
    points.forEach((point, i) => {
      point.open[severity] += Number(row[`o${i}`] ?? 0);
      point.new += Number(row[`n${i}`] ?? 0);
      point.fixed += Number(row[`f${i}`] ?? 0);
    });
  }

  const open = await db
    .selectFrom('findings')
    .where('project_id', 'in', ids)
    .where('state', 'in', OPEN_STATES)
    .where('triage', 'is', null)
    .select((eb) => ['project_id', 'severity', eb.fn.countAll<string>().as('count')])
    .groupBy(['project_id', 'severity'])
    .execute();
  const byProject = new Map<number, Record<Severity, number>>();
  for (const row of open) {
    const severity = row.severity as Severity;
    if (!SEVERITIES.includes(severity)) continue;
    const counts = byProject.get(row.project_id) ?? zeroes();
    counts[severity] += Number(row.count);
    result.open[severity] += Number(row.count);
    byProject.set(row.project_id, counts);
  }
  result.riskiest = [...byProject.entries()]
    .map(([id, counts]) => ({
      project: names.get(id)!,
      score: SEVERITIES.reduce((sum, s) => sum + counts[s] * RISK_WEIGHTS[s], 0),
      open: counts,
    }))
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score - a.score || (a.project < b.project ? -1 : 1))
    .slice(0, 10);

  const scans = await db
    .selectFrom('scans')
    .where('project_id', 'in', ids)
    .select([
      'id',
      'project_id',
      'branch',
      'commit_sha',
      'pipeline_url',
      'format',
      'kind',
      'finding_count',
      'created_at',
    ])
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
  result.recentScans = scans.map((s) => ({
    id: s.id,
    project: names.get(s.project_id)!,
    branch: s.branch,
    commit: s.commit_sha,
    pipelineUrl: s.pipeline_url,
    format: s.format,
    kind: s.kind,
    findingCount: s.finding_count,
    createdAt: s.created_at,
  }));
  return result;
}

// ------------------------------------------------------------------------------------ findings table

export const SORT_KEYS = ['severity', 'rule', 'path', 'state', 'firstSeen', 'lastSeen', 'id'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface TableQuery {
  severity?: Severity[];
  state?: FindingState[];
  scanner?: string[];
  rule?: string[];
  /** Path prefix. */
  path?: string;
  /** CWE id, `CWE-79`. */
  cwe?: string;
  triaged?: boolean;
  /** Words that must all appear (case-insensitive) in the title, message, path or rule id. */
  q?: string;
  sort: SortKey;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface TableRow {
  fingerprint: string;
  ruleId: string;
  scanner: string;
  severity: Severity;
  title: string;
  path: string;
  startLine: number;
  state: FindingState;
  triage: TriageDecision | null;
  cwe: string[];
  firstSeenAt: number;
  lastSeenAt: number;
}

/** `%`, `_` and the escape character itself are literal in a LIKE pattern built from user text. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const TABLE_COLUMNS = [
  'id',
  'fingerprint',
  'rule_id',
  'scanner',
  'severity',
  'title',
  'path',
  'start_line',
  'state',
  'triage',
  'cwe',
  'first_seen_at',
  'last_seen_at',
] as const;

/**
 * One page of a project's findings, sorted and filtered on the server, with the number that match.
 * Every order ends with the id, so pages are stable. Sorting by severity walks the severities in rank
 * order, each through the (project, severity, id) index, instead of sorting every finding; the first
 * sighting is the id order (ids are assigned when a finding is first seen).
 */
export async function findingTable(
  db: Kysely<Database>,
  dialect: DialectName,
  projectId: number,
  query: TableQuery,
): Promise<{ total: number; items: TableRow[] }> {
  let base = db.selectFrom('findings').where('project_id', '=', projectId);
  if (query.severity?.length) base = base.where('severity', 'in', query.severity);
  if (query.state?.length) base = base.where('state', 'in', query.state);
  if (query.scanner?.length) base = base.where('scanner', 'in', query.scanner);
  if (query.rule?.length) base = base.where('rule_id', 'in', query.rule);
  if (query.triaged !== undefined) base = base.where('triage', query.triaged ? 'is not' : 'is', null);
  if (query.path !== undefined && query.path !== '') {
    const prefix = query.path;
    base = base.where(sql<SqlBool>`substr(path, 1, ${[...prefix].length}) = ${prefix}`);
  }
  // CWE ids are stored as a canonical JSON array (`["CWE-79","CWE-80"]`): the quotes bound the id, and
  // the schema allows only `CWE-<digits>`, so the pattern has no wildcard of its own.
  if (query.cwe !== undefined) base = base.where('cwe', 'like', `%"${query.cwe}"%`);
  // Case-insensitive: SQLite's LIKE folds ASCII case; PostgreSQL has ILIKE.
  const like = dialect === 'postgres' ? sql`ilike` : sql`like`;
  for (const word of (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    const pattern = `%${likeLiteral(word)}%`;
    base = base.where(
      sql<SqlBool>`(title ${like} ${pattern} escape '\\' or message ${like} ${pattern} escape '\\' or path ${like} ${pattern} escape '\\' or rule_id ${like} ${pattern} escape '\\')`,
    );
  }

  const toRow = (r: Omit<Pick<Database['findings'], (typeof TABLE_COLUMNS)[number]>, 'id'>): TableRow => ({
    fingerprint: r.fingerprint,
    ruleId: r.rule_id,
    scanner: r.scanner,
    severity: r.severity as Severity,
    title: r.title,
    path: r.path,
    startLine: r.start_line,
    state: r.state,
    triage: r.triage,
    cwe: JSON.parse(r.cwe) as string[],
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  });

  const direction = query.order === 'desc' ? sql`desc` : sql`asc`;
  const severityRank = sql`case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`;
  const sortColumn = {
    severity: severityRank,
    rule: sql`rule_id`,
    path: sql`path`,
    state: sql`state`,
    firstSeen: sql`id`,
    lastSeen: sql`last_seen_at`,
    id: sql`id`,
  }[query.sort];

  if (query.q !== undefined && query.q.trim() !== '') {
    // A word search reads every finding of the project anyway: one pass that counts the matches (a
    // window over them) and keeps the page, instead of a count and then a second search.
    const rows = await base
      .select([...TABLE_COLUMNS])
      .select(sql<string>`count(*) over ()`.as('total'))
      .orderBy(sql`${sortColumn} ${direction}`)
      .orderBy('id')
      .offset(query.offset)
      .limit(query.limit)
      .execute();
    if (rows.length > 0) return { total: Number(rows[0]!.total), items: rows.map(toRow) };
  }

  if (query.sort === 'severity') {
    const counts = await base
      .select((eb) => ['severity', eb.fn.countAll<string>().as('n')])
      .groupBy('severity')
      .execute();
    const bySeverity = new Map(counts.map((c) => [c.severity, Number(c.n)]));
    const total = counts.reduce((sum, c) => sum + Number(c.n), 0);
    const order = query.order === 'desc' ? [...SEVERITIES].reverse() : SEVERITIES;
    const items: TableRow[] = [];
    let skip = query.offset;
    for (const severity of order) {
      const inBucket = bySeverity.get(severity) ?? 0;
      if (items.length >= query.limit) break;
      if (skip >= inBucket) {
        skip -= inBucket;
        continue;
      }
      const rows = await base
        .select([...TABLE_COLUMNS])
        .where('severity', '=', severity)
        .orderBy('id')
        .offset(skip)
        .limit(query.limit - items.length)
        .execute();
      items.push(...rows.map(toRow));
      skip = 0;
    }
    return { total, items };
  }

  const totalRow = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  const total = Number(totalRow?.n ?? 0);
  if (total === 0 || query.offset >= total) return { total, items: [] };
  const rows = await base
    .select([...TABLE_COLUMNS])
    .orderBy(sql`${sortColumn} ${direction}`)
    .orderBy('id')
    .offset(query.offset)
    .limit(query.limit)
    .execute();
  return { total, items: rows.map(toRow) };
}

/** What the filters of a project's findings table can offer: scanners and rules with their counts. */
export async function findingFacets(db: Kysely<Database>, projectId: number) {
  const rules = await db
    .selectFrom('findings')
    .where('project_id', '=', projectId)
    .select((eb) => ['scanner', 'rule_id', eb.fn.countAll<string>().as('count')])
    .groupBy(['scanner', 'rule_id'])
    .orderBy('rule_id')
    .orderBy('scanner')
    .execute();
  const scanners = new Map<string, number>();
  for (const r of rules) scanners.set(r.scanner, (scanners.get(r.scanner) ?? 0) + Number(r.count));
  return {
    scanners: [...scanners.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([scanner, n]) => ({ scanner, count: n })),
    rules: rules.map((r) => ({ ruleId: r.rule_id, scanner: r.scanner, count: Number(r.count) })),
  };
}

// ---------------------------------------------------------------------------------------- components

interface DependencyDetails {
  kind: 'dependency';
  packageName: string;
  version: string;
  purl: string;
  advisoryIds?: string[];
  fixedIn?: string;
}

function isDependency(details: unknown): details is DependencyDetails {
  const d = details as Partial<DependencyDetails> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    d.kind === 'dependency' &&
    typeof d.packageName === 'string' &&
    typeof d.version === 'string'
  );
}

export interface ComponentRow {
  purl: string;
  ecosystem: string;
  name: string;
  version: string;
  scope: string;
  direct: boolean;
  licenses: string[];
  vulnerabilities: {
    fingerprint: string;
    severity: Severity;
    advisoryIds: string[];
    fixedIn: string | null;
  }[];
}

/**
 * The components of the project's latest SBOM (of a branch, or of any branch), each with the open
 * dependency findings on it, and a licence summary.
 */
export async function projectComponents(
  db: Kysely<Database>,
  projectId: number,
  branch: string | undefined,
  limit: number,
) {
  let latest = db
    .selectFrom('scans')
    .select(['id', 'branch', 'commit_sha', 'created_at'])
    .where('project_id', '=', projectId)
    .where('component_count', '>', 0);
  if (branch !== undefined) latest = latest.where('branch', '=', branch);
  const scan = await latest.orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (scan === undefined) return { scan: null, total: 0, components: [], licenses: [] };
  const rows = await db
    .selectFrom('components')
    .select(['purl', 'ecosystem', 'name', 'version', 'scope', 'direct', 'licenses'])
    .where('scan_id', '=', scan.id)
    .orderBy('name')
    .orderBy('version')
    .orderBy('purl')
    .orderBy('scope')
    .execute();

  const findings = await db
    .selectFrom('findings')
    .select(['fingerprint', 'severity', 'details'])
    .where('project_id', '=', projectId)
    .where('state', 'in', OPEN_STATES)
    .where('triage', 'is', null)
    .where('details', 'like', '%"kind":"dependency"%')
    .orderBy('id')
    .execute();
  const vulnerable = new Map<string, ComponentRow['vulnerabilities']>();
  for (const f of findings) {
    const details = f.details === null ? null : (JSON.parse(f.details) as unknown);
    if (!isDependency(details)) continue;
    const key = `${details.packageName}@${details.version}`;
    const list = vulnerable.get(key) ?? [];
    list.push({
      fingerprint: f.fingerprint,
      severity: f.severity as Severity,
      advisoryIds: details.advisoryIds ?? [],
      fixedIn: details.fixedIn ?? null,
    });
    vulnerable.set(key, list);
  }

  const licenseCounts = new Map<string, number>();
  const components: ComponentRow[] = rows.map((r) => {
    const licenses = r.licenses === null ? [] : (JSON.parse(r.licenses) as string[]);
    for (const license of licenses.length > 0 ? licenses : ['(unknown)'])
      licenseCounts.set(license, (licenseCounts.get(license) ?? 0) + 1);
    return {
      purl: r.purl,
      ecosystem: r.ecosystem,
      name: r.name,
      version: r.version,
      scope: r.scope,
      direct: r.direct === 1,
      licenses,
      vulnerabilities: vulnerable.get(`${r.name}@${r.version}`) ?? [],
    };
  });
  // Vulnerable components first, then by name: what needs attention is at the top.
  components.sort(
    (a, b) =>
      Number(b.vulnerabilities.length > 0) - Number(a.vulnerabilities.length > 0) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.version < b.version ? -1 : a.version > b.version ? 1 : 0),
  );
  return {
    scan: { id: scan.id, branch: scan.branch, commit: scan.commit_sha, createdAt: scan.created_at },
    total: components.length,
    components: components.slice(0, limit),
    licenses: [...licenseCounts.entries()]
      .map(([license, n]) => ({ license, count: n }))
      .sort((a, b) => b.count - a.count || (a.license < b.license ? -1 : 1)),
  };
}

// ---------------------------------------------------------------------------------------------- audit

function auditEntry(r: Database['audit_log']): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    reason: r.reason,
    data: r.data === null ? null : (JSON.parse(r.data) as unknown),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The audit entries about one finding (`finding:<id>`), oldest first. */
export async function findingAudit(
  db: Kysely<Database>,
  projectId: number,
  fingerprint: string,
): Promise<AuditEntry[]> {
  const row = await db
    .selectFrom('findings')
    .select('id')
    .where('project_id', '=', projectId)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`no finding ${fingerprint}`);
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('target', '=', `finding:${row.id}`)
    .orderBy('seq')
    .limit(1000)
    .execute();
  return rows.map(auditEntry);
}

/** A page of the audit log, newest first. */
export async function auditPage(
  db: Kysely<Database>,
  query: { beforeSeq?: number; limit: number; action?: string; actor?: string },
): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
  let q = db.selectFrom('audit_log').selectAll();
  if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
  if (query.action !== undefined) q = q.where('action', '=', query.action);
  if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(auditEntry);
  return { items, nextBefore: rows.length > query.limit ? items[items.length - 1]!.seq : null };
}

// ------------------------------------------------------------------------------------------ rule use

/** Where a rule fires: per readable project, its findings by state and a few open locations. */
export async function ruleUsage(db: Kysely<Database>, projects: ReadableProject[], ruleId: string) {
  const items = [];
  for (const project of projects) {
    const counts = await db
      .selectFrom('findings')
      .where('project_id', '=', project.id)
      .where('rule_id', '=', ruleId)
      .select((eb) => ['state', eb.fn.countAll<string>().as('count')])
      .groupBy('state')
      .execute();
    if (counts.length === 0) continue;
    const samples = await db
      .selectFrom('findings')
      .where('project_id', '=', project.id)
      .where('rule_id', '=', ruleId)
      .where('state', 'in', OPEN_STATES)
      .select(['fingerprint', 'severity', 'path', 'start_line'])
      .orderBy('id')
      .limit(5)
      .execute();
    const byState: Record<FindingState, number> = { new: 0, open: 0, fixed: 0, reopened: 0 };
    for (const c of counts) byState[c.state] += Number(c.count);
    items.push({
      project: project.name,
      states: byState,
      open: byState.new + byState.open + byState.reopened,
      samples: samples.map((s) => ({
        fingerprint: s.fingerprint,
        severity: s.severity as Severity,
        path: s.path,
        line: s.start_line,
      })),
    });
  }
  return items.sort((a, b) => b.open - a.open || (a.project < b.project ? -1 : 1));
}
