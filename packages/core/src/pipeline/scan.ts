import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { displayPath, type RampartConfig } from '../config/load.js';
import { preloadYaml, type PositionedDocument } from '../config/yaml-source.js';
import { compareFindings, compareStrings, type SuppressedFinding } from '../finding.js';
import { evaluatePolicy } from '../policy/gate.js';
import { applyBaseline, loadBaseline } from '../post/baseline.js';
import { assignFingerprints, dedupe, splitInline } from '../post/chain.js';
import { applySuppressions, loadSuppressions } from '../post/suppressions-file.js';
import { RESULT_SCHEMA_VERSION, type ScanResult, type SkipReason, type ToolInfo } from '../result.js';
import type { RuleMeta } from '../rule.js';
import { withRuleDocs } from '../rule-catalog.js';
import type { Diagnostic, ScannerDefinition } from '../scanner.js';
import { sortWalk, walkSteps, type WalkResult } from '../walk/walker.js';
import { fileFilter } from './file-filter.js';
import { FileEngine, type EngineInit, type FileTask, type FileTaskResult } from './file-engine.js';
import { loadScanners, type ScannerModule } from './load-scanners.js';
import type { CandidateFinding } from './process-file.js';
import { runHistoryPass, runProjectPass, type PassContext } from './passes.js';
import { canonicalRules, planScan } from './plan.js';

export interface ScanProgress {
  filesDone: number;
  /** Files to scan, so far while `walking`. */
  filesTotal: number;
  findings: number;
  /** True while the tree is still being walked (workers already scan what it found). */
  walking: boolean;
}

export interface ScanOptions {
  /** Absolute path of the folder to scan. */
  root: string;
  config: RampartConfig;
  /** The parsed config file, for line numbers in scanner-config errors. */
  configDocument?: PositionedDocument;
  /** Every registered scanner; `config.scanners` selects among them. */
  scanners: readonly ScannerModule[];
  tool: ToolInfo;
  onProgress?: (progress: ScanProgress) => void;
  /** Scan only these repository-relative paths (after ignore rules). Used by diff mode. */
  onlyPaths?: ReadonlySet<string>;
  /**
   * Files the user named: scanned without walking, whatever ignore rules and name-based skip classes
   * say (only binary content is still skipped).
   */
  explicitFiles?: ReadonlySet<string>;
  /** Skip the baseline (when creating one). */
  ignoreBaseline?: boolean;
  /** False: only worker threads scan files (tests use it to compare the two). */
  scanInMainThread?: boolean;
  /** Today's date (YYYY-MM-DD) for suppression expiry; defaults to the current UTC date. */
  today?: string;
  /** Paths shown in messages are relative to this folder (default: root). */
  displayBase?: string;
}

const BATCH_SIZE = 64;
/**
 * A walk that finds this many files to scan (or lasts this long) starts the worker pool; below it the main
 * thread alone finishes sooner than workers boot (measured: ~0.1 ms per file, ~120 ms to boot a worker).
 */
const POOL_MIN_FILES = 400;
const POOL_AFTER_MS = 40;
/** Batches handed to each worker at a time: enough to keep it busy while the main thread scans one. */
const IN_FLIGHT = 4;

