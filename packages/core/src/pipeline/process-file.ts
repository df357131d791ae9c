import type { Finding, Location, Severity, Suppression, TraceStep } from '../finding.js';
import { baseFingerprint } from '../post/fingerprint.js';
import {
  parseInlineSuppressions,
  suppressionMatches,
  type InlineSuppression,
} from '../post/inline-suppressions.js';
import { maskRanges, maskSecret } from '../post/mask.js';
import type { RuleCatalog } from '../rule-catalog.js';
import type { Diagnostic, RawFinding } from '../scanner.js';
import { LineIndex } from '../text/line-index.js';

/**
 * A finding on its way through the chain. `fingerprint` holds the base hash until the main thread
 * assigns occurrences (see post/chain.ts); `suppression` is set when an inline comment hides it.
 */
export interface CandidateFinding extends Finding {
  suppression?: Suppression;
}

export interface ProcessContext {
  catalog: RuleCatalog;
  /** Enabled rule ids. A finding of another rule is dropped. */
  enabledRules: ReadonlySet<string>;
  severityOverrides: Readonly<Record<string, Severity>>;
}

const SNIPPET_MAX_LINES = 5;
const SNIPPET_MAX_LINE_LENGTH = 240;

/**
 * The per-file part of the chain, run where the text is (worker or main): locate -> inline suppress ->
 * mask -> fingerprint. Secrets are masked here, so they never travel to the main thread.
 */
export class FileProcessor {
  private lines: LineIndex | undefined;
  private inline: Map<number, InlineSuppression[]> | undefined;
  readonly findings: CandidateFinding[] = [];

  constructor(
    readonly path: string,
    readonly text: string,
    private readonly context: ProcessContext,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private get index(): LineIndex {
    this.lines ??= new LineIndex(this.text);
    return this.lines;
  }

  /** Accept one raw report from `scanner`; invalid reports become diagnostics (a scanner bug). */
  add(scanner: string, raw: RawFinding): void {
    const entry = this.context.catalog.get(raw.ruleId);
    if (!entry || entry.scanner !== scanner) {
      this.diagnostics.push({
        level: 'error',
        code: 'scanner-bug',
        scanner,
        path: this.path,
        message: `scanner reported unknown rule "${raw.ruleId}"`,
      });
      return;
    }
    if (!this.context.enabledRules.has(entry.rule.id)) return;
    const { start, end } = raw;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end < start ||
      end > this.text.length
    ) {
      this.diagnostics.push({
        level: 'error',
        code: 'scanner-bug',
        scanner,
        path: this.path,
        message: `rule ${raw.ruleId} reported an invalid range ${start}-${end}`,
      });
      return;
    }
    const secrets = raw.secrets ?? [];
    const location = this.locate(start, end, secrets);
    const severity = this.context.severityOverrides[entry.rule.id] ?? raw.severity ?? entry.rule.severity;
    const finding: CandidateFinding = {
      ruleId: entry.rule.id,
      scanner,
      severity,
      message: maskMessage(raw.message, this.text, secrets),
      location,
      cwe: [...entry.rule.cwe],
      // The first alias is the id the rule shipped with: renames keep fingerprints (and baselines) valid.
      fingerprint: baseFingerprint(
        entry.rule.aliases?.[0] ?? entry.rule.id,
        this.path,
        this.text.slice(start, end),
        raw.fingerprintKey,
      ),
    };
    if (raw.trace && raw.trace.length > 0)
      finding.trace = raw.trace.map((step) => this.traceStep(step, secrets));
    if (raw.fix) finding.fix = raw.fix;
    if (raw.details) finding.details = raw.details;
    const suppression = this.inlineSuppression(entry.rule.id, entry.rule.aliases ?? [], location.startLine);
    if (suppression) finding.suppression = suppression;
    this.findings.push(finding);
  }

  /** Parse inline markers even when nothing was found, so that unknown rule ids are reported. */
  checkInlineMarkers(): void {
    this.inlineMarkers();
  }

  private inlineMarkers(): Map<number, InlineSuppression[]> {
    this.inline ??= this.text.includes('rampart-ignore:')
      ? parseInlineSuppressions(
          this.path,
          this.index,
          (id) => this.context.catalog.isKnown(id),
          this.diagnostics,
        )
      : new Map();
    return this.inline;
  }

  private inlineSuppression(
    ruleId: string,
    aliases: readonly string[],
    line: number,
  ): Suppression | undefined {
    const markers = this.inlineMarkers();
    for (const candidateLine of [line, line - 1]) {
      const hit = markers.get(candidateLine)?.find((s) => suppressionMatches(s, ruleId, aliases));
      if (hit) return { kind: 'inline', reason: hit.reason, source: `${this.path}:${hit.line}` };
    }
    return undefined;
  }

  private locate(start: number, end: number, secrets: readonly { start: number; end: number }[]): Location {
    const from = this.index.position(start);
    const to = this.index.position(end);
    return {
      path: this.path,
      startLine: from.line,
      startColumn: from.column,
      endLine: to.line,
      endColumn: to.column,
      snippet: this.snippet(from.line, to.line, secrets),
    };
  }

  private snippet(
    startLine: number,
    endLine: number,
    secrets: readonly { start: number; end: number }[],
  ): string {
    const last = Math.min(endLine, startLine + SNIPPET_MAX_LINES - 1);
    const lines: string[] = [];
    for (let line = startLine; line <= last; line++) {
      const lineStart = this.index.lineStart(line);
      const text = this.index.lineText(line);
      const local = secrets.map((s) => ({ start: s.start - lineStart, end: s.end - lineStart }));
      lines.push(truncate(maskRanges(text, local)));
    }
    return lines.join('\n');
  }

  private traceStep(
    step: NonNullable<RawFinding['trace']>[number],
    secrets: readonly { start: number; end: number }[],
  ): TraceStep {
    if ('location' in step) return { message: step.message, location: step.location };
    return {
      message: step.message,
      location: this.locate(step.start, Math.max(step.start, step.end), secrets),
    };
  }
}

function truncate(line: string): string {
  return line.length <= SNIPPET_MAX_LINE_LENGTH ? line : `${line.slice(0, SNIPPET_MAX_LINE_LENGTH)}…`;
}

/** Defence in depth: a rule that put the secret in its message still never prints it. */
function maskMessage(
  message: string,
  text: string,
  secrets: readonly { start: number; end: number }[],
): string {
  let out = message;
  for (const s of secrets) {
    const secret = text.slice(s.start, s.end);
    if (secret.length >= 4 && out.includes(secret)) out = out.replaceAll(secret, maskSecret(secret));
  }
  return out;
}
