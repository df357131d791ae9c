import { createHash } from 'node:crypto';
import { SEVERITIES, type ScanResult } from '@rampart/core/model';
import type { ReportContext } from './context.js';
import { escapeHtml, escapeJsonForScript } from './escape.js';
import { REPORT_SCRIPT, REPORT_STYLE } from './html-assets.js';
import { toJsonDocument } from './json.js';
import { orderResult } from './ordering.js';
import { describeGate, formatDiagnosticLocation, plural, policyVerdict, summarize } from './summary.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

// Hashes instead of 'unsafe-inline': only this exact style and script may run, and nothing may be
// fetched, so the report stays inert even if a finding slipped markup past the escaping.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${sha256(REPORT_STYLE)}`,
  `script-src ${sha256(REPORT_SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function renderHeader(result: ScanResult): string[] {
  const verdict = policyVerdict(result.policy);
  return [
    '<header>',
    `<h1>${escapeHtml(result.tool.name)} report <span class="verdict ${verdict.toLowerCase()}">${verdict}</span></h1>`,
    `<p class="muted">Policy: ${escapeHtml(describeGate(result.policy))}.</p>`,
    ...(result.policy.reasons.length > 0
      ? ['<ul>', ...result.policy.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`), '</ul>']
      : []),
    '</header>',
  ];
}

function card(label: string, value: number, className = ''): string {
  const labelHtml =
    className === '' ? escapeHtml(label) : `<span class="${className}">${escapeHtml(label)}</span>`;
  return `<li><strong>${value}</strong>${labelHtml}</li>`;
}

function renderSummary(result: ScanResult): string[] {
  const summary = summarize(result);
  const { baseline, diffBase, stats } = result;
  const notes = [`${stats.filesScanned} of ${plural(stats.filesWalked, 'file')} scanned.`];
  if (baseline !== undefined)
    notes.push(`Baseline ${baseline.path} matched ${plural(baseline.matched, 'finding')}.`);
  if (diffBase !== undefined) {
    notes.push(
      `Only changes since ${diffBase.ref} (merge base ${diffBase.mergeBase}, ${plural(diffBase.changedFiles, 'changed file')}).`,
    );
  }
  return [
    '<section aria-labelledby="summary-title">',
    '<h2 id="summary-title">Summary</h2>',
    '<ul class="cards">',
    ...SEVERITIES.map((severity) => card(severity, summary.open[severity], `sev sev-${severity}`)),
    card('suppressed', summary.suppressedTotal),
    card('diagnostics', summary.diagnosticsTotal),
    '</ul>',
    `<p class="muted">${escapeHtml(notes.join(' '))}</p>`,
    '</section>',
  ];
}

function renderFindingsSection(): string[] {
  const severityBoxes = SEVERITIES.map(
    (severity) =>
      `<label><input type="checkbox" name="severity" value="${severity}" checked> <span class="sev sev-${severity}">${severity}</span></label>`,
  );
  return [
    '<section aria-labelledby="findings-title">',
    '<h2 id="findings-title">Findings</h2>',
    '<form id="filters" role="search">',
    '<fieldset><legend class="muted">Severity</legend>',
    ...severityBoxes,
    '</fieldset>',
    '<label>Status <select name="status"><option value="open">open</option><option value="suppressed">suppressed</option><option value="all">all</option></select></label>',
    '<label>Scanner <select name="scanner"><option value="">all</option></select></label>',
    '<label>Rule <select name="rule"><option value="">all</option></select></label>',
    '<label>Search <input type="search" name="q" placeholder="message, rule, path…"></label>',
    '</form>',
    '<p id="shown" class="muted" aria-live="polite"></p>',
    '<noscript><p>Turn on JavaScript to list and filter the findings; the summary above is complete without it.</p></noscript>',
    '<table>',
    '<thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th><th>Scanner</th></tr></thead>',
    '<tbody id="finding-rows"></tbody>',
    '</table>',
    '<p id="no-match" class="muted" hidden>No findings match the filters.</p>',
    '</section>',
  ];
}

function renderDiagnostics(result: ScanResult): string[] {
  if (result.diagnostics.length === 0) return [];
  const rows = result.diagnostics.map((diagnostic) => {
    const cells = [
      diagnostic.level,
      diagnostic.code,
      formatDiagnosticLocation(diagnostic) ?? '',
      diagnostic.message,
      diagnostic.scanner ?? '',
    ];
    return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  return [
    '<section aria-labelledby="diagnostics-title">',
    '<h2 id="diagnostics-title">Diagnostics</h2>',
    '<table>',
    '<thead><tr><th>Level</th><th>Code</th><th>Location</th><th>Message</th><th>Scanner</th></tr></thead>',
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</section>',
  ];
}

/**
 * Renders one self-contained HTML page: summary, a findings table with filters (severity, status,
 * scanner, rule, text) and expandable rows (snippet, trace, fix, details, CWE, rule help), and the
 * diagnostics. It loads nothing: style and script are inline and pinned by hash in a strict CSP.
 * The data is the JSON format embedded as inert `application/json`, and the script renders it with
 * text nodes only, so no message can inject markup.
 */
export function renderHtml(result: ScanResult, _context?: ReportContext): string {
  const ordered = orderResult(result);
  const data = escapeJsonForScript(JSON.stringify(toJsonDocument(ordered)));
  const title = `${ordered.tool.name} report: ${policyVerdict(ordered.policy)}`;
  const lines = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // The policy is a constant without quotes or markup, so it goes in as is (and reads as is).
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    ...renderHeader(ordered),
    ...renderSummary(ordered),
    ...renderFindingsSection(),
    ...renderDiagnostics(ordered),
    `<footer class="muted"><p>${escapeHtml(`${ordered.tool.name} ${ordered.tool.version}`)}</p></footer>`,
    `<script type="application/json" id="rampart-data">${data}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ];
  return `${lines.join('\n')}\n`;
}
