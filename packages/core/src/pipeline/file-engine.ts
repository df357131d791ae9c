import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { sep } from 'node:path';
import type { SkipClass } from '../config/options.js';
import type { Severity } from '../finding.js';
import type { SkipReason } from '../result.js';
import { RuleCatalog } from '../rule-catalog.js';
import type { Diagnostic, FileScanner, ScannerDefinition } from '../scanner.js';
import { looksBinary, looksGenerated, looksMinified } from '../walk/classify.js';
import { loadScanners, type ScannerModule } from './load-scanners.js';
import { FileProcessor, type CandidateFinding } from './process-file.js';

/** Everything a worker needs to scan files; plain data so it can cross a thread boundary. */
export interface EngineInit {
  root: string;
  scanners: ScannerModule[];
  /** Options per scanner id, already validated. */
  scannerOptions: Record<string, unknown>;
  enabledRules: string[];
  /** Ids and aliases of every rule of every loaded scanner, so inline markers naming them are not "unknown". */
  knownRules?: string[];
  severityOverrides: Record<string, Severity>;
  maxFileSize: number;
  skip: SkipClass[];
  mask: boolean;
}

export interface FileTask {
  files: { path: string; scanners: string[] }[];
}

export interface FileTaskResult {
  findings: CandidateFinding[];
  diagnostics: Diagnostic[];
  scanned: number;
  skipped: { path: string; reason: SkipReason }[];
}

/** A buffer for large files is kept for the next one up to this size. */
const LARGE_KEPT = 16 * 1024 * 1024;

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads files once each and runs the file scanners that want them. One per worker thread. */
export class FileEngine {
  private readonly buffer = Buffer.allocUnsafe(256 * 1024);
  /** For files larger than `buffer`. */
  private large = Buffer.allocUnsafe(0);
  /** `root` and a separator: a file's path is this plus its relative path (cheaper than `join`). */
  private readonly prefix: string;

  private constructor(
    private readonly init: EngineInit,
    private readonly catalog: RuleCatalog,
    private readonly fileScanners: Map<string, FileScanner>,
    private readonly skip: ReadonlySet<SkipClass>,
    private readonly enabled: ReadonlySet<string>,
  ) {
    this.prefix = init.root.endsWith(sep) ? init.root : init.root + sep;
  }

  static async create(init: EngineInit, loaded?: readonly ScannerDefinition[]): Promise<FileEngine> {
    const scanners = loaded ?? (await loadScanners(init.scanners));
    const enabled = new Set(init.enabledRules);
    const rulesOf = (s: ScannerDefinition) => [
      ...s.rules,
      ...(s.extraRules?.((init.scannerOptions[s.id] ?? {}) as Record<string, unknown>) ?? []),
    ];
    const fileScanners = new Map<string, FileScanner>();
    for (const scanner of scanners) {
      if (!scanner.createFileScanner) continue;
      const own = new Set(
        rulesOf(scanner)
          .map((r) => r.id)
          .filter((id) => enabled.has(id)),
      );
      fileScanners.set(
        scanner.id,
        await scanner.createFileScanner({
          options: (init.scannerOptions[scanner.id] ?? {}) as Record<string, unknown>,
          enabledRules: own,
        }),
      );
    }
    return new FileEngine(
      init,
      new RuleCatalog(
        scanners.map((s) => ({ id: s.id, rules: rulesOf(s) })),
        init.knownRules,
      ),
      fileScanners,
      new Set(init.skip),
      enabled,
    );
  }

  /**
   * Scan a batch. `pause`, called after each file, may return a promise to wait for: the main thread
   * uses it to let worker results in every few milliseconds.
   */
  async scan(task: FileTask, pause?: () => Promise<void> | undefined): Promise<FileTaskResult> {
    const out: FileTaskResult = { findings: [], diagnostics: [], scanned: 0, skipped: [] };
    for (const file of task.files) {
      await this.scanOne(file.path, file.scanners, out);
      const waiting = pause?.();
      if (waiting) await waiting;
    }
    return out;
  }

