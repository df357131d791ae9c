import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { batches } from '../batch.js';
import type { WebhookEventType } from '../db/schema.js';
import type { ServerEvent } from '../events.js';
import { SEVERITIES, type Severity } from '../ingest/model.js';
import type { Store } from '../store.js';
import { DAY_MS, SLA_SEVERITIES, type SlaPolicy, type SlaSeverity } from '../visibility/sla.js';
import {
  LISTED_MAX,
  truncateMessage,
  type Envelope,
  type FindingSummary,
  type SlaBreachData,
} from './formats.js';
import { deliveryRows } from './webhooks.js';

/**
 * From server events to queued deliveries: which webhooks want the event, what each is told (a webhook's
 * minimum severity decides which findings it hears of), and one delivery row per webhook, written in one
 * transaction. Nothing is queried when no webhook listens.
 */

interface Subscriber {
  id: number;
  minSeverity: Severity;
}

const rank = (severity: string) => SEVERITIES.indexOf(severity as Severity);

/** Enabled webhooks subscribed to `type` for `project`. */
async function subscribers(store: Store, type: WebhookEventType, project: string): Promise<Subscriber[]> {
  const rows = await store.db
    .selectFrom('webhooks')
    .select(['id', 'events', 'projects', 'min_severity'])
    .where('enabled', '=', 1)
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => {
      const events = JSON.parse(r.events) as string[];
      const projects = JSON.parse(r.projects) as string[];
      return events.includes(type) && (projects.length === 0 || projects.includes(project));
    })
    .map((r) => ({ id: r.id, minSeverity: r.min_severity as Severity }));
}

/** The severities at or above the least demanding subscriber's minimum. */
function severitiesFor(subs: readonly Subscriber[]): Severity[] {
  const lowest = Math.max(...subs.map((s) => rank(s.minSeverity)));
  return SEVERITIES.slice(0, lowest + 1);
}

/** Most severe first, as an SQL expression (literals: PostgreSQL cannot type parameters in CASE). */
const severityRank = sql<number>`case severity ${sql.join(
  SEVERITIES.map((s, i) => sql`when ${sql.lit(s)} then ${sql.lit(i)}`),
  sql` `,
)} else ${sql.lit(SEVERITIES.length)} end`;

/** Of everything found for the least demanding subscriber, what one with `min` hears. */
function forSubscriber<T extends { severity: Severity }>(
  min: Severity,
  counts: Partial<Record<Severity, number>>,
  listed: readonly T[],
) {
  const kept: Partial<Record<Severity, number>> = {};
  let total = 0;
  for (const severity of SEVERITIES.slice(0, rank(min) + 1)) {
    const n = counts[severity] ?? 0;
    if (n > 0) kept[severity] = n;
    total += n;
  }
  return { counts: kept, total, listed: listed.filter((f) => rank(f.severity) <= rank(min)) };
}

type Rows = ReturnType<typeof deliveryRows>;

async function projectId(store: Store, project: string): Promise<number | undefined> {
  const row = await store.db
    .selectFrom('projects')
    .select('id')
    .where('name', '=', project)
    .executeTakeFirst();
  return row?.id;
}

/** New and reopened findings of an ingested scan, at or above each subscriber's minimum. */
async function newFindings(
  store: Store,
  event: Extract<ServerEvent, { type: 'scan.ingested' }>,
): Promise<Rows> {
  const { result } = event;
  if (result.duplicate || result.created + result.reopened === 0) return [];
  const subs = await subscribers(store, 'findings.new', event.project);
  if (subs.length === 0) return [];
  const id = await projectId(store, event.project);
  if (id === undefined) return [];
  const scan = await store.getScan(result.scanId);
  // New in this scan, or reopened by it (state changed at the scan's own timestamp); not triaged, not
  // suppressed in the repository. The (project_id, severity, id) index narrows the project's findings.
  const base = store.db
    .selectFrom('findings')
    .where('project_id', '=', id)
    .where('severity', 'in', severitiesFor(subs))
    .where('last_scan_id', '=', scan.id)
    .where('triage', 'is', null)
    .where('suppression', 'is', null)
    .where((eb) =>
      eb.or([
        eb('first_scan_id', '=', scan.id),
        eb.and([eb('state', '=', 'reopened'), eb('state_changed_at', '=', scan.createdAt)]),
      ]),
    );
  const grouped = await base
    .select((eb) => ['severity', eb.fn.countAll().as('count')])
    .groupBy('severity')
    .execute();
  const counts: Partial<Record<Severity, number>> = {};
  for (const g of grouped) counts[g.severity as Severity] = Number(g.count);
  const listed: FindingSummary[] = (
    await base
      .select(['fingerprint', 'severity', 'rule_id', 'title', 'message', 'path', 'start_line', 'state'])
      .orderBy(severityRank)
      .orderBy('id')
      .limit(LISTED_MAX)
      .execute()
  ).map((f) => ({
    fingerprint: f.fingerprint,
    severity: f.severity as Severity,
    ruleId: f.rule_id,
    title: f.title,
    message: truncateMessage(f.message),
    path: f.path,
    line: f.start_line,
    state: f.state,
  }));
  const eventId = randomUUID();
  const rows: Rows = [];
  for (const sub of subs) {
    const { counts: kept, total, listed: findings } = forSubscriber(sub.minSeverity, counts, listed);
    if (total === 0) continue;
    const envelope: Envelope = {
      id: eventId,
      type: 'findings.new',
      at: event.at,
      project: event.project,
      data: {
        scan: { id: scan.id, branch: scan.branch, commit: scan.commit, pipelineUrl: scan.pipelineUrl },
        minSeverity: sub.minSeverity,
        counts: kept,
        total,
        findings,
      },
    };
    rows.push(...deliveryRows([sub.id], envelope, event.at));
  }
  return rows;
}

