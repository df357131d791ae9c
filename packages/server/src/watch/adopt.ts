import type { Transaction } from 'kysely';
import { batches } from '../batch.js';
import type { Database } from '../db/schema.js';
import type { ImportedFinding } from '../ingest/model.js';
import { identityOfFinding, watchFingerprint } from './identity.js';

/** Bound parameters per statement here: well under both dialects' limits. */
const MAX_PARAMS = 2048;

/** An audit entry the caller appends within its transaction. */
export interface AdoptionEntry {
  action: 'finding.adopted';
  target: string;
  reason: string;
  data: { from: string; project: string; to: string };
}

/**
 * Give findings the zero-day watch created the fingerprint an upload reports for the same flaw of the
 * same package version, before the upload's findings are recorded: the upload then sees the finding as
 * known (`new` becomes `open`, a fixed one is reopened), not as a second one. Runs inside the upload's
 * transaction. The first upload finding (by fingerprint) of each identity takes the watch's finding;
 * nothing is adopted when the upload's fingerprint is already a finding of the project. Returns the
 * audit entries to append.
 */
export async function adoptWatchFindings(
  trx: Transaction<Database>,
  projectId: number,
  project: string,
  tool: string,
  findings: readonly ImportedFinding[],
): Promise<AdoptionEntry[]> {
  const targetOf = new Map<string, string>();
  for (const finding of [...findings].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1))) {
    const identity = identityOfFinding(finding.ruleId, finding.details);
    if (identity === undefined) continue;
    const fingerprint = watchFingerprint(identity, identity.key);
    if (fingerprint !== finding.fingerprint && !targetOf.has(fingerprint))
      targetOf.set(fingerprint, finding.fingerprint);
  }
  if (targetOf.size === 0) return [];

  const watchRows: { id: number; fingerprint: string }[] = [];
  for (const batch of batches([...targetOf.keys()], 1, MAX_PARAMS))
    watchRows.push(
      ...(await trx
        .selectFrom('findings')
        .select(['id', 'fingerprint'])
        .where('project_id', '=', projectId)
        .where('fingerprint', 'in', batch)
        .execute()),
    );
  if (watchRows.length === 0) return [];

  const taken = new Set<string>();
  const targets = watchRows.map((row) => targetOf.get(row.fingerprint)!);
  for (const batch of batches(targets, 1, MAX_PARAMS))
    for (const row of await trx
      .selectFrom('findings')
      .select('fingerprint')
      .where('project_id', '=', projectId)
      .where('fingerprint', 'in', batch)
      .execute())
      taken.add(row.fingerprint);

  const entries: AdoptionEntry[] = [];
  for (const row of watchRows.sort((a, b) => a.id - b.id)) {
    const to = targetOf.get(row.fingerprint)!;
    if (taken.has(to)) continue;
    // The uploading tool owns the finding from now on: its full scans can declare it fixed.
    await trx
      .updateTable('findings')
      .set({ fingerprint: to, tool_name: tool })
      .where('id', '=', row.id)
      .execute();
    entries.push({
      action: 'finding.adopted',
      target: `finding:${row.id}`,
      reason: 'an upload reported the flaw the zero-day watch had found',
      data: { from: row.fingerprint, project, to },
    });
  }
  return entries;
}
