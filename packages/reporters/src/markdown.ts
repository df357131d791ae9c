import {
  SEVERITIES,
  type Diagnostic,
  type Finding,
  type ScanResult,
  type Severity,
  type SuppressedFinding,
} from '@rampart/core/model';
import { resolveContext, type ReportContext } from './context.js';
import { escapeMarkupText, revealHiddenChars } from './escape.js';
import { compareBySeverity, groupBy, orderResult } from './ordering.js';
import {
  describeGate,
  formatCommit,
  formatDiagnosticLocation,
  formatLocation,
  plural,
  policyVerdict,
  summarize,
} from './summary.js';

const SEVERITY_ICONS: Record<Severity, string> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  info: '⚪',
};

/** Messages in the top table are cut to this length so that the table stays readable and bounded. */
const MAX_CELL_MESSAGE = 200;

const TRUNCATION_NOTE_RESERVE = 200;

function severityLabel(severity: Severity): string {
  return `${SEVERITY_ICONS[severity]} ${severity}`;
}

/**
 * Escapes text for inline Markdown (GitHub flavour): it renders as the same text, never as markup,
 * HTML, a link, an @mention or an issue reference. Line breaks become spaces so one item stays on one
 * line.
 */
export function escapeMarkdown(text: string): string {
  return (
    escapeMarkupText(revealHiddenChars(text).replace(/\r\n?|\n/g, ' '))
      .replace(/[\\`*_[\]~]/g, '\\$&')
      // A zero-width space after `@` or before a number keeps GitHub from notifying a user or team, or
      // linking an issue, when a message names `@scope/package` or `#123`.
      .replace(/@|#(?=\d)/g, '$&&#8203;')
  );
}

/** Inline code that survives backticks in the text: the fence is longer than any run inside. */
export function inlineCode(text: string): string {
  const flat = revealHiddenChars(text).replace(/\r\n?|\n/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}

/** GFM splits table rows on `|` before it parses inline code, so pipes are escaped last, everywhere. */
function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function renderHeading(result: ScanResult): string[] {
  const verdict = policyVerdict(result.policy);
  const icon = result.policy.passed ? '✅' : '❌';
  const reasons = result.policy.reasons.map((reason) => `- ${escapeMarkdown(reason)}`);
  return [
    `## ${icon} ${escapeMarkdown(result.tool.name)}: ${verdict}`,
    '',
    `Policy: ${describeGate(result.policy)}.`,
    ...(reasons.length > 0 ? ['', ...reasons] : []),
  ];
}

function renderSummaryTable(result: ScanResult): string[] {
  const summary = summarize(result);
  const rows = SEVERITIES.map((severity) =>
    tableRow([severityLabel(severity), String(summary.open[severity])]),
  );
  return [
    tableRow(['Severity', 'Open']),
    '| --- | ---: |',
    ...rows,
    tableRow(['**Total**', `**${summary.openTotal}**`]),
    '',
    `${plural(summary.suppressedTotal, 'suppressed finding')} · ${plural(summary.diagnosticsTotal, 'diagnostic')} · ${result.stats.filesScanned} of ${result.stats.filesWalked} files scanned`,
  ];
}

function renderNewVsBaseline(result: ScanResult): string[] {
  const { baseline, diffBase } = result;
  if (baseline === undefined && diffBase === undefined) return [];
  const baselined = result.suppressed.filter((finding) => finding.suppression.kind === 'baseline').length;
  const parts = [`${result.findings.length} new`];
  if (baseline !== undefined) parts.push(`${baselined} baselined (${inlineCode(baseline.path)})`);
  if (diffBase !== undefined) {
    parts.push(
      `only changes since ${inlineCode(diffBase.ref)} (merge base ${escapeMarkdown(diffBase.mergeBase)}, ${plural(diffBase.changedFiles, 'changed file')})`,
    );
  }
  return ['', `**New vs. baseline:** ${parts.join(' · ')}`];
}

function renderTopFindings(findings: readonly Finding[], max: number): string[] {
  if (findings.length === 0) return ['', '**No open findings.**'];
  const top = [...findings].sort(compareBySeverity).slice(0, Math.max(0, max));
  const title =
    top.length < findings.length ? `Top ${top.length} of ${findings.length} findings` : 'Findings';
  return [
    '',
    `### ${title}`,
    '',
    tableRow(['Severity', 'Rule', 'Location', 'Message']),
    '| --- | --- | --- | --- |',
    ...top.map((finding) =>
      tableRow([
        severityLabel(finding.severity),
        inlineCode(finding.ruleId),
        inlineCode(formatLocation(finding.location, false)),
        escapeMarkdown(truncate(finding.message, MAX_CELL_MESSAGE)),
      ]),
    ),
  ];
}

/** One list entry per finding; the first of each file carries the file's heading. */
function findingEntries<T extends Finding>(
  findings: readonly T[],
  describe: (finding: T) => string,
): string[] {
  return groupBy(findings, (finding) => finding.location.path).flatMap(([path, group], groupIndex) =>
    group.map((finding, index) => {
      const separator = groupIndex === 0 ? '' : '\n';
      const heading = index === 0 ? `${separator}#### ${inlineCode(path)}\n\n` : '';
      return `${heading}- ${describe(finding)}`;
    }),
  );
}

function describeOpen(finding: Finding): string {
  const commit = formatCommit(finding);
  const where = commit === undefined ? '' : ` (${escapeMarkdown(commit)})`;
  return `${severityLabel(finding.severity)} ${inlineCode(finding.ruleId)} line ${finding.location.startLine}${where}: ${escapeMarkdown(finding.message)}`;
}

function describeSuppressed(finding: SuppressedFinding): string {
  const { kind, reason, owner, expires } = finding.suppression;
  const notes = [
    kind,
    ...(reason !== undefined ? [`reason: ${escapeMarkdown(reason)}`] : []),
    ...(owner !== undefined ? [`owner: ${escapeMarkdown(owner)}`] : []),
    ...(expires !== undefined ? [`expires ${escapeMarkdown(expires)}`] : []),
  ];
  return `${describeOpen(finding)} (${notes.join('; ')})`;
}

function describeDiagnostic(diagnostic: Diagnostic): string {
  const where = formatDiagnosticLocation(diagnostic);
  const scanner = diagnostic.scanner !== undefined ? ` (${escapeMarkdown(diagnostic.scanner)})` : '';
  const location = where !== undefined ? ` ${inlineCode(where)}` : '';
  return `- **${diagnostic.level}** ${inlineCode(diagnostic.code)}${location}: ${escapeMarkdown(diagnostic.message)}${scanner}`;
}

/** A collapsible section whose entries may be cut to fit the comment. */
interface Collapsible {
  summary: string;
  entries: string[];
}

function renderCollapsible(section: Collapsible, kept: readonly string[], dropped: number): string[] {
  const lines = ['', '<details>', `<summary>${section.summary}</summary>`, '', ...kept];
  if (dropped > 0) {
    const what =
      kept.length > 0
        ? `…and ${plural(dropped, 'more entry', 'more entries')}`
        : plural(dropped, 'entry', 'entries');
    if (kept.length > 0) lines.push('');
    lines.push(
      `_${what} not shown: the comment size limit was reached. See the SARIF or HTML report for everything._`,
    );
  }
  return [...lines, '', '</details>'];
}

function joinLines(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/**
 * Lays the sections out within `maxLength`: the fixed part always, then as many entries of each
 * collapsible section, in order, as still fit (each cut one says so).
 */
function fitSections(fixed: string[], sections: Collapsible[], footer: string[], maxLength: number): string {
  const skeleton = joinLines([
    ...fixed,
    ...sections.flatMap((section) => renderCollapsible(section, [], 0)),
    ...footer,
  ]);
  let budget = maxLength - skeleton.length - TRUNCATION_NOTE_RESERVE * sections.length;
  const rendered = sections.flatMap((section) => {
    const kept: string[] = [];
    for (const entry of section.entries) {
      if (entry.length + 1 > budget) break;
      kept.push(entry);
      budget -= entry.length + 1;
    }
    return renderCollapsible(section, kept, section.entries.length - kept.length);
  });
  const output = joinLines([...fixed, ...rendered, ...footer]);
  // Only a huge `maxFindings` or policy text can overflow the fixed part; cut hard as a last resort.
  return output.length <= maxLength
    ? output
    : `${output.slice(0, Math.max(0, maxLength - 40))}\n\n_…output truncated._\n`;
}

/**
 * Renders a pull-request comment: verdict, counts by severity, new vs. baseline, the top findings,
 * then collapsible sections with every finding by file, suppressed findings and diagnostics.
 * Stays within `context.maxLength` (GitHub's comment limit by default), noting what it cut.
 */
export function renderMarkdown(result: ScanResult, context?: ReportContext): string {
  const { maxFindings, maxLength } = resolveContext(context);
  const ordered = orderResult(result);
  const fixed = [
    ...renderHeading(ordered),
    '',
    ...renderSummaryTable(ordered),
    ...renderNewVsBaseline(ordered),
    ...renderTopFindings(ordered.findings, maxFindings),
  ];
  const sections: Collapsible[] = [];
  if (ordered.findings.length > 0) {
    sections.push({
      summary: `All ${plural(ordered.findings.length, 'open finding')} by file`,
      entries: findingEntries(ordered.findings, describeOpen),
    });
  }
  if (ordered.suppressed.length > 0) {
    sections.push({
      summary: `${plural(ordered.suppressed.length, 'suppressed finding')}`,
      entries: findingEntries(ordered.suppressed, describeSuppressed),
    });
  }
  if (ordered.diagnostics.length > 0) {
    sections.push({
      summary: plural(ordered.diagnostics.length, 'diagnostic'),
      entries: ordered.diagnostics.map(describeDiagnostic),
    });
  }
  const footer = [
    '',
    `<sub>${escapeMarkdown(ordered.tool.name)} ${escapeMarkdown(ordered.tool.version)}</sub>`,
  ];
  return fitSections(fixed, sections, footer, maxLength);
}
