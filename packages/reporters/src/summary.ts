import {
  countBySeverity,
  type Diagnostic,
  type Finding,
  type Location,
  type PolicyOutcome,
  type ScanResult,
  type Severity,
  type SuppressionKind,
} from '@rampart/core/model';

export const SUPPRESSION_KINDS: readonly SuppressionKind[] = ['inline', 'file', 'baseline', 'vex'];
export const DIAGNOSTIC_LEVELS: readonly Diagnostic['level'][] = ['error', 'warning', 'info'];

/** The counts every human-facing format shows. */
interface ResultSummary {
  open: Record<Severity, number>;
  openTotal: number;
  suppressed: Record<SuppressionKind, number>;
  suppressedTotal: number;
  diagnostics: Record<Diagnostic['level'], number>;
  diagnosticsTotal: number;
}

export function summarize(result: ScanResult): ResultSummary {
  const suppressed: Record<SuppressionKind, number> = { inline: 0, file: 0, baseline: 0, vex: 0 };
  for (const finding of result.suppressed) suppressed[finding.suppression.kind] += 1;
  const diagnostics: Record<Diagnostic['level'], number> = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of result.diagnostics) diagnostics[diagnostic.level] += 1;
  return {
    open: countBySeverity(result.findings),
    openTotal: result.findings.length,
    suppressed,
    suppressedTotal: result.suppressed.length,
    diagnostics,
    diagnosticsTotal: result.diagnostics.length,
  };
}

/** "1 critical, 2 high": the non-zero counts, in the order of `keys`; empty when all are zero. */
export function formatCounts<K extends string>(keys: readonly K[], counts: Record<K, number>): string {
  return keys
    .filter((key) => counts[key] > 0)
    .map((key) => `${counts[key]} ${key}`)
    .join(', ');
}

/** `path:line:column`, or `path:line` without the column. */
export function formatLocation(location: Location, withColumn = true): string {
  const position = withColumn ? `${location.startLine}:${location.startColumn}` : `${location.startLine}`;
  return `${location.path}:${position}`;
}

/**
 * Where a history scan found a secret: `commit 3f9a1c2b7d4e by Ana <ana@example.com> on 2026-01-02`, or
 * undefined for a finding in the working tree.
 */
export function formatCommit(finding: Finding): string | undefined {
  const details = finding.details;
  if (details?.kind !== 'secret' || details.commit === undefined) return undefined;
  return [
    `commit ${details.commit.slice(0, 12)}`,
    ...(details.author === undefined ? [] : [`by ${details.author}`]),
    ...(details.date === undefined ? [] : [`on ${details.date.slice(0, 10)}`]),
  ].join(' ');
}

/** `path:line` for a diagnostic, `path` without a line, or undefined without a path. */
export function formatDiagnosticLocation(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.path === undefined) return undefined;
  return diagnostic.line === undefined ? diagnostic.path : `${diagnostic.path}:${diagnostic.line}`;
}

/** "fail on high or above", or "gate disabled". */
export function describeGate(policy: PolicyOutcome): string {
  return policy.failOn === 'none' ? 'gate disabled' : `fail on ${policy.failOn} or above`;
}

export function policyVerdict(policy: PolicyOutcome): 'PASS' | 'FAIL' {
  return policy.passed ? 'PASS' : 'FAIL';
}

/** "1 finding", "2 findings"; pass the plural form when adding an "s" is wrong. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
