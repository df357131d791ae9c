import type { TriageDecision } from './db/schema.js';
import { InvalidRequestError, NotFoundError } from './errors.js';
import type { Store } from './store.js';

export interface BulkTriageRequest {
  fingerprints: string[];
  decision: TriageDecision | 'none';
  justification: string;
  approver?: string;
  expiresAt?: number;
  actor: string;
}

/** The most findings one bulk triage may change. */
export const BULK_TRIAGE_LIMIT = 1000;

/**
 * Record one triage decision on many findings of a project in a single transaction: every finding gets
 * its decision, its history row and its audit entry (as `Store.triage` writes them), or none does. The
 * request is refused whole when a fingerprint is unknown or a withdrawal finds no decision.
 */
export async function bulkTriage(
  store: Store,
  project: string,
  request: BulkTriageRequest,
  now: number,
): Promise<{ changed: number }> {
  const justification = request.justification.trim();
  const approver = request.approver?.trim() ?? '';
  const fingerprints = [...new Set(request.fingerprints)];
  if (fingerprints.length === 0) throw new InvalidRequestError('name at least one finding');
  if (fingerprints.length > BULK_TRIAGE_LIMIT)
    throw new InvalidRequestError(`at most ${BULK_TRIAGE_LIMIT} findings at once`);
  if (request.actor.trim() === '') throw new InvalidRequestError('a triage decision needs an actor');
  if (justification === '') throw new InvalidRequestError('a bulk triage needs a justification');
  if (request.decision === 'accepted_risk') {
    if (approver === '') throw new InvalidRequestError('an accepted risk needs an approver');
    if (request.expiresAt === undefined || !Number.isSafeInteger(request.expiresAt))
      throw new InvalidRequestError(
        'an accepted risk needs an expiry (expiresAt, milliseconds since the epoch)',
      );
    if (request.expiresAt <= now) throw new InvalidRequestError('an accepted risk must expire in the future');
  } else if (request.expiresAt !== undefined) {
    throw new InvalidRequestError('only an accepted risk has an expiry');
  }
  const decision = request.decision === 'none' ? null : request.decision;
  const expiresAt = decision === 'accepted_risk' ? request.expiresAt! : null;

  return store.transact(async (trx, audit, at) => {
    const projectRow = await trx
      .selectFrom('projects')
      .select('id')
      .where('name', '=', project)
      .executeTakeFirst();
    if (projectRow === undefined) throw new NotFoundError(`no project "${project}"`);
    const rows = [];
    // Bounded batches keep the bound parameters under every dialect's limit.
    for (let i = 0; i < fingerprints.length; i += 500) {
      rows.push(
        ...(await trx
          .selectFrom('findings')
          .select(['id', 'fingerprint', 'triage'])
          .where('project_id', '=', projectRow.id)
          .where('fingerprint', 'in', fingerprints.slice(i, i + 500))
          .execute()),
      );
    }
    const found = new Map(rows.map((r) => [r.fingerprint, r]));
    const missing = fingerprints.filter((f) => !found.has(f));
    if (missing.length > 0)
      throw new NotFoundError(
        `no finding ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''} in project "${project}"`,
      );
    if (decision === null) {
      const undecided = rows.filter((r) => r.triage === null);
      if (undecided.length > 0)
        throw new InvalidRequestError(
          `${undecided.length} of the findings have no triage decision to withdraw`,
        );
    }
    // In the order the caller gave, so the audit log reads as the request did.
    for (const fingerprint of fingerprints) {
      const row = found.get(fingerprint)!;
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
          justification,
          approver: decision === 'accepted_risk' ? approver : null,
          actor: request.actor,
          expires_at: expiresAt,
          created_at: at,
        })
        .execute();
      await audit.append({
        actor: request.actor,
        action: decision === null ? 'finding.triage-withdrawn' : 'finding.triaged',
        target: `finding:${row.id}`,
        reason: justification,
        data: {
          approver: decision === 'accepted_risk' ? approver : null,
          bulk: fingerprints.length,
          decision,
          expiresAt,
          fingerprint,
          previous: row.triage,
          project,
        },
      });
    }
    return { changed: fingerprints.length };
  });
}
