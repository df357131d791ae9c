import type { EventBus, ServerEvent } from '../events.js';
import type { Store } from '../store.js';
import type { SlaPolicy } from '../visibility/sla.js';
import {
  DEFAULT_DELIVERY_POLICY,
  Dispatcher,
  type AttemptOutcome,
  type DeliveryPolicy,
} from './dispatcher.js';
import { enqueueEvent } from './notifications.js';
import { findNewSlaBreaches } from './sla-check.js';
import { httpPost, type Post } from './transport.js';

export { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './dispatcher.js';

/** The default time between SLA checks (one hour). */
export const DEFAULT_SLA_CHECK_INTERVAL_MS = 60 * 60_000;

export interface NotifierOptions {
  store: Store;
  events: EventBus;
  now: () => number;
  /** Deliver to loopback, private and reserved addresses too (tests, closed networks). */
  allowPrivate: boolean;
  /** Time between SLA checks; 0 turns them off. */
  slaCheckIntervalMs: number;
  /** The SLA policy in force when a check runs. */
  slaPolicy: () => Promise<SlaPolicy>;
  delivery?: Partial<DeliveryPolicy>;
  /** How deliveries are sent (default: HTTP with the address guard). */
  post?: Post;
  random?: () => number;
  /** Problems of the background work (a failed query); never secrets. */
  onError?: (error: unknown, what: string) => void;
  onAttempt?: (outcome: AttemptOutcome) => void;
}

/**
 * Notifications: listens to the server's events, queues deliveries to the webhooks that want them, runs
 * the dispatcher that sends them, and checks SLA deadlines periodically. Started and stopped with the
 * HTTP server.
 */
export class Notifier {
  readonly policy: DeliveryPolicy;
  private readonly dispatcher: Dispatcher;
  private unsubscribe: (() => void) | undefined;
  private slaTimer: NodeJS.Timeout | undefined;
  private slaRun: Promise<number> | undefined;

  constructor(private readonly options: NotifierOptions) {
    this.policy = { ...DEFAULT_DELIVERY_POLICY, ...options.delivery };
    this.dispatcher = new Dispatcher(
      options.store,
      options.post ?? httpPost({ allowPrivate: options.allowPrivate }),
      this.policy,
      {
        now: options.now,
        allowPrivate: options.allowPrivate,
        ...(options.random !== undefined ? { random: options.random } : {}),
        onError: (error) => options.onError?.(error, 'delivery'),
        ...(options.onAttempt !== undefined ? { onAttempt: options.onAttempt } : {}),
      },
    );
  }

  get allowPrivate(): boolean {
    return this.options.allowPrivate;
  }

  start(): void {
    if (this.unsubscribe !== undefined) return;
    this.unsubscribe = this.options.events.on(async (event) => {
      await this.handle(event);
    });
    this.dispatcher.start();
    const interval = this.options.slaCheckIntervalMs;
    if (interval > 0) {
      // The first check soon after the start (a server restarted often would otherwise never check).
      const next = (delay: number) => {
        this.slaTimer = setTimeout(() => {
          void this.checkSla()
            .catch((error: unknown) => this.options.onError?.(error, 'sla-check'))
            .finally(() => {
              if (this.slaTimer !== undefined) next(interval);
            });
        }, delay);
        this.slaTimer.unref();
      };
      next(Math.min(interval, 60_000));
    }
  }

  /**
   * Stop listening, polling and checking. A delivery in flight finishes (within its time limit); events
   * already emitted are still queued, and what is pending is sent after the next start.
   */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.slaTimer !== undefined) clearTimeout(this.slaTimer);
    this.slaTimer = undefined;
    await this.slaRun?.catch(() => undefined);
    await this.dispatcher.stop();
  }

  /** Queue what an event calls for, then look for due deliveries. */
  async handle(event: ServerEvent): Promise<number> {
    const queued = await enqueueEvent(this.options.store, event, this.options.slaPolicy);
    if (queued > 0) this.dispatcher.kick();
    return queued;
  }

  /** Look for due deliveries now (after a ping or a redelivery was queued). */
  kick(): void {
    this.dispatcher.kick();
  }

  /** Delete finished deliveries older than the policy keeps them; returns how many (tests, tools). */
  pruneDeliveries(): Promise<number> {
    return this.dispatcher.prune();
  }

  /** Attempt every delivery due now; returns how many attempts were made (tests, tools). */
  deliverDue(): Promise<number> {
    return this.dispatcher.deliverDue();
  }

  /** Check SLA deadlines now: announce new breaches on the event bus; returns how many findings. */
  async checkSla(): Promise<number> {
    const run = (async () => {
      const events = await findNewSlaBreaches(
        this.options.store,
        await this.options.slaPolicy(),
        this.options.now(),
      );
      for (const event of events) this.options.events.emit(event);
      return events.reduce((n, e) => n + e.fingerprints.length, 0);
    })();
    this.slaRun = run;
    try {
      return await run;
    } finally {
      if (this.slaRun === run) this.slaRun = undefined;
    }
  }

  /** Resolves when emitted events are queued and no dispatch run is going on. */
  async idle(): Promise<void> {
    await this.options.events.idle();
    await this.dispatcher.idle();
  }
}
