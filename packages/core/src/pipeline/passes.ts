import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import ignore from 'ignore';
import type { RampartConfig } from '../config/load.js';
import { HistoryUnavailable, isShallow, readHistory } from '../git/history.js';
import type { Diagnostic, HistoryChange, ScannerDefinition } from '../scanner.js';
import { fileFilter } from './file-filter.js';
import { FileProcessor, type CandidateFinding, type ProcessContext } from './process-file.js';
import type { ScanPlan } from './plan.js';

export interface PassContext {
  root: string;
  plan: ScanPlan;
  config: RampartConfig;
  candidates: CandidateFinding[];
  diagnostics: Diagnostic[];
  /** Paths project passes read (for the scanned-files count). */
  read?: Set<string>;
  /** Commits a history pass read to the end (undefined: none did). */
  historyCommits?: number;
}

function processContext(pass: PassContext): ProcessContext {
  return {
    catalog: pass.plan.catalog,
    enabledRules: pass.plan.enabledRules,
    severityOverrides: pass.config.severityOverrides,
    mask: pass.config.mask,
  };
}

function ownRules(scanner: ScannerDefinition, pass: PassContext): Set<string> {
  return new Set(
    (pass.plan.rulesOf.get(scanner.id) ?? []).map((r) => r.id).filter((id) => pass.plan.enabledRules.has(id)),
  );
}

function failed(pass: PassContext, scanner: ScannerDefinition, what: string, error: unknown): void {
  pass.diagnostics.push({
    level: 'error',
    code: 'scanner-failed',
    scanner: scanner.id,
    message: `${what} failed: ${error instanceof Error ? error.message : String(error)}`,
  });
}

/** A scanner's whole-project pass, in the main thread, through the same per-file chain as workers. */
export async function runProjectPass(
  scanner: ScannerDefinition,
  files: readonly string[],
  pass: PassContext,
): Promise<void> {
  const wanted = fileFilter(scanner.files);
  const processors = new Map<string, FileProcessor>();
  try {
    await scanner.scanProject!({
      root: pass.root,
      files: files.filter(wanted),
      options: (pass.plan.scannerOptions[scanner.id] ?? {}) as Record<string, unknown>,
      enabledRules: ownRules(scanner, pass),
      readText: (path) => {
        const text = readFileSync(insideRoot(pass.root, path), 'utf8');
        pass.read?.add(path);
        return Promise.resolve(text);
      },
      report: (path, text, raw) => {
        let processor = processors.get(path);
        if (!processor || processor.text !== text) {
          // A scanner may report on several versions of one path: keep each one's findings.
          if (processor) pass.candidates.push(...processor.finish());
          processor = new FileProcessor(path, text, processContext(pass), pass.diagnostics);
          processors.set(path, processor);
        }
        processor.add(scanner.id, raw);
      },
      diagnostic: (d) => pass.diagnostics.push({ ...d, scanner: scanner.id }),
    });
  } catch (error) {
    failed(pass, scanner, 'project pass', error);
  }
  // Findings reported before a failure are kept: a failing pass never loses what it already found.
  for (const processor of processors.values()) pass.candidates.push(...processor.finish());
}

/**
 * `--history`: stream every commit's added lines to the scanner. Each change goes through the per-file
 * chain on its own text; line numbers are then mapped back to the file's lines in that commit, and the
 * commit is mixed into the fingerprint (the same secret added in two commits is two findings).
 */
export async function runHistoryPass(scanner: ScannerDefinition, pass: PassContext): Promise<void> {
  const wanted = fileFilter(scanner.files);
  const excluded = ignore().add([...pass.config.exclude]);
  const accept = (path: string) => wanted(path) && !excluded.ignores(path);
  const lineMaps = new WeakMap<HistoryChange, number[]>();
  let current: { change: HistoryChange; processor: FileProcessor } | undefined;
  const flush = () => {
    if (!current) return;
    const lines = lineMaps.get(current.change) ?? [];
    const mapLine = (n: number) => lines[n - 1] ?? n;
    for (const finding of current.processor.finish()) {
      finding.location.startLine = mapLine(finding.location.startLine);
      finding.location.endLine = mapLine(finding.location.endLine);
      for (const step of finding.trace ?? []) {
        if (step.location.path === finding.location.path) {
          step.location.startLine = mapLine(step.location.startLine);
          step.location.endLine = mapLine(step.location.endLine);
        }
      }
      pass.candidates.push(finding);
    }
    current = undefined;
  };
  // `git log` starts now, before the scanner loads its engine: the two overlap. Its first entry (or
  // error) waits for the scanner to ask; a scanner that never asks stops it (see the finally below).
  const entries = readHistory(pass.root, accept, pass.config.maxFileSize, pass.config.historyRange);
  const first = entries.next();
  first.catch(() => undefined);
  // Asked alongside the log rather than before it.
  const shallow = isShallow(pass.root);
  try {
    await scanner.scanHistory!({
      root: pass.root,
      options: (pass.plan.scannerOptions[scanner.id] ?? {}) as Record<string, unknown>,
      enabledRules: ownRules(scanner, pass),
      changes: async function* () {
        let step = await first;
        for (; !step.done; step = await entries.next()) {
          lineMaps.set(step.value.change, step.value.lines);
          yield step.value.change;
        }
        pass.historyCommits = step.value;
      },
      report: (change, raw) => {
        if (current?.change !== change) {
          flush();
          current = {
            change,
            processor: new FileProcessor(change.path, change.text, processContext(pass), pass.diagnostics),
          };
        }
        current.processor.add(scanner.id, {
          ...raw,
          fingerprintKey: `${change.commit}:${raw.fingerprintKey ?? ''}`,
        });
      },
      diagnostic: (d) => pass.diagnostics.push({ ...d, scanner: scanner.id }),
    });
  } catch (error) {
    if (error instanceof HistoryUnavailable) {
      pass.diagnostics.push({
        level: error.code === 'no-commits' ? 'info' : 'error',
        code: error.code,
        scanner: scanner.id,
        message: error.message,
      });
    } else {
      failed(pass, scanner, 'history scan', error);
    }
  } finally {
    await entries.return(0).catch(() => undefined);
  }
  flush();
  if (await shallow) {
    pass.diagnostics.push({
      level: 'warning',
      code: 'shallow-clone',
      scanner: scanner.id,
      message:
        'shallow clone: commits before the cut-off were not scanned (fetch with --unshallow for the full history)',
    });
  }
}

/** Resolve a scanner-given relative path, refusing any that leaves the scan root. */
function insideRoot(root: string, path: string): string {
  const abs = resolve(root, path);
  const rel = relative(root, abs);
  if (rel.split(/[\\/]/)[0] === '..' || isAbsolute(rel))
    throw new Error(`path outside the scan root: ${path}`);
  return abs;
}
