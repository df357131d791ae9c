import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canonicalJson } from '../canonical-json.js';
import type {
  Database,
  DeliveryStatus,
  WebhookEventType,
  WebhookFormat,
  WebhookTable,
  WebhookDeliveryTable,
} from '../db/schema.js';
import { InvalidRequestError, NotFoundError } from '../errors.js';
import { SEVERITIES, type Severity } from '../ingest/model.js';
import type { Store } from '../store.js';
import { checkWebhookUrl, maskWebhookUrl } from './address.js';
import type { Envelope } from './formats.js';

/**
 * Webhooks and their delivery log in the store. Every change an administrator makes is audited (never the
 * secret, never the full URL); the dispatcher's bookkeeping of attempts is the delivery log itself.
 */

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  'findings.new',
  'project.affected',
  'sla.breached',
];
export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['generic', 'slack', 'teams'];
/** Webhook secrets: `rwh_` and 32 random bytes in base64url. */
export const WEBHOOK_SECRET_PREFIX = 'rwh_';

export interface WebhookView {
  id: number;
  name: string;
  /** Origin and first path segment only: the rest may be a credential (Slack, Teams). */
  url: string;
  format: WebhookFormat;
  events: WebhookEventType[];
  /** Empty: every project. */
  projects: string[];
  minSeverity: Severity;
  enabled: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface WebhookInput {
  name: string;
  url: string;
  format: WebhookFormat;
  events: WebhookEventType[];
  projects: string[];
  minSeverity: Severity;
  enabled: boolean;
}

export interface DeliveryView {
  id: number;
  webhookId: number;
  eventId: string;
  type: string;
  project: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
  /** The generic envelope `{ id, type, at, project, data }`. */
  payload: unknown;
}

type WebhookRow = WebhookTable & { id: number };
type DeliveryRow = WebhookDeliveryTable & { id: number };

export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function webhookView(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: maskWebhookUrl(row.url),
    format: row.format,
    events: JSON.parse(row.events) as WebhookEventType[],
    projects: JSON.parse(row.projects) as string[],
    minSeverity: row.min_severity as Severity,
    enabled: row.enabled === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function deliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    type: row.event_type,
    project: row.project,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
    payload: JSON.parse(row.payload) as unknown,
  };
}

/** Sorted and without repeats: stored lists compare and audit the same whatever order they came in. */
function normalised<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort();
}

/** `checkUrl: false` for a URL kept as it was: it is checked again at every delivery anyway. */
function checkInput(input: WebhookInput, allowPrivate: boolean, checkUrl = true): WebhookInput {
  const name = input.name.trim();
  if (name === '') throw new InvalidRequestError('a webhook needs a name');
  if (checkUrl) checkWebhookUrl(input.url, allowPrivate);
  if (!WEBHOOK_FORMATS.includes(input.format))
    throw new InvalidRequestError(`unknown webhook format "${input.format}"`);
  const events = normalised(input.events);
  if (events.length === 0) throw new InvalidRequestError('a webhook needs at least one event type');
  for (const event of events)
    if (!WEBHOOK_EVENT_TYPES.includes(event)) throw new InvalidRequestError(`unknown event type "${event}"`);
  if (!SEVERITIES.includes(input.minSeverity))
    throw new InvalidRequestError(`unknown severity "${input.minSeverity}"`);
  return { ...input, name, events, projects: normalised(input.projects) };
}

/** What the audit log keeps of a webhook: everything but the secret, with the URL masked. */
function auditData(input: WebhookInput) {
  return {
    enabled: input.enabled,
    events: input.events,
    format: input.format,
    minSeverity: input.minSeverity,
    name: input.name,
    projects: input.projects,
    url: maskWebhookUrl(input.url),
  };
}

async function webhookRow(db: Store['db'] | Transaction<Database>, id: number): Promise<WebhookRow> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`no webhook ${id}`);
  return row as WebhookRow;
}

