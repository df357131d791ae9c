import type { IncomingHttpHeaders } from 'node:http';
import type { Store } from '../store.js';
import { checkWebhookUrl } from './address.js';
import { deliveryHeaders, renderBody, truncate, type Envelope } from './formats.js';
import { DeliveryError, type Post } from './transport.js';
import type { WebhookFormat } from '../db/schema.js';

/** How deliveries are retried. */
export interface DeliveryPolicy {
  /** Attempts before a delivery is given up as failed (default 6). */
  maxAttempts: number;
  /** The first retry waits about this long; each next one twice as long (default 60 s). */
  baseDelayMs: number;
  /** No retry waits longer than this, whatever the backoff or Retry-After says (default 1 h). */
  maxDelayMs: number;
  /** One attempt's time limit (default 10 s). */
  timeoutMs: number;
  /** How often due deliveries are looked for, besides right after an event (default 5 s). */
  pollIntervalMs: number;
  /**
   * How long a finished delivery (delivered or failed) stays in the delivery log after its last attempt
   * (default 30 days); older ones are deleted, checked at most once an hour. 0 keeps them forever.
   */
  keepMs: number;
}

export const DEFAULT_DELIVERY_POLICY: Readonly<DeliveryPolicy> = {
  maxAttempts: 6,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  timeoutMs: 10_000,
  pollIntervalMs: 5_000,
  keepMs: 30 * 24 * 60 * 60_000,
};

/** How often old deliveries are looked for. */
const PRUNE_EVERY_MS = 60 * 60_000;

const ERROR_MAX = 500;
/** Deliveries looked at per query. */
const BATCH = 20;
/** Webhooks served at the same time. */
const PARALLEL_WEBHOOKS = 4;

export type AttemptOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status: number | null; error: string; retryAfterMs?: number }
  | { kind: 'failed'; status: number | null; error: string };

/** Seconds or an HTTP date, as milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === undefined || text === '') return undefined;
  if (/^[0-9]{1,10}$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What an HTTP answer means for the delivery. */
export function classifyResponse(
  status: number,
  headers: IncomingHttpHeaders,
  body: string,
  now: number,
): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  const text = oneLine(body);
  const error = `HTTP ${status}${text === '' ? '' : `: ${text}`}`;
  if (status >= 300 && status < 400)
    return {
      kind: 'failed',
      status,
      error: `HTTP ${status}: redirects are not followed (point the webhook at the final URL)`,
    };
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], now);
    return { kind: 'retry', status, error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { kind: 'failed', status, error };
}

function oneLine(text: string): string {
  // Control characters (including newlines) out of what the log keeps of a foreign answer.
  const printable = [...text].map((c) => (c < ' ' || c === '\u007f' ? ' ' : c)).join('');
  return truncate(printable.trim(), 200);
}

/**
 * The wait before attempt `attempt + 1` after `attempt` failed: exponential from `baseDelayMs` with
 * "equal jitter" (half fixed, half random, so retries of many deliveries spread out), at most
 * `maxDelayMs`. A Retry-After the receiver sent wins when it asks for longer, within the same bound.
 */
export function retryDelay(
  policy: DeliveryPolicy,
  attempt: number,
  random: number,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential / 2 + (random * exponential) / 2);
  const wanted = retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
  return Math.min(policy.maxDelayMs, wanted);
}

/**
 * Works through the delivery outbox. A delivery is claimed by moving its `next_attempt_at` past the
 * attempt's time limit (a conditional update, so two server processes on one database never send the same
 * attempt twice, and a process that dies mid-attempt leaves it to be tried again); the outcome is then
 * written in one update. State lives only in the database: pending deliveries are picked up after a restart.
 */
