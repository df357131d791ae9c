import {
  compareFindings,
  compareStrings,
  severityRank,
  type Diagnostic,
  type Finding,
  type ScanResult,
} from '@rampart/core/model';

/**
 * The result with every array in its canonical order. Core already sorts findings, but reporters
 * also take results built by hand (tests, the server), and the same bytes for the same data is a
 * promise of every format, so each reporter starts from this.
 */
export function orderResult(result: ScanResult): ScanResult {
  return {
    ...result,
    scanners: [...result.scanners].sort((a, b) => compareStrings(a.id, b.id)),
    rules: [...result.rules].sort((a, b) => compareStrings(a.id, b.id)),
    findings: [...result.findings].sort(compareFindings),
    suppressed: [...result.suppressed].sort(compareFindings),
    diagnostics: [...result.diagnostics].sort(compareDiagnostics),
  };
}

/** Most severe first, then the canonical finding order: for "top findings" lists. */
export function compareBySeverity(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || compareFindings(a, b);
}

const LEVEL_RANK: Record<Diagnostic['level'], number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by file, line, code and message, so equal inputs print alike. */
function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
    compareStrings(a.path ?? '', b.path ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.scanner ?? '', b.scanner ?? '') ||
    compareStrings(a.message, b.message)
  );
}

/** Groups items by a key, keeping the input order inside each group and sorting the keys. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].sort(([a], [b]) => compareStrings(a, b));
}
