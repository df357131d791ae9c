import { scryptSync } from 'node:crypto';
import type { Finding, Location, Severity, Suppression } from '../finding.js';
import { baseFingerprint } from '../post/fingerprint.js';
import {
  INLINE_MARKER,
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
  /** False only with `--no-mask`: secrets then appear in full. */
  mask: boolean;
}

interface Span {
  start: number;
  end: number;
}

const SNIPPET_MAX_LINES = 5;
const SNIPPET_MAX_LINE_LENGTH = 240;

/**
 * The per-file part of the chain, run where the text is (worker or main): locate -> inline suppress ->
 * mask -> fingerprint. Secrets are masked here, so they never travel to the main thread. Call `add` for
 * each report, then `finish` once: snippets are cut at the end so that every secret any rule found in
 * the file is masked in every snippet (a key ID's snippet must not show the secret key next to it).
 */
export class FileProcessor {
  private lines: LineIndex | undefined;
  private inline: Map<number, InlineSuppression[]> | undefined;
  private readonly pending: { finding: CandidateFinding; span: Span; traceSpans: (Span | undefined)[] }[] =
    [];
  private readonly secrets: Span[] = [];

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
      this.bug(scanner, `scanner reported unknown rule "${raw.ruleId}"`);
      return;
    }
    if (!this.context.enabledRules.has(entry.rule.id)) return;
    if (!this.validSpan(raw)) {
      this.bug(scanner, `rule ${raw.ruleId} reported an invalid range ${raw.start}-${raw.end}`);
      return;
    }
    if (this.context.mask)
      for (const secret of raw.secrets ?? []) if (this.validSpan(secret)) this.secrets.push(secret);
    const location = this.locate(raw.start, raw.end);
    const finding: CandidateFinding = {
      ruleId: entry.rule.id,
      scanner,
      severity: this.context.severityOverrides[entry.rule.id] ?? raw.severity ?? entry.rule.severity,
      message: raw.message,
      location,
      cwe: [...entry.rule.cwe],
      // The first alias is the id the rule shipped with: renames keep fingerprints (and baselines) valid.
      fingerprint: this.fingerprint(entry.rule.aliases?.[0] ?? entry.rule.id, raw),
    };
    const traceSpans: (Span | undefined)[] = [];
    if (raw.trace && raw.trace.length > 0) {
      finding.trace = raw.trace.map((step) => {
        if ('location' in step) {
          traceSpans.push(undefined);
          return { message: step.message, location: step.location };
        }
        const span = { start: step.start, end: Math.max(step.start, step.end) };
        traceSpans.push(span);
        return { message: step.message, location: this.locate(span.start, span.end) };
      });
    }
    if (raw.fix) finding.fix = raw.fix;
    if (raw.details) finding.details = raw.details;
    const suppression =
      this.inlineSuppression(entry.rule.id, entry.rule.aliases ?? [], location.startLine) ?? raw.suppression;
    if (suppression) finding.suppression = suppression;
    this.pending.push({ finding, span: { start: raw.start, end: raw.end }, traceSpans });
  }

  /**
   * The findings added since the last call, with snippets cut and every secret of the file masked in
   * snippets and messages. Also parses inline markers when nothing was found, so that unknown rule ids
   * in them are still reported.
   */
  finish(): CandidateFinding[] {
    this.inlineMarkers();
    const done = this.pending.map(({ finding, span, traceSpans }) => {
      finding.message = maskMessage(finding.message, this.text, this.secrets);
      if (finding.fix) {
        finding.fix = {
          ...finding.fix,
          description: maskMessage(finding.fix.description, this.text, this.secrets),
          ...(finding.fix.replacements
            ? {
                replacements: finding.fix.replacements.map((r) => ({
                  ...r,
                  text: maskMessage(r.text, this.text, this.secrets),
                })),
              }
            : {}),
        };
      }
      finding.location.snippet = this.snippet(span);
      finding.trace?.forEach((step, i) => {
        step.message = maskMessage(step.message, this.text, this.secrets);
        const traceSpan = traceSpans[i];
        if (traceSpan) step.location.snippet = this.snippet(traceSpan);
      });
      return finding;
    });
    this.pending.length = 0;
    return done;
  }

  /**
   * Content-based fingerprint. The matched text enters with its secrets masked, and each secret as a
   * slow salted hash (scrypt): a fingerprint in a shared SARIF file or a committed baseline must not let
   * anyone test password guesses at speed. A rotated secret still gets a new fingerprint.
   */
  private fingerprint(ruleId: string, raw: RawFinding): string {
    const secrets = (raw.secrets ?? []).filter((s) => this.validSpan(s));
    if (secrets.length === 0)
      return baseFingerprint(ruleId, this.path, this.text.slice(raw.start, raw.end), raw.fingerprintKey);
    const local = secrets.map((s) => ({ start: s.start - raw.start, end: s.end - raw.start }));
    const matched = maskRanges(this.text.slice(raw.start, raw.end), local);
    const hashes = secrets.map((s) => slowSecretHash(this.text.slice(s.start, s.end))).join(',');
    return baseFingerprint(ruleId, this.path, matched, `${raw.fingerprintKey ?? ''}\0${hashes}`);
  }

  private validSpan(span: Span): boolean {
    const { start, end } = span;
    return (
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      start >= 0 &&
      end >= start &&
      end <= this.text.length
    );
  }

  private bug(scanner: string, message: string): void {
    this.diagnostics.push({ level: 'error', code: 'scanner-bug', scanner, path: this.path, message });
  }

  /** A scanner that read the whole text found no inline marker in it: no need to search again. */
  noInlineMarkers(): void {
    this.inline ??= new Map();
  }

  private inlineMarkers(): Map<number, InlineSuppression[]> {
    this.inline ??= this.text.includes(INLINE_MARKER)
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

  private locate(start: number, end: number): Location {
    const from = this.index.position(start);
    const to = this.index.position(end);
    return {
      path: this.path,
      startLine: from.line,
      startColumn: from.column,
      endLine: to.line,
      endColumn: to.column,
    };
  }

  private snippet(span: Span): string {
    const startLine = this.index.position(span.start).line;
    const endLine = this.index.position(span.end).line;
    const last = Math.min(endLine, startLine + SNIPPET_MAX_LINES - 1);
    const lines: string[] = [];
    for (let line = startLine; line <= last; line++) {
      const lineStart = this.index.lineStart(line);
      const local = this.secrets.map((s) => ({ start: s.start - lineStart, end: s.end - lineStart }));
      lines.push(truncate(maskRanges(this.index.lineText(line), local)));
    }
    return lines.join('\n');
  }
}

const slowHashes = new Map<string, string>();

/** scrypt (N=4096): milliseconds per secret for us, the same per guess for an attacker. Cached per thread. */
function slowSecretHash(secret: string): string {
  let hash = slowHashes.get(secret);
  if (hash === undefined) {
    hash = scryptSync(secret, 'rampart-fingerprint-v1', 16, { N: 4096, r: 8, p: 1 }).toString('hex');
    if (slowHashes.size > 10_000) slowHashes.clear();
    slowHashes.set(secret, hash);
  }
  return hash;
}

function truncate(line: string): string {
  return line.length <= SNIPPET_MAX_LINE_LENGTH ? line : `${line.slice(0, SNIPPET_MAX_LINE_LENGTH)}…`;
}

/** Defence in depth: a rule that put a secret in its message still never prints it. */
function maskMessage(message: string, text: string, secrets: readonly Span[]): string {
  let out = message;
  for (const s of secrets) {
    const secret = text.slice(s.start, s.end);
    if (secret.length >= 4 && out.includes(secret)) out = out.replaceAll(secret, maskSecret(secret));
  }
  return out;
}