export class Dispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** Not started, or stopped: no polling, no dispatch runs of its own. */
  private stopped = true;
  /** Set by `stop`: even a direct `deliverDue` starts no new attempt. */
  private closing = false;
  /** When the delivery log was last pruned. */
  private prunedAt = -Infinity;

  constructor(
    private readonly store: Store,
    private readonly post: Post,
    private readonly policy: DeliveryPolicy,
    private readonly options: {
      now: () => number;
      random?: () => number;
      allowPrivate: boolean;
      onAttempt?: (outcome: AttemptOutcome) => void;
      onError?: (error: unknown) => void;
    },
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.closing = false;
    this.schedule();
    this.kick();
  }

  /** Stop polling; an attempt in flight finishes (bounded by its time limit), nothing new starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  /** Look for due deliveries now (after an event was queued). */
  kick(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        await this.pruneIfDue();
        do {
          this.again = false;
          await this.deliverDue();
        } while (this.again && !this.stopped);
      } catch (error) {
        this.options.onError?.(error);
      } finally {
        this.running = undefined;
      }
    })();
  }

  /**
   * Delete the finished deliveries (delivered or failed) whose last attempt is older than the policy
   * keeps them; pending ones stay whatever their age. Returns how many were deleted.
   */
  async prune(): Promise<number> {
    if (!(this.policy.keepMs > 0)) return 0;
    const result = await this.store.db
      .deleteFrom('webhook_deliveries')
      .where('status', 'in', ['delivered', 'failed'])
      .where('updated_at', '<', this.options.now() - this.policy.keepMs)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Prune at most once an hour; a failure is reported and does not hold up deliveries. */
  private async pruneIfDue(): Promise<void> {
    const now = this.options.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    try {
      await this.prune();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Resolves when no dispatch run is going on. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedule();
    }, this.policy.pollIntervalMs);
    this.timer.unref();
  }

  /**
   * Attempt every delivery due now; returns how many attempts were made. Webhooks are served side by side
   * (a few at a time, so that one that never answers does not hold up the others), the deliveries of one
   * webhook one after the other, oldest first.
   */
  async deliverDue(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const now = this.options.now();
      const due = await this.store.db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .select(['d.id', 'd.webhook_id', 'd.next_attempt_at'])
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', now)
        .where('w.enabled', '=', 1)
        .orderBy('d.next_attempt_at')
        .orderBy('d.id')
        .limit(BATCH)
        .execute();
      if (due.length === 0) return attempts;
      const byWebhook = new Map<number, typeof due>();
      for (const row of due) byWebhook.set(row.webhook_id, [...(byWebhook.get(row.webhook_id) ?? []), row]);
      const queues = [...byWebhook.values()];
      const worker = async () => {
        for (let queue = queues.shift(); queue !== undefined; queue = queues.shift())
          for (const row of queue) {
            if (this.closing) return;
            if (await this.attempt(row.id, row.next_attempt_at!)) attempts += 1;
          }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_WEBHOOKS, queues.length) }, worker));
      if (due.length < BATCH || this.closing) return attempts;
    }
  }

  /** Claim and attempt one delivery; false when another process claimed it first. */
  private async attempt(id: number, dueAt: number): Promise<boolean> {
    const now = this.options.now();
    const claimed = await this.store.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: now + this.policy.timeoutMs + 60_000, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', dueAt)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    const row = await this.store.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select(['d.id', 'd.payload', 'd.attempts', 'w.url', 'w.format', 'w.secret'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return false;
    const outcome = await this.send(row.id, row.url, row.format, row.secret, row.payload);
    this.options.onAttempt?.(outcome);
    const attempts = row.attempts + 1;
    const at = this.options.now();
    const common = { attempts, updated_at: at, last_status_code: outcome.status };
    if (outcome.kind === 'delivered')
      await this.store.db
        .updateTable('webhook_deliveries')
        .set({ ...common, status: 'delivered', next_attempt_at: null, last_error: null, delivered_at: at })
        .where('id', '=', id)
        .execute();
    else {
      const giveUp = outcome.kind === 'failed' || attempts >= this.policy.maxAttempts;
      const delay =
        outcome.kind === 'retry'
          ? retryDelay(this.policy, attempts, (this.options.random ?? Math.random)(), outcome.retryAfterMs)
          : 0;
      await this.store.db
        .updateTable('webhook_deliveries')
        .set({
          ...common,
          status: giveUp ? 'failed' : 'pending',
          next_attempt_at: giveUp ? null : at + delay,
          last_error: truncate(outcome.error, ERROR_MAX),
        })
        .where('id', '=', id)
        .execute();
    }
    return true;
  }

  private async send(
    deliveryId: number,
    urlText: string,
    format: WebhookFormat,
    secret: string,
    payload: string,
  ): Promise<AttemptOutcome> {
    let url: URL;
    try {
      url = checkWebhookUrl(urlText, this.options.allowPrivate);
    } catch (error) {
      return { kind: 'failed', status: null, error: `refused: ${(error as Error).message}` };
    }
    const envelope = JSON.parse(payload) as Envelope;
    const body = renderBody(format, envelope);
    const headers = deliveryHeaders(envelope, deliveryId, secret, body, this.options.now());
    try {
      const result = await this.post(url, headers, body, this.policy.timeoutMs);
      return classifyResponse(result.status, result.headers, result.body, this.options.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof DeliveryError && error.permanent)
        return { kind: 'failed', status: null, error: message };
      return { kind: 'retry', status: null, error: message };
    }
  }
}
