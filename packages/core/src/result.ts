import type { Finding, Severity, SuppressedFinding } from './finding.js';
import type { RuleMeta } from './rule.js';
import type { Diagnostic } from './scanner.js';

/** Version of the JSON result format (`docs/json-format.md`). Bump on breaking changes. */
export const RESULT_SCHEMA_VERSION = '1.1.0';

export interface ToolInfo {
  name: string;
  version: string;
  informationUri?: string;
}

export interface ScannerRun {
  id: string;
  version: string;
  /** Number of rules enabled for this scan. */
  rules: number;
}

export type SkipReason = 'binary' | 'vendored' | 'minified' | 'generated' | 'too-large' | 'unreadable';

export interface ScanStats {
  filesWalked: number;
  filesScanned: number;
  skipped: Record<SkipReason, number>;
}

export interface PolicyOutcome {
  passed: boolean;
  /** Why the gate failed; empty when it passed. */
  reasons: string[];
  failOn: Severity | 'none';
}

/** Everything one scan produced. Reporters are pure functions of this (plus tool info). */
export interface ScanResult {
  schemaVersion: string;
  tool: ToolInfo;
  scanners: ScannerRun[];
  /** Metadata of every rule that has a finding (open or suppressed), sorted by id. */
  rules: RuleMeta[];
  /** Open findings: these are gated and reported. Sorted. */
  findings: Finding[];
  /** Findings hidden by an inline comment, the suppressions file or the baseline. Sorted. */
  suppressed: SuppressedFinding[];
  diagnostics: Diagnostic[];
  stats: ScanStats;
  baseline?: { path: string; matched: number };
  diffBase?: { ref: string; mergeBase: string; changedFiles: number };
  /**
   * `--history` / `--history-range`: the commits whose added lines were scanned (`range` undefined: every
   * commit reachable from any ref). Absent when the scan read the working tree only.
   */
  history?: { range?: string; commits: number };
  policy: PolicyOutcome;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
