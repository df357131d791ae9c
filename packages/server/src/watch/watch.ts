import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ECOSYSTEMS, SCANNER_VERSION } from '@rampart/scanner-sca';
import {
  AdvisoryDbError,
  openAdvisoryDb,
  updateDatabase,
  type AdvisoryDb,
  type FetchLike,
} from '@rampart/scanner-sca/db';
import { canonicalJson } from '../canonical-json.js';
import { ServerError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Store } from '../store.js';
import { recordWatchScan, WATCH_ACTOR, type DatabaseVersion } from './record.js';
import { componentsOf, latestSbomScans, rematch } from './rematch.js';

/** How the watch keeps the advisory database current, as `rampart db update` does. */
export interface WatchUpdateOptions {
  /** Base URL serving `<ecosystem>/all.zip` (default: OSV's public bucket). */
  mirror?: string;
  /** OSV ecosystems to download (default: every ecosystem Rampart reads). */
  ecosystems?: string[];
  /** Replace the HTTP client (proxies). */
  fetch?: FetchLike;
  /** Abort a request when no data arrives for this long (default 60 s). */
  timeoutMs?: number;
  /** Further attempts per archive after a network error or a 5xx (default 3). */
  retries?: number;
  /** Base delay between attempts (default 1 s). */
  retryDelayMs?: number;
}

export interface WatchOptions {
  /** The advisory database file (`rampart server --advisory-db`, `RAMPART_DB`). */
  database: string;
  /** Check every this many milliseconds (update, then re-match if the database changed); 0: never. */
  intervalMs?: number;
  /** Where and how updates are downloaded (scheduled ones, and `POST /api/v1/watch/run?update=true`). */
  update?: WatchUpdateOptions;
  /** Download updates on each scheduled check (default true); false: only notice changes others make. */
  scheduledUpdate?: boolean;
}

export interface AffectedBranch {
  project: string;
  branch: string;
  /** The watch scan that recorded the new findings. */
  scanId: number;
  advisories: string[];
  /** Findings created or reopened. */
  findings: number;
}

export interface WatchProblem {
  project?: string;
  branch?: string;
  message: string;
}

/** What one run did. */
export interface WatchRun {
  trigger: 'schedule' | 'api';
  startedAt: number;
  finishedAt: number;
  /** Whether the update downloaded anything; null when no update was asked for. */
  updated: boolean | null;
  /** False when the database was unchanged since the last complete re-match (a scheduled check). */
  rematched: boolean;
  database: DatabaseVersion | null;
  projectsChecked: number;
  branchesChecked: number;
  newlyAffected: AffectedBranch[];
  errors: WatchProblem[];
}

export interface WatchStatus {
  enabled: boolean;
  database: string | null;
  intervalMs: number;
  update: boolean;
  running: boolean;
  /** The last run, scheduled checks that found the database unchanged included. */
  lastRun: WatchRun | null;
  /** The last run that re-matched the SBOMs. */
  lastRematch: WatchRun | null;
}

/** A run was asked for while another one is going on. */
export class WatchBusyError extends ServerError {
  constructor() {
    super('a zero-day watch run is already in progress: try again when it has finished', 409, 'watch-busy');
  }
}

/** The watch is not configured on this server. */
export class WatchDisabledError extends ServerError {
  constructor() {
    super(
      'the zero-day watch is off: start the server with --advisory-db <file> (or RAMPART_DB)',
      409,
      'watch-disabled',
    );
  }
}

export type WatchLog = (level: 'info' | 'warn' | 'error', data: object, message: string) => void;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The database's content identity: its sources (each import or download, with checksums and times). */
export function databaseVersion(db: AdvisoryDb): DatabaseVersion {
  const sources = db.sources();
  const updatedAt = sources.map((s) => s.importedAt).reduce((a, b) => (b > a ? b : a), '');
  return { generation: createHash('sha256').update(canonicalJson(sources)).digest('hex'), updatedAt };
}

/**
 * The zero-day watch: when the advisory database changes, every project's latest SBOM (per branch) is
 * matched again, and flaws a branch did not have become findings of a `watch` scan, announced as
 * `project.affected`. One run at a time; a project that fails is reported and the others go on.
 */