/**
 * One scan: select scanners and rules, walk, scan files on a worker pool, run project passes, then
 * the post-processing chain and the policy gate.
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const { root } = options;
  const plan = planScan(await loadScanners(options.scanners), options.config, options.configDocument);
  const config = canonicalRules(options.config, plan.catalog);
  const { catalog, selected, scannerOptions, enabledRules } = plan;
  // With --history, scanners that read history do so instead of their file pass.
  const historyScanners = config.history ? selected.filter((s) => s.scanHistory) : [];
  const fileScanners = selected.filter((s) => !historyScanners.includes(s));

  const init: EngineInit = {
    root,
    scanners: options.scanners.filter((m) => fileScanners.some((s) => s.id === m.id && s.createFileScanner)),
    scannerOptions,
    enabledRules: [...enabledRules],
    knownRules: catalog.knownIds(),
    severityOverrides: config.severityOverrides,
    maxFileSize: config.maxFileSize,
    skip: config.skip,
    mask: config.mask,
  };
  // Worker threads take a hundred milliseconds or more to boot: once the walk shows that the tree is not
  // small, start them so that they boot while the main thread walks on, and hand them files as the walk
  // finds them. A small tree is scanned by the main thread alone (booting workers would cost more than
  // they save); a scan of named or staged files and `--jobs 1` never start them.
  const threads = config.jobs > 0 ? config.jobs : availableParallelism();
  const explicit = options.explicitFiles;
  if (explicit) init.skip = config.skip.filter((s) => s === 'binary');
  const queue = new TaskQueue();
  // The main thread scans too once it has walked the tree, so the pool has one worker fewer.
  // With --history and only history scanners there are no files to read: no pool, no walk.
  const needsFiles = fileScanners.length > 0;
  const canPool = threads > 1 && needsFiles && !options.onlyPaths && !explicit;
  let pool: Pool | undefined;
  let inWorkers: Promise<void> = Promise.resolve();
  const ensurePool = async () => {
    if (pool || !canPool) return;
    pool = await startPool(init, threads - 1);
    inWorkers = workerLoops(pool, threads - 1, queue, collectFrom);
  };
  if (options.scanInMainThread === false) await ensurePool();

  const diagnostics: Diagnostic[] = [];
  const skipped: { path: string; reason: SkipReason }[] = [];
  const candidates: CandidateFinding[] = [];
  let scanned = 0;
  const progress = { filesDone: 0, filesTotal: 0, findings: 0, walking: true };
  function collectFrom(result: FileTaskResult, batchSize: number): void {
    candidates.push(...result.findings);
    diagnostics.push(...result.diagnostics);
    skipped.push(...result.skipped);
    scanned += result.scanned;
    progress.filesDone += batchSize;
    progress.findings += result.findings.filter((f) => !f.suppression).length;
    options.onProgress?.({ ...progress });
  }

  let walked: WalkResult;
  const batcher = new Batcher(fileScanners, options.onlyPaths, queue);
  if (explicit) {
    walked = {
      files: [...explicit].filter((f) => isRegularFile(join(root, f))).sort(compareStrings),
      skipped: [],
      diagnostics: [],
    };
    batcher.add(walked.files, true);
  } else if (!needsFiles) {
    walked = { files: [], skipped: [], diagnostics: [] };
  } else {
    walked = { files: [], skipped: [], diagnostics: [] };
    const walkOptions = {
      root,
      gitignore: config.gitignore,
      exclude: config.exclude,
      followSymlinks: config.followSymlinks,
      skip: new Set(config.skip),
    };
    const walkStart = performance.now();
    let lastBreak = walkStart;
    let steps = 0;
    for (const _ of walkSteps(walkOptions, walked)) {
      // Every few milliseconds (the clock is read every 32 steps): batch what was found, start the pool
      // once the tree is known not to be small, and let the workers (and their results) in.
      if (!canPool || (++steps & 31) !== 0) continue;
      const now = performance.now();
      if (now - lastBreak <= 4) continue;
      batcher.add(walked.files, false);
      progress.filesTotal = batcher.files;
      if (!pool && (batcher.files >= POOL_MIN_FILES || now - walkStart > POOL_AFTER_MS)) await ensurePool();
      if (pool) await new Promise<void>((resolve) => setImmediate(resolve));
      lastBreak = performance.now();
    }
    batcher.add(walked.files, false);
    if (canPool && !pool && batcher.files >= POOL_MIN_FILES) await ensurePool();
    batcher.add(walked.files, true);
    sortWalk(walked);
  }
  queue.close();
  diagnostics.push(...walked.diagnostics);
  const only = options.onlyPaths;
  const files = only ? walked.files.filter((f) => only.has(f)) : walked.files;
  skipped.push(...(only ? walked.skipped.filter((s) => only.has(s.path)) : walked.skipped));
  progress.filesTotal = batcher.files;
  progress.walking = false;
  options.onProgress?.({ ...progress });

  try {
    if (options.scanInMainThread !== false || !pool) {
      const engine = await FileEngine.create(init, fileScanners);
      // With workers, break every few milliseconds to let their results in and hand out more batches.
      let lastBreak = performance.now();
      const pause = pool
        ? () => {
            if (performance.now() - lastBreak < 4) return undefined;
            return new Promise<void>((resolve) =>
              setImmediate(() => {
                lastBreak = performance.now();
                resolve();
              }),
            );
          }
        : undefined;
      for (let task = queue.next(); task; task = queue.next())
        collectFrom(await engine.scan(task, pause), task.files.length);
    }
    await inWorkers;
  } finally {
    await pool?.destroy();
  }

  const passContext: PassContext & { read: Set<string> } = {
    root,
    plan,
    config,
    candidates,
    diagnostics,
    read: new Set<string>(),
  };
  for (const scanner of fileScanners) {
    if (scanner.scanProject) await runProjectPass(scanner, files, passContext);
  }
  for (const scanner of historyScanners) await runHistoryPass(scanner, passContext);

  // Main-thread part of the chain: dedupe -> fingerprint -> suppress (file) -> baseline -> sort.
  const display = (path: string) => displayPath(options.displayBase ?? root, path);
  const fingerprinted = assignFingerprints(dedupe(candidates));
  const inline = splitInline(fingerprinted);
  if (!config.inlineIgnores && inline.suppressed.length > 0) {
    // --no-inline-ignores: the gate sees what inline comments would hide (other suppressions still apply).
    for (const { suppression: _ignored, ...finding } of inline.suppressed) inline.open.push(finding);
    diagnostics.push({
      level: 'info',
      code: 'inline-ignores-disabled',
      message: `${inline.suppressed.length} inline suppression(s) not applied (--no-inline-ignores)`,
    });
    inline.suppressed.length = 0;
  }
  const suppressed: SuppressedFinding[] = [...inline.suppressed];
  if (existsSync(config.suppressions) || (!options.ignoreBaseline && existsSync(config.baseline)))
    await preloadYaml();
  const entries = loadSuppressions(
    config.suppressions,
    display(config.suppressions),
    config.suppressionsExplicit,
  );
  const afterFile = applySuppressions(
    inline.open,
    entries,
    display(config.suppressions),
    catalog,
    options.today ?? new Date().toISOString().slice(0, 10),
    diagnostics,
    !options.onlyPaths && !options.explicitFiles && !config.history,
  );
  suppressed.push(...afterFile.suppressed);
  let open = afterFile.open;
  let baselineInfo: ScanResult['baseline'];
  if (!options.ignoreBaseline) {
    const fingerprints = loadBaseline(config.baseline, display(config.baseline), config.baselineExplicit);
    if (fingerprints) {
      const applied = applyBaseline(open, fingerprints, display(config.baseline));
      open = applied.open;
      suppressed.push(...applied.suppressed);
      baselineInfo = { path: display(config.baseline), matched: applied.suppressed.length };
    }
  }
  open.sort(compareFindings);
  suppressed.sort(compareFindings);

  const referenced = new Set([...open, ...suppressed].map((f) => f.ruleId));
  const rules: RuleMeta[] = await withRuleDocs(
    plan.all,
    catalog.all().filter((r) => referenced.has(r.id)),
  );
  const skippedCounts: Record<SkipReason, number> = {
    binary: 0,
    vendored: 0,
    minified: 0,
    generated: 0,
    'too-large': 0,
    unreadable: 0,
  };
  for (const s of skipped) skippedCounts[s.reason] += 1;

  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: options.tool,
    scanners: selected
      .map((s) => ({
        id: s.id,
        version: s.version,
        rules: (plan.rulesOf.get(s.id) ?? []).filter((r) => enabledRules.has(r.id)).length,
      }))
      .sort((a, b) => compareStrings(a.id, b.id)),
    rules,
    findings: open,
    suppressed,
    diagnostics: sortDiagnostics(diagnostics),
    stats: {
      filesWalked: walked.files.length,
      filesScanned: scanned + readByProjectPassesOnly(passContext.read, batcher, skipped),
      skipped: skippedCounts,
    },
    ...(baselineInfo ? { baseline: baselineInfo } : {}),
    ...(historyScanners.length > 0 && {
      history: {
        ...(config.historyRange !== undefined && { range: config.historyRange }),
        commits: passContext.historyCommits ?? 0,
      },
    }),
    policy: evaluatePolicy(open, config),
  };
}

/**
 * Turns walked files into batches: each file gets the scanners whose globs want it (files no scanner
 * wants are never read), `onlyPaths` filters, and full batches go to the queue as they fill.
 */
