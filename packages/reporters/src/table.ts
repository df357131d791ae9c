import pc from 'picocolors';
import {
  SEVERITIES,
  type Finding,
  type PolicyOutcome,
  type ScanResult,
  type Severity,
} from '@rampart/core/model';
import { resolveContext, type ReportContext } from './context.js';
import { revealHiddenChars as shown } from './escape.js';
import { orderResult } from './ordering.js';
import {
  describeGate,
  DIAGNOSTIC_LEVELS,
  formatCommit,
  formatCounts,
  formatLocation,
  plural,
  policyVerdict,
  summarize,
  SUPPRESSION_KINDS,
} from './summary.js';

type Colors = ReturnType<typeof pc.createColors>;

const SEVERITY_WIDTH = 'CRITICAL'.length;

function paintSeverity(colors: Colors, severity: Severity): string {
  const label = severity.toUpperCase().padEnd(SEVERITY_WIDTH);
  switch (severity) {
    case 'critical':
      return colors.bold(colors.red(label));
    case 'high':
      return colors.red(label);
    case 'medium':
      return colors.yellow(label);
    case 'low':
      return colors.cyan(label);
    case 'info':
      return colors.gray(label);
  }
}

function indent(text: string, prefix: string): string[] {
  return text.split('\n').map((line) => `${prefix}${line}`);
}

function renderFinding(finding: Finding, colors: Colors): string[] {
  const lines = [
    `${paintSeverity(colors, finding.severity)}  ${colors.bold(shown(finding.ruleId))}  ${shown(formatLocation(finding.location))}`,
    ...indent(shown(finding.message), '  '),
  ];
  const commit = formatCommit(finding);
  if (commit !== undefined) lines.push(`  ${colors.dim(shown(commit))}`);
  if (finding.location.snippet !== undefined) {
    lines.push(...indent(shown(finding.location.snippet), colors.dim('  > ')));
  }
  if (finding.trace !== undefined && finding.trace.length > 0) {
    lines.push('  Trace:');
    finding.trace.forEach((step, index) => {
      lines.push(`    ${index + 1}. ${shown(formatLocation(step.location))}  ${shown(step.message)}`);
    });
  }
  if (finding.fix !== undefined) lines.push(`  Fix: ${shown(finding.fix.description)}`);
  return lines;
}

function renderVerdict(policy: PolicyOutcome, colors: Colors): string[] {
  const verdict = policyVerdict(policy);
  const painted = policy.passed ? colors.bold(colors.green(verdict)) : colors.bold(colors.red(verdict));
  return [`${painted} (${describeGate(policy)})`, ...policy.reasons.map((reason) => `  - ${shown(reason)}`)];
}

/** " (1 inline, 2 file)", or nothing when every count is zero. */
function breakdown<K extends string>(keys: readonly K[], counts: Record<K, number>): string {
  const listed = formatCounts(keys, counts);
  return listed === '' ? '' : ` (${listed})`;
}

function renderSummary(result: ScanResult, colors: Colors): string[] {
  const summary = summarize(result);
  return [
    colors.bold('Summary'),
    `  Findings:     ${summary.openTotal} open${breakdown(SEVERITIES, summary.open)}`,
    `  Suppressed:   ${summary.suppressedTotal}${breakdown(SUPPRESSION_KINDS, summary.suppressed)}`,
    `  Diagnostics:  ${summary.diagnosticsTotal}${breakdown(DIAGNOSTIC_LEVELS, summary.diagnostics)}`,
    '',
    ...renderVerdict(result.policy, colors),
  ];
}

/**
 * Renders a scan result for the terminal: one block per open finding (severity, rule, location,
 * message, masked snippet, trace, fix), then the counts and the policy verdict.
 * Colours only when `context.color` is true; control characters from scanned files are shown escaped.
 */
export function renderTable(result: ScanResult, context?: ReportContext): string {
  const colors = pc.createColors(resolveContext(context).color);
  const ordered = orderResult(result);
  const blocks =
    ordered.findings.length === 0
      ? [[colors.green('No findings.')]]
      : ordered.findings.map((finding) => renderFinding(finding, colors));
  const header = `${shown(ordered.tool.name)} ${shown(ordered.tool.version)}: ${plural(ordered.findings.length, 'open finding')}`;
  return (
    [header, '', ...blocks.flatMap((block) => [...block, '']), ...renderSummary(ordered, colors)].join('\n') +
    '\n'
  );
}