export class ZeroDayWatch {
  private running: Promise<WatchRun> | undefined;
  private lastRun: WatchRun | null = null;
  private lastRematch: WatchRun | null = null;
  /** The generation of the last re-match that went through for every project. */
  private matchedGeneration: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: WatchOptions,
    private readonly context: {
      store: Store;
      events: EventBus;
      now: () => number;
      log: WatchLog;
      toolVersion: string;
    },
  ) {}

  get intervalMs(): number {
    return this.options.intervalMs ?? 0;
  }

  /** Start the schedule (nothing when the interval is 0). The first check comes after one interval. */
  start(): void {
    if (this.intervalMs <= 0 || this.timer !== undefined) return;
    this.timer = setInterval(() => {
      if (this.running !== undefined) return;
      this.check().catch((error: unknown) =>
        this.context.log('error', { event: 'watch-failed', err: error }, 'zero-day watch check failed'),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stop the schedule and wait for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  status(): WatchStatus {
    return {
      enabled: true,
      database: this.options.database,
      intervalMs: this.intervalMs,
      update: this.options.scheduledUpdate !== false,
      running: this.running !== undefined,
      lastRun: this.lastRun,
      lastRematch: this.lastRematch,
    };
  }

  /** What the schedule does: update (unless turned off), then re-match if the database changed. */
  async check(): Promise<WatchRun> {
    return this.run({
      trigger: 'schedule',
      update: this.options.scheduledUpdate !== false,
      onlyIfChanged: true,
    });
  }

  /** Run now. Throws `WatchBusyError` while another run is in progress. */
  run(request: {
    trigger: 'schedule' | 'api';
    update: boolean;
    onlyIfChanged?: boolean;
    requestedBy?: string;
  }): Promise<WatchRun> {
    if (this.running !== undefined) throw new WatchBusyError();
    const running = this.execute(request).finally(() => {
      this.running = undefined;
    });
    this.running = running;
    return running;
  }

  private async execute(request: {
    trigger: 'schedule' | 'api';
    update: boolean;
    onlyIfChanged?: boolean;
    requestedBy?: string;
  }): Promise<WatchRun> {
    const { store, now, log } = this.context;
    const path = this.options.database;
    const run: WatchRun = {
      trigger: request.trigger,
      startedAt: now(),
      finishedAt: 0,
      updated: null,
      rematched: false,
      database: null,
      projectsChecked: 0,
      branchesChecked: 0,
      newlyAffected: [],
      errors: [],
    };
    const finish = () => {
      run.finishedAt = now();
      this.lastRun = run;
      if (run.rematched) this.lastRematch = run;
      return run;
    };

    if (request.update) {
      const update = this.options.update ?? {};
      try {
        const result = await updateDatabase(path, {
          ...update,
          ecosystems: update.ecosystems ?? [...ECOSYSTEMS],
        });
        run.updated = result.import !== undefined;
      } catch (error) {
        // The database stays as it was: a change someone else made is still matched below.
        run.updated = false;
        run.errors.push({ message: `advisory database update failed: ${messageOf(error)}` });
        log('warn', { event: 'watch-update-failed', err: error }, 'advisory database update failed');
      }
    }

    if (!existsSync(path)) {
      run.errors.push({
        message: `no advisory database at ${path}: run \`rampart db update --db ${path}\` (or \`rampart db import\`)`,
      });
      return finish();
    }
    let db: AdvisoryDb;
    try {
      db = openAdvisoryDb(path, { readonly: true });
    } catch (error) {
      run.errors.push({
        message:
          error instanceof AdvisoryDbError
            ? error.message
            : `cannot open the advisory database: ${messageOf(error)}`,
      });
      return finish();
    }
    try {
      const version = databaseVersion(db);
      run.database = version;
      if (request.onlyIfChanged === true && version.generation === this.matchedGeneration) return finish();
      run.rematched = true;
      const branches = await latestSbomScans(store.db);
      const projects = new Set<string>();
      let failed = 0;
      for (const sbom of branches) {
        projects.add(sbom.project);
        run.branchesChecked += 1;
        try {
          const candidates = rematch(await componentsOf(store.db, sbom.scanId), db);
          const record = await recordWatchScan(store, {
            sbom,
            database: version,
            candidates,
            toolVersion: this.context.toolVersion,
            scannerVersion: SCANNER_VERSION,
          });
          const findings = record === undefined ? 0 : record.created + record.reopened;
          if (record !== undefined && !record.duplicate && findings > 0) {
            const affected: AffectedBranch = {
              project: sbom.project,
              branch: sbom.branch,
              scanId: record.scanId,
              advisories: record.advisories,
              findings,
            };
            run.newlyAffected.push(affected);
            this.context.events.emit({ type: 'project.affected', at: now(), ...affected });
            log(
              'info',
              { event: 'project-affected', ...affected },
              `zero-day watch: ${sbom.project} is affected`,
            );
          }
        } catch (error) {
          failed += 1;
          run.errors.push({ project: sbom.project, branch: sbom.branch, message: messageOf(error) });
          log(
            'error',
            { event: 'watch-project-failed', project: sbom.project, branch: sbom.branch, err: error },
            `zero-day watch: re-matching ${sbom.project} failed`,
          );
        }
        // Matching is synchronous: let requests in between branches.
        await yieldToEventLoop();
      }
      run.projectsChecked = projects.size;
      // A project that failed is tried again at the next check, even if the database is unchanged.
      if (failed === 0) this.matchedGeneration = version.generation;
      await store.recordAdminAction({
        actor: WATCH_ACTOR,
        action: 'watch.run',
        target: 'watch',
        data: {
          branchesChecked: run.branchesChecked,
          database: version,
          errors: run.errors.length,
          newlyAffected: run.newlyAffected.map((a) => ({
            branch: a.branch,
            findings: a.findings,
            project: a.project,
            scanId: a.scanId,
          })),
          projectsChecked: run.projectsChecked,
          requestedBy: request.requestedBy ?? request.trigger,
          updated: run.updated,
        },
      });
      return finish();
    } finally {
      db.close();
    }
  }
}
