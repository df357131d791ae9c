import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { displayPath, type RampartConfig } from '../config/load.js';
import type { PositionedDocument } from '../config/yaml-source.js';
import { compareFindings, compareStrings, type SuppressedFinding } from '../finding.js';
import { evaluatePolicy } from '../policy/gate.js';
import { applyBaseline, loadBaseline } from '../post/baseline.js';
import { assignFingerprints, dedupe, splitInline } from '../post/chain.js';
import { applySuppressions, loadSuppressions } from '../post/suppressions-file.js';
import { RESULT_SCHEMA_VERSION, type ScanResult, type SkipReason, type ToolInfo } from '../result.js';
import type { RuleMeta } from '../rule.js';
import type { Diagnostic, ScannerDefinition } from '../scanner.js';
import { walk } from '../walk/walker.js';
import { FileEngine, type EngineInit, type FileTask, type FileTaskResult } from './file-engine.js';
import { loadScanners, type ScannerModule } from './load-scanners.js';
import type { CandidateFinding } from './process-file.js';
import { runHistoryPass, runProjectPass } from './passes.js';
import { canonicalRules, planScan } from './plan.js';

export interface ScanProgress {
  filesDone: number;
  filesTotal: number;
  findings: number;
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
  /** Below this many files the scan runs in the main thread; worker start-up costs more. */
  workerThreshold?: number;
  /** Today's date (YYYY-MM-DD) for suppression expiry; defaults to the current UTC date. */
  today?: string;
  /** Paths shown in messages are relative to this folder (default: root). */
  displayBase?: string;
}

const BATCH_SIZE = 64;

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
    severityOverrides: config.severityOverrides,
    maxFileSize: config.maxFileSize,
    skip: config.skip,
    mask: config.mask,
  };
  // Worker threads take a few hundred milliseconds to boot: start them now so they boot while the main
  // thread walks the tree. A scan of a few files or `--jobs 1` never starts them.
  const threads = config.jobs > 0 ? config.jobs : availableParallelism();
  const explicit = options.explicitFiles;
  if (explicit) init.skip = config.skip.filter((s) => s === 'binary');
  const pool = threads > 1 && !options.onlyPaths && !explicit ? await startPool(init, threads) : undefined;

  const diagnostics: Diagnostic[] = [];
  const walked = explicit
    ? {
        files: [...explicit].filter((f) => isRegularFile(join(root, f))).sort(compareStrings),
        skipped: [],
        diagnostics: [],
      }
    : walk({
        root,
        gitignore: config.gitignore,
        exclude: config.exclude,
        followSymlinks: config.followSymlinks,
        skip: new Set(config.skip),
      });
  diagnostics.push(...walked.diagnostics);
  const only = options.onlyPaths;
  const files = only ? walked.files.filter((f) => only.has(f)) : walked.files;
  const skipped: { path: string; reason: SkipReason }[] = only
    ? walked.skipped.filter((s) => only.has(s.path))
    : [...walked.skipped];

  const tasks = assignFiles(files, fileScanners);
  const candidates: CandidateFinding[] = [];
  let scanned = 0;
  const progress = { filesDone: 0, filesTotal: tasks.reduce((n, t) => n + t.files.length, 0), findings: 0 };
  options.onProgress?.({ ...progress });
  const collect = (result: FileTaskResult, batchSize: number) => {
    candidates.push(...result.findings);
    diagnostics.push(...result.diagnostics);
    skipped.push(...result.skipped);
    scanned += result.scanned;
    progress.filesDone += batchSize;
    progress.findings += result.findings.filter((f) => !f.suppression).length;
    options.onProgress?.({ ...progress });
  };
  await runTasks(tasks, init, fileScanners, threads, pool, options.workerThreshold ?? 256, collect);

  const passContext = { root, plan, config, candidates, diagnostics };
  for (const scanner of fileScanners) {
    if (scanner.scanProject) await runProjectPass(scanner, files, passContext);
  }
  for (const scanner of historyScanners) await runHistoryPass(scanner, passContext);

  // Main-thread part of the chain: dedupe -> fingerprint -> suppress (file) -> baseline -> sort.
  const display = (path: string) => displayPath(options.displayBase ?? root, path);
  const fingerprinted = assignFingerprints(dedupe(candidates));
  const inline = splitInline(fingerprinted);
  const suppressed: SuppressedFinding[] = [...inline.suppressed];
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
  const rules: RuleMeta[] = catalog.all().filter((r) => referenced.has(r.id));
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
    stats: { filesWalked: walked.files.length, filesScanned: scanned, skipped: skippedCounts },
    ...(baselineInfo ? { baseline: baselineInfo } : {}),
    policy: evaluatePolicy(open, config),
  };
}

/** Give each file the scanners whose globs want it; files no scanner wants are never read. */
function assignFiles(files: readonly string[], scanners: readonly ScannerDefinition[]): FileTask[] {
  const matchers = scanners
    .filter((s) => s.createFileScanner)
    .map((s) => ({
      id: s.id,
      everything: s.files.include.includes('**') && !s.files.exclude?.length,
      include: picomatch([...s.files.include], { dot: true, basename: true }),
      exclude: s.files.exclude?.length
        ? picomatch([...s.files.exclude], { dot: true, basename: true })
        : () => false,
    }));
  const tasks: FileTask[] = [];
  let current: FileTask = { files: [] };
  for (const path of files) {
    const wanted = matchers
      .filter((m) => m.everything || (m.include(path) && !m.exclude(path)))
      .map((m) => m.id);
    if (wanted.length === 0) continue;
    current.files.push({ path, scanners: wanted });
    if (current.files.length === BATCH_SIZE) {
      tasks.push(current);
      current = { files: [] };
    }
  }
  if (current.files.length > 0) tasks.push(current);
  return tasks;
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
  });
}

async function runTasks(
  tasks: readonly FileTask[],
  init: EngineInit,
  loaded: readonly ScannerDefinition[],
  threads: number,
  started: Pool | undefined,
  workerThreshold: number,
  collect: (result: FileTaskResult, size: number) => void,
): Promise<void> {
  const fileCount = tasks.reduce((n, t) => n + t.files.length, 0);
  if (threads <= 1 || fileCount < workerThreshold) {
    const stopping = started?.destroy();
    const engine = await FileEngine.create(init, loaded);
    for (const task of tasks) collect(await engine.scan(task), task.files.length);
    await stopping;
    return;
  }
  const pool = started ?? (await startPool(init, threads));
  try {
    await Promise.all(
      tasks.map(async (task) => collect((await pool.run(task)) as FileTaskResult, task.files.length)),
    );
  } finally {
    await pool.destroy();
  }
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
