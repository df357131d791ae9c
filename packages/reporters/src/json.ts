import { RESULT_SCHEMA_VERSION, type ScanResult } from '@rampart/core/model';
import type { ReportContext } from './context.js';
import {
  defined,
  normaliseDiagnostic,
  normaliseFinding,
  normaliseRule,
  normaliseSuppressed,
} from './normalise.js';
import { orderResult } from './ordering.js';

/** `$schema` of the JSON format; the schema itself ships as `schemas/result-1.schema.json`. */
export const RESULT_SCHEMA_URI = 'https://rampart.dev/schemas/result-1.json';

/** What the JSON reporter writes: the scan result, plus the schema it follows. */
export type ResultDocument = { $schema: typeof RESULT_SCHEMA_URI } & ScanResult;

/** The document the JSON reporter writes, in its documented key order (`docs/json-format.md`). */
export function toJsonDocument(result: ScanResult): ResultDocument {
  const ordered = orderResult(result);
  const { stats, policy } = ordered;
  const skipped = stats.skipped;
  return defined<ResultDocument>({
    $schema: RESULT_SCHEMA_URI,
    // The version of the format this reporter writes, which is what a consumer checks.
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: defined({
      name: ordered.tool.name,
      version: ordered.tool.version,
      informationUri: ordered.tool.informationUri,
    }),
    scanners: ordered.scanners.map(({ id, version, rules }) => ({ id, version, rules })),
    rules: ordered.rules.map(normaliseRule),
    findings: ordered.findings.map(normaliseFinding),
    suppressed: ordered.suppressed.map(normaliseSuppressed),
    diagnostics: ordered.diagnostics.map(normaliseDiagnostic),
    stats: {
      filesWalked: stats.filesWalked,
      filesScanned: stats.filesScanned,
      skipped: {
        binary: skipped.binary,
        vendored: skipped.vendored,
        minified: skipped.minified,
        generated: skipped.generated,
        'too-large': skipped['too-large'],
        unreadable: skipped.unreadable,
      },
    },
    baseline: ordered.baseline && { path: ordered.baseline.path, matched: ordered.baseline.matched },
    diffBase: ordered.diffBase && {
      ref: ordered.diffBase.ref,
      mergeBase: ordered.diffBase.mergeBase,
      changedFiles: ordered.diffBase.changedFiles,
    },
    history: ordered.history && defined({ range: ordered.history.range, commits: ordered.history.commits }),
    policy: { passed: policy.passed, reasons: policy.reasons, failOn: policy.failOn },
  });
}

/**
 * Renders the versioned JSON format (`schemas/result-1.schema.json`): every key in a fixed order,
 * every array sorted, two-space indent and a trailing newline.
 */
export function renderJson(result: ScanResult, _context?: ReportContext): string {
  return `${JSON.stringify(toJsonDocument(result), null, 2)}\n`;
}