export async function createWebhook(
  store: Store,
  input: WebhookInput,
  actor: string,
  allowPrivate: boolean,
): Promise<{ secret: string; webhook: WebhookView }> {
  const checked = checkInput(input, allowPrivate);
  const secret = newWebhookSecret();
  return store.transact(async (trx, audit, at) => {
    const row = await trx
      .insertInto('webhooks')
      .values({
        name: checked.name,
        url: checked.url,
        format: checked.format,
        events: canonicalJson(checked.events),
        projects: canonicalJson(checked.projects),
        min_severity: checked.minSeverity,
        secret,
        enabled: checked.enabled ? 1 : 0,
        created_by: actor,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit.append({
      actor,
      action: 'webhook.created',
      target: `webhook:${row.id}`,
      data: auditData(checked),
    });
    return { secret, webhook: webhookView(await webhookRow(trx, row.id)) };
  });
}

export async function listWebhooks(store: Store): Promise<WebhookView[]> {
  const rows = await store.db.selectFrom('webhooks').selectAll().orderBy('id').execute();
  return rows.map((r) => webhookView(r as WebhookRow));
}

export async function getWebhook(store: Store, id: number): Promise<WebhookView> {
  return webhookView(await webhookRow(store.db, id));
}

/** Change some of a webhook's settings; the others keep their value. */
export async function updateWebhook(
  store: Store,
  id: number,
  changes: Partial<WebhookInput>,
  actor: string,
  allowPrivate: boolean,
): Promise<WebhookView> {
  return store.transact(async (trx, audit, at) => {
    const row = await webhookRow(trx, id);
    const current: WebhookInput = {
      name: row.name,
      url: row.url,
      format: row.format,
      events: JSON.parse(row.events) as WebhookEventType[],
      projects: JSON.parse(row.projects) as string[],
      minSeverity: row.min_severity as Severity,
      enabled: row.enabled === 1,
    };
    const result = checkInput({ ...current, ...changes }, allowPrivate, changes.url !== undefined);
    await trx
      .updateTable('webhooks')
      .set({
        name: result.name,
        url: result.url,
        format: result.format,
        events: canonicalJson(result.events),
        projects: canonicalJson(result.projects),
        min_severity: result.minSeverity,
        enabled: result.enabled ? 1 : 0,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    const before = auditData(current);
    const after = auditData(result);
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (key) => canonicalJson(before[key]) !== canonicalJson(after[key]),
    );
    // A new URL with the same masked form is still a change worth recording.
    if (result.url !== current.url && !changed.includes('url')) changed.push('url');
    await audit.append({
      actor,
      action: 'webhook.updated',
      target: `webhook:${id}`,
      data: { changed: changed.sort(), webhook: after },
    });
    return webhookView(await webhookRow(trx, id));
  });
}

/** Delete a webhook and its delivery log. */
export async function deleteWebhook(store: Store, id: number, actor: string): Promise<void> {
  await store.transact(async (trx, audit) => {
    const row = await webhookRow(trx, id);
    const deliveries = await trx
      .deleteFrom('webhook_deliveries')
      .where('webhook_id', '=', id)
      .executeTakeFirst();
    await trx.deleteFrom('webhooks').where('id', '=', id).execute();
    await audit.append({
      actor,
      action: 'webhook.deleted',
      target: `webhook:${id}`,
      data: {
        deliveries: Number(deliveries.numDeletedRows),
        name: row.name,
        url: maskWebhookUrl(row.url),
      },
    });
  });
}

/** A new secret; the old one stops signing at once. */
export async function rotateWebhookSecret(
  store: Store,
  id: number,
  actor: string,
): Promise<{ secret: string; webhook: WebhookView }> {
  const secret = newWebhookSecret();
  return store.transact(async (trx, audit, at) => {
    await webhookRow(trx, id);
    await trx.updateTable('webhooks').set({ secret, updated_at: at }).where('id', '=', id).execute();
    await audit.append({ actor, action: 'webhook.secret-rotated', target: `webhook:${id}` });
    return { secret, webhook: webhookView(await webhookRow(trx, id)) };
  });
}

/** A webhook's deliveries, newest first, a page at a time (`beforeId`: the last id of the previous page). */
export async function listDeliveries(
  store: Store,
  webhookId: number,
  options: { limit: number; beforeId?: number; status?: DeliveryStatus },
): Promise<DeliveryView[]> {
  await webhookRow(store.db, webhookId);
  let query = store.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((r) => deliveryView(r as DeliveryRow));
}

/** The rows of one notification for some webhooks, as the dispatcher expects them. */
export function deliveryRows(webhookIds: readonly number[], envelope: Envelope, at: number) {
  const payload = canonicalJson(envelope);
  return webhookIds.map((webhookId) => ({
    webhook_id: webhookId,
    event_id: envelope.id,
    event_type: envelope.type,
    project: envelope.project,
    payload,
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: at,
    last_status_code: null,
    last_error: null,
    created_at: at,
    updated_at: at,
    delivered_at: null,
  }));
}

/**
 * Queue a delivery of this envelope to one webhook (a test ping, or a redelivery of an earlier one), as an
 * audited administrator action.
 */
export async function enqueueByAdmin(
  store: Store,
  webhookId: number,
  envelope: (webhook: WebhookView) => Envelope,
  action: { actor: string; action: string; data?: Record<string, unknown> },
): Promise<DeliveryView> {
  return store.transact(async (trx, audit, at) => {
    const webhook = webhookView(await webhookRow(trx, webhookId));
    if (!webhook.enabled) throw new InvalidRequestError(`webhook ${webhookId} is disabled: enable it first`);
    const [values] = deliveryRows([webhookId], envelope(webhook), at);
    const row = await trx
      .insertInto('webhook_deliveries')
      .values(values!)
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit.append({
      actor: action.actor,
      action: action.action,
      target: `webhook:${webhookId}`,
      data: { ...action.data, delivery: row.id, eventId: values!.event_id, type: values!.event_type },
    });
    const stored = await trx
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    return deliveryView(stored as DeliveryRow);
  });
}

/** One delivery of a webhook (404 when it belongs to another webhook). */
export async function getDelivery(
  store: Store,
  webhookId: number,
  deliveryId: number,
): Promise<DeliveryView> {
  const row = await store.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`no delivery ${deliveryId} of webhook ${webhookId}`);
  return deliveryView(row as DeliveryRow);
}

/** Deliveries by status, for /metrics (one grouped query). */
export async function deliveryCounts(store: Store): Promise<{ status: DeliveryStatus; count: number }[]> {
  const rows = await store.db
    .selectFrom('webhook_deliveries')
    .select((eb) => ['status', eb.fn.countAll().as('count')])
    .groupBy('status')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}
