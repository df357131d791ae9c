import type { IngestResult } from './store.js';

/**
 * What happened on the server that someone may want to hear about (webhooks, the zero-day watch). Events
 * are emitted after the change they describe was committed; a listener reads whatever else it needs from
 * the store.
 */
export type ServerEvent =
  | {
      /** An upload was ingested (not emitted for duplicates). */
      type: 'scan.ingested';
      at: number;
      project: string;
      result: IngestResult;
    }
  | {
      /**
       * The zero-day watch re-matched a project's latest SBOM against an updated advisory database and the
       * project has findings it did not have before.
       */
      type: 'project.affected';
      at: number;
      project: string;
      branch: string;
      /** The scan the watch recorded for the new findings. */
      scanId: number;
      /** Advisory ids (sorted) newly affecting the project. */
      advisories: string[];
      /** Findings created or reopened by the watch. */
      findings: number;
    }
  | {
      /** Open findings went past their SLA deadline since the last check. */
      type: 'sla.breached';
      at: number;
      project: string;
      /** Fingerprints of the findings newly in breach (sorted). */
      fingerprints: string[];
    };

export type ServerEventType = ServerEvent['type'];
export type EventListener = (event: ServerEvent) => void | Promise<void>;

/**
 * An in-process publish/subscribe bus. Listeners run after `emit` returns (never inside the emitter's
 * transaction or request), one at a time per event, and a failing listener is reported to `onError`
 * without affecting the others or the emitter.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (error: unknown, event: ServerEvent) => void = () => {}) {}

  /** Subscribe; returns the function that unsubscribes. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ServerEvent): void {
    const listeners = [...this.listeners];
    this.pending = this.pending.then(async () => {
      for (const listener of listeners) {
        try {
          await listener(event);
        } catch (error) {
          this.onError(error, event);
        }
      }
    });
  }

  /** Resolves when every event emitted so far was handled by every listener (tests, shutdown). */
  idle(): Promise<void> {
    return this.pending;
  }
}