/** Files that project passes read and the file engine did not scan (not wanted by a file scanner, or skipped). */
function readByProjectPassesOnly(
  read: ReadonlySet<string>,
  batcher: Batcher,
  skipped: readonly { path: string }[],
): number {
  const notScanned = new Set(skipped.map((s) => s.path));
  let count = 0;
  for (const path of read) if (!batcher.wants(path) || notScanned.has(path)) count++;
  return count;
}

class Batcher {
  private readonly filters: { id: string; wants: (path: string) => boolean }[];
  private cursor = 0;
  private current: FileTask = { files: [] };
  /** Files batched so far. */
  files = 0;

  constructor(
    scanners: readonly ScannerDefinition[],
    private readonly only: ReadonlySet<string> | undefined,
    private readonly queue: TaskQueue,
  ) {
    this.filters = scanners
      .filter((s) => s.createFileScanner)
      .map((s) => ({ id: s.id, wants: fileFilter(s.files) }));
  }

  /** Whether a file scanner reads this path. */
  wants(path: string): boolean {
    return (!this.only || this.only.has(path)) && this.filters.some((f) => f.wants(path));
  }

  /** Batch `all.slice(cursor)`, the files found since the last call; `last` flushes a partial batch. */
  add(all: readonly string[], last: boolean): void {
    for (; this.cursor < all.length; this.cursor++) {
      const path = all[this.cursor]!;
      if (this.only && !this.only.has(path)) continue;
      const wanted: string[] = [];
      for (const filter of this.filters) if (filter.wants(path)) wanted.push(filter.id);
      if (wanted.length === 0) continue;
      this.files++;
      this.current.files.push({ path, scanners: wanted });
      if (this.current.files.length === BATCH_SIZE) {
        this.queue.push(this.current);
        this.current = { files: [] };
      }
    }
    if (last && this.current.files.length > 0) {
      this.queue.push(this.current);
      this.current = { files: [] };
    }
  }
}