  private async scanOne(path: string, scannerIds: readonly string[], out: FileTaskResult): Promise<void> {
    const bytes = this.read(path, out);
    if (bytes === undefined) return;
    // isAscii and isUtf8 are native checks. Most files are ASCII, which decodes as Latin-1: a copy, where
    // UTF-8 decoding has to look at every byte. Otherwise toString is faster than a fatal TextDecoder
    // that throws on bad input.
    const ascii = isAscii(bytes);
    const text = ascii ? bytes.toString('latin1') : stripBom(bytes.toString('utf8'));
    if (!ascii && !isUtf8(bytes)) {
      out.diagnostics.push({
        level: 'warning',
        code: 'invalid-utf8',
        path,
        message: 'not valid UTF-8; invalid bytes were replaced before scanning',
      });
    }
    out.scanned++;
    const processor = new FileProcessor(
      path,
      text,
      {
        catalog: this.catalog,
        enabledRules: this.enabled,
        severityOverrides: this.init.severityOverrides,
        mask: this.init.mask,
      },
      out.diagnostics,
    );
    for (const id of scannerIds) {
      const scanner = this.fileScanners.get(id);
      if (!scanner) continue;
      try {
        const outcome = await scanner.scanFile({ path, text }, (raw) => processor.add(id, raw));
        if (outcome && outcome.inlineMarker === false) processor.noInlineMarkers();
      } catch (error) {
        out.diagnostics.push({
          level: 'error',
          code: 'scanner-failed',
          scanner: id,
          path,
          message: `scanner failed on this file: ${errorText(error)}`,
        });
      }
    }
    out.findings.push(...processor.finish());
  }

  /** The skipped class the start of a file shows (judged on bytes: a skipped file is never decoded). */
  private skipClass(path: string, head: Uint8Array): SkipReason | undefined {
    if (this.skip.has('binary') && looksBinary(head)) return 'binary';
    if (this.skip.has('generated') && looksGenerated(head)) return 'generated';
    if (this.skip.has('minified') && looksMinified(path, head)) return 'minified';
    return undefined;
  }

  /**
   * Read a whole file, or only its start when that shows it is skipped: open, one read into a reused 256
   * KiB buffer, close. Most files fit, so the common case costs three system calls and no allocation (the
   * bytes returned are valid until the next read). A file that fills the buffer is measured with fstat;
   * one over max-file-size is skipped, and so is one whose start shows it binary, generated or minified
   * (those checks look at the first 64 KiB at most), without reading the rest; otherwise the rest is read
   * into a second reused buffer.
   */
  private read(path: string, out: FileTaskResult): Buffer | undefined {
    let fd: number | undefined;
    try {
      // O_NONBLOCK: a FIFO that replaced a file since the walk fails to read instead of blocking the scan.
      fd = openSync(this.prefix + path, constants.O_RDONLY | constants.O_NONBLOCK);
      const first = readSync(fd, this.buffer, 0, this.buffer.length, 0);
      const whole = first < this.buffer.length && first <= this.init.maxFileSize;
      const size = whole ? first : Math.max(first, fstatSync(fd).size);
      if (size > this.init.maxFileSize) {
        out.skipped.push({ path, reason: 'too-large' });
        out.diagnostics.push({
          level: 'warning',
          code: 'file-too-large',
          path,
          message: `skipped: ${formatBytes(size)} is over max-file-size ${formatBytes(this.init.maxFileSize)}`,
        });
        return undefined;
      }
      const skipped = this.skipClass(path, this.buffer.subarray(0, first));
      if (skipped) {
        out.skipped.push({ path, reason: skipped });
        return undefined;
      }
      // No copy: the caller decodes the bytes before it reads the next file.
      if (whole) return this.buffer.subarray(0, first);
      // Kept for the next large file unless it is very large (the thread would hold on to it).
      const rest = this.large.length >= size ? this.large : Buffer.allocUnsafe(size);
      if (size <= LARGE_KEPT) this.large = rest;
      this.buffer.copy(rest, 0, 0, first);
      let offset = first;
      while (offset < size) {
        const n = readSync(fd, rest, offset, size - offset, offset);
        if (n === 0) break;
        offset += n;
      }
      return rest.subarray(0, offset);
    } catch (error) {
      out.skipped.push({ path, reason: 'unreadable' });
      out.diagnostics.push({
        level: 'error',
        code: 'unreadable',
        path,
        message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? errorText(error)}`,
      });
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 10 ? 0 : 1)} ${units[unit]}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
