import { batches } from '../batch.js';
import type { ServerEvent } from '../events.js';
import type { Store } from '../store.js';
import { DAY_MS, SLA_SEVERITIES, type SlaPolicy } from '../visibility/sla.js';

/** Findings examined per round trip. */
const ROUND = 4096;

/**
 * Find the open, untriaged findings that are past their SLA deadline at `now` and were not announced
 * before, remember them, and return one `sla.breached` event per project (fingerprints sorted). Each
 * breach is announced once: the finding is recorded in `sla_notifications` with an insert that ignores
 * rows another server process recorded first, so two processes on one database never both announce it.
 */
export async function findNewSlaBreaches(
  store: Store,
  policy: SlaPolicy,
  now: number,
): Promise<Extract<ServerEvent, { type: 'sla.breached' }>[]> {
  const byProject = new Map<string, string[]>();
  let afterId = 0;
  for (;;) {
    const rows = await store.db
      .selectFrom('findings as f')
      .innerJoin('projects as p', 'p.id', 'f.project_id')
      .select(['f.id', 'f.fingerprint', 'p.name as project'])
      .where('f.id', '>', afterId)
      .where('f.state', 'in', ['new', 'open', 'reopened'])
      .where('f.triage', 'is', null)
      .where((eb) =>
        eb.or(
          SLA_SEVERITIES.map((severity) =>
            eb.and([
              eb('f.severity', '=', severity),
              eb('f.first_seen_at', '<', Math.trunc(now - policy[severity] * DAY_MS)),
            ]),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('sla_notifications as n')
              .select('n.finding_id')
              .whereRef('n.finding_id', '=', 'f.id'),
          ),
        ),
      )
      .orderBy('f.id')
      .limit(ROUND)
      .execute();
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1]!.id;
    const ours = new Set<number>();
    // Power-of-two batches: SQLite statements are prepared once per SQL text (see `batch.ts`).
    for (const batch of batches(rows, 2, 30_000)) {
      const recorded = await store.db
        .insertInto('sla_notifications')
        .values(batch.map((r) => ({ finding_id: r.id, notified_at: now })))
        .onConflict((oc) => oc.column('finding_id').doNothing())
        .returning('finding_id')
        .execute();
      for (const r of recorded) ours.add(r.finding_id);
    }
    for (const row of rows) {
      if (!ours.has(row.id)) continue;
      const list = byProject.get(row.project) ?? [];
      list.push(row.fingerprint);
      byProject.set(row.project, list);
    }
    if (rows.length < ROUND) break;
  }
  return [...byProject.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([project, fingerprints]) => ({
      type: 'sla.breached' as const,
      at: now,
      project,
      fingerprints: fingerprints.sort(),
    }));
}