/** The findings of an SLA breach event, at or above each subscriber's minimum. */
async function slaBreaches(
  store: Store,
  event: Extract<ServerEvent, { type: 'sla.breached' }>,
  policy: SlaPolicy,
): Promise<Rows> {
  if (event.fingerprints.length === 0) return [];
  const subs = await subscribers(store, 'sla.breached', event.project);
  if (subs.length === 0) return [];
  const id = await projectId(store, event.project);
  if (id === undefined) return [];
  const severities = new Set<string>(severitiesFor(subs));
  // Everything needed to count and rank, for every fingerprint; the details only of those listed. By
  // (project, fingerprint) alone, so that the planner takes the unique index (a severity condition led
  // SQLite to scan the project's severity index instead: 100 times slower on 100k breaches).
  const all: { id: number; severity: Severity; dueAt: number; firstSeenAt: number }[] = [];
  const postgres = store.dialect === 'postgres';
  // PostgreSQL takes the fingerprints as one array parameter (as the store's ingest does); SQLite in lists.
  for (const batch of batches(event.fingerprints, 1, 30_000, postgres ? 16_384 : 1024)) {
    const query = store.db
      .selectFrom('findings')
      .select(['id', 'severity', 'first_seen_at'])
      .where('project_id', '=', id);
    const rows = await (
      postgres
        ? query.where(sql<boolean>`fingerprint = any(${batch}::text[])`)
        : query.where('fingerprint', 'in', batch)
    ).execute();
    for (const r of rows) {
      if (!severities.has(r.severity)) continue;
      const days = (SLA_SEVERITIES as readonly string[]).includes(r.severity)
        ? policy[r.severity as SlaSeverity]
        : 0;
      all.push({
        id: r.id,
        severity: r.severity as Severity,
        firstSeenAt: r.first_seen_at,
        dueAt: r.first_seen_at + days * DAY_MS,
      });
    }
  }
  if (all.length === 0) return [];
  all.sort((a, b) => rank(a.severity) - rank(b.severity) || a.dueAt - b.dueAt || a.id - b.id);
  const counts: Partial<Record<Severity, number>> = {};
  for (const f of all) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  // The first LISTED_MAX of each severity covers every subscriber's list.
  const wanted = SEVERITIES.flatMap((s) => all.filter((f) => f.severity === s).slice(0, LISTED_MAX));
  const details = new Map(
    (
      await store.db
        .selectFrom('findings')
        .select(['id', 'fingerprint', 'rule_id', 'title', 'message', 'path', 'start_line', 'state'])
        .where(
          'id',
          'in',
          wanted.map((f) => f.id),
        )
        .execute()
    ).map((r) => [r.id, r]),
  );
  const listed: SlaBreachData['findings'] = wanted.flatMap((f) => {
    const d = details.get(f.id);
    if (d === undefined) return [];
    return [
      {
        fingerprint: d.fingerprint,
        severity: f.severity,
        ruleId: d.rule_id,
        title: d.title,
        message: truncateMessage(d.message),
        path: d.path,
        line: d.start_line,
        state: d.state,
        firstSeenAt: f.firstSeenAt,
        dueAt: f.dueAt,
      },
    ];
  });
  const eventId = randomUUID();
  const rows: Rows = [];
  for (const sub of subs) {
    const { counts: kept, total, listed: findings } = forSubscriber(sub.minSeverity, counts, listed);
    if (total === 0) continue;
    const envelope: Envelope = {
      id: eventId,
      type: 'sla.breached',
      at: event.at,
      project: event.project,
      data: { minSeverity: sub.minSeverity, counts: kept, total, findings: findings.slice(0, LISTED_MAX) },
    };
    rows.push(...deliveryRows([sub.id], envelope, event.at));
  }
  return rows;
}

async function projectAffected(
  store: Store,
  event: Extract<ServerEvent, { type: 'project.affected' }>,
): Promise<Rows> {
  const subs = await subscribers(store, 'project.affected', event.project);
  if (subs.length === 0) return [];
  const advisories = [...new Set(event.advisories)].sort();
  const envelope: Envelope = {
    id: randomUUID(),
    type: 'project.affected',
    at: event.at,
    project: event.project,
    data: {
      branch: event.branch,
      scanId: event.scanId,
      findings: event.findings,
      advisories: advisories.slice(0, LISTED_MAX),
      totalAdvisories: advisories.length,
    },
  };
  return deliveryRows(
    subs.map((s) => s.id),
    envelope,
    event.at,
  );
}

/** Queue the deliveries an event calls for; returns how many. */
export async function enqueueEvent(
  store: Store,
  event: ServerEvent,
  slaPolicy: () => Promise<SlaPolicy>,
): Promise<number> {
  let rows: Rows;
  switch (event.type) {
    case 'scan.ingested':
      rows = await newFindings(store, event);
      break;
    case 'sla.breached':
      rows = event.fingerprints.length === 0 ? [] : await slaBreaches(store, event, await slaPolicy());
      break;
    case 'project.affected':
      rows = await projectAffected(store, event);
      break;
  }
  if (rows.length === 0) return 0;
  await store.db.transaction().execute(async (trx) => {
    for (const batch of batches(rows, 13, 30_000, 256))
      await trx.insertInto('webhook_deliveries').values(batch).execute();
  });
  return rows.length;
}