/** Batches waiting to be scanned, taken by the main thread (`next`) and worker loops (`take`). */
class TaskQueue {
  private readonly tasks: FileTask[] = [];
  private head = 0;
  private closed = false;
  private waiting: (() => void)[] = [];

  push(task: FileTask): void {
    this.tasks.push(task);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /** The next batch, or undefined when none is waiting now. */
  next(): FileTask | undefined {
    return this.head < this.tasks.length ? this.tasks[this.head++] : undefined;
  }

  /** The next batch, waiting for one while the walk goes on; undefined once all are handed out. */
  async take(): Promise<FileTask | undefined> {
    for (;;) {
      const task = this.next();
      if (task || this.closed) return task;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * Feed the pool from the queue: each worker first boots and builds its engine (an empty batch), and
 * only then takes files, so a small scan is not held up by a worker that is still starting. Two
 * batches in flight per worker hide the message round trip.
 */
async function workerLoops(
  pool: Pool,
  workers: number,
  queue: TaskQueue,
  collect: (result: FileTaskResult, size: number) => void,
): Promise<void> {
  const loop = async () => {
    await pool.run({ files: [] });
    for (let task = await queue.take(); task; task = await queue.take())
      collect((await pool.run(task)) as FileTaskResult, task.files.length);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT * workers }, loop));
}

interface Pool {
  run(task: FileTask): Promise<unknown>;
  destroy(): Promise<void>;
}

async function startPool(init: EngineInit, threads: number): Promise<Pool> {
  // Loaded only when a pool is needed: small scans and `--jobs 1` never pay for it.
  const { Piscina } = await import('piscina');
  return new Piscina({
    filename: workerUrl(),
    workerData: init,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
    concurrentTasksPerWorker: IN_FLIGHT,
  });
}

/** The compiled worker. Under the test runner core runs from src/, so point at the build instead. */
function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function workerUrl(): string {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here.href;
  return new URL('../../dist/pipeline/worker.js', import.meta.url).href;
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics
    .filter((d) => {
      const key = JSON.stringify([d.path, d.line, d.code, d.message, d.scanner]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        compareStrings(a.path ?? '', b.path ?? '') ||
        (a.line ?? 0) - (b.line ?? 0) ||
        compareStrings(a.code, b.code) ||
        compareStrings(a.message, b.message),
    );
}
