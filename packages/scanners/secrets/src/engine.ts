import { INLINE_MARKER, maskSecret, type RawFinding, type Report } from '@rampart/core/model';
import { shannonEntropy } from './entropy.js';
import { keywordStarts, patternBounds } from './match-bound.js';
import { SHIPPED_BOUNDS } from './rule-bounds.js';
import { RULES } from './rules/index.js';
import { KeywordPrefilter, type KeywordHits } from './prefilter.js';
import type { SecretRule } from './secret-rule.js';

/**
 * Values that stand in for a secret: stop words, template and environment references, masks,
 * keyboard runs. Tested against the secret only, never the variable name. Every alternative is
 * either 5+ characters or uses characters outside base64, so a random key body of a few kilobytes
 * almost never trips one by chance.
 */
export const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /example|sample|dummy|placeholder|changeme|change_me|redacted|replace_?me|your[_-]|your(?:api|access|secret|token|key|pass)/i,
  /x{5}|\*{3}|\.{3}|0123456|1234567|abcdefg/i,
  /[<>]|\$\{|\{\{|#\{|%[A-Za-z_]{2,40}%|^\$[A-Za-z_(]|process\.env|os\.environ|getenv/,
];

/** Rules whose matches start further than this before a keyword are run on windows instead. */
const MAX_LEAD = 16;

/** A run of this many identical characters (or a secret made of one character) is filler. */
const FILLER_RUN = 8;

export interface EngineOptions {
  /** Rule id to minimum entropy, overriding the rule's own threshold. */
  minEntropy?: Readonly<Record<string, number>>;
  /** A secret matching one of these is never reported. */
  allowlist?: readonly RegExp[];
}

interface CompiledRule {
  rule: SecretRule;
  /** Compiled on first use: most texts never need most rules. */
  pattern: RegExp | undefined;
  /** The longest match of `pattern` (Infinity when unbounded); worked out with `pattern`. */
  reach: number;
  /** How far around a match `pattern` reads (lookarounds, anchors); worked out with `pattern`. */
  margin: number;
  /**
   * When every match starts a known few characters before its first keyword (`keywordStarts`): for each
   * keyword index, those offsets. The rule is then tried only at those positions, with `sticky`. Worked
   * out with `pattern`.
   */
  startOffsets: (readonly number[] | undefined)[] | undefined;
  sticky: RegExp | undefined;
  /** keywordMask[k] === 1 when the rule lists keyword k of the prefilter. */
  keywordMask: Uint8Array;
  minEntropy: number | undefined;
}

/**
 * A stretch of text a rule runs on: matches must start in [start, end) and end by `end`; the regex
 * also sees the rule's margin either side (`contextStart`, `contextEnd`) so that lookarounds and
 * anchors read the same characters as on the whole text.
 */
interface Window {
  contextStart: number;
  start: number;
  end: number;
  contextEnd: number;
}

interface Range {
  start: number;
  end: number;
}

/**
 * Runs secret rules over texts. One pass of the keyword prefilter finds the keywords in a text; only
 * rules with a keyword there run their pattern, compiled on first use and kept.
 */
export class SecretEngine {
  private readonly rules: readonly CompiledRule[];
  private readonly allowlist: readonly RegExp[];
  private readonly prefilter: KeywordPrefilter;
  private readonly keywordIndex: ReadonlyMap<string, number>;
  /** Scratch marks for `scan`, all zero between calls. */
  private readonly seenKeyword: Uint8Array;
  private readonly seenRule: Uint8Array;
  /** For each keyword index, the indexes (into `rules`) of the rules that list it. */
  private readonly rulesByKeyword: number[][];
  /** The prefilter's index of core's inline marker (after every rule keyword). */
  private readonly markerKeyword: number;

  constructor(rules: readonly SecretRule[], options: EngineOptions = {}) {
    this.allowlist = options.allowlist ?? [];
    const sorted = [...rules].sort((a, b) => Number(a.fallback ?? false) - Number(b.fallback ?? false));
    const keywords = [...new Set(sorted.flatMap((rule) => rule.keywords))];
    const keywordIndex = new Map(keywords.map((k, i) => [k, i]));
    this.keywordIndex = keywordIndex;
    this.rules = sorted.map((rule) => {
      const keywordMask = new Uint8Array(keywords.length);
      for (const k of rule.keywords) keywordMask[keywordIndex.get(k)!] = 1;
      return {
        rule,
        pattern: undefined,
        reach: Infinity,
        margin: Infinity,
        startOffsets: undefined,
        sticky: undefined,
        keywordMask,
        minEntropy: options.minEntropy?.[rule.id] ?? rule.minEntropy,
      };
    });
    this.rulesByKeyword = keywords.map(() => []);
    this.rules.forEach((c, ruleIndex) => {
      for (const k of new Set(c.rule.keywords)) this.rulesByKeyword[keywordIndex.get(k)!]!.push(ruleIndex);
    });
    // One more keyword, of no rule: core's inline marker, so that core need not search each text for it
    // again (`scan` answers whether it occurs).
    // (A custom rule may list it as a keyword already.)
    this.markerKeyword = keywordIndex.get(INLINE_MARKER) ?? keywords.length;
    if (this.markerKeyword === keywords.length) this.rulesByKeyword.push([]);
    this.prefilter = new KeywordPrefilter(
      this.markerKeyword === keywords.length ? [...keywords, INLINE_MARKER] : keywords,
    );
    this.seenKeyword = new Uint8Array(keywords.length + 1);
    this.seenRule = new Uint8Array(this.rules.length);
  }

  /**
   * Every keyword occurrence is found in one pass; a rule then runs only on windows of text around
   * occurrences of its own keywords: a match contains one of the rule's keywords and is at most
   * `reach` long, so it lies within `reach` of one. Rules with unbounded patterns, and texts where the
   * windows would cover most of the text, are scanned whole. The result is the same as running every
   * candidate rule over the whole text (a test compares both on every fixture).
   *
   * Returns whether the text may hold core's inline marker (`rampart-ignore:`, found case-insensitively
   * in the same pass): false means it does not.
   */
  scan(text: string, report: Report, options: { path?: string; windows?: boolean } = {}): boolean {
    const hits = this.prefilter.hits(text);
    if (hits.count === 0) return false;
    // The rules of the keywords that occur, each once (marks are cleared before returning).
    const { seenKeyword, seenRule } = this;
    const seenKeywords: number[] = [];
    const candidates: number[] = [];
    for (let i = 0; i < hits.count; i++) {
      const k = hits.keywords[i]!;
      if (seenKeyword[k] === 1) continue;
      seenKeyword[k] = 1;
      seenKeywords.push(k);
      for (const r of this.rulesByKeyword[k]!) {
        if (seenRule[r] === 1) continue;
        seenRule[r] = 1;
        candidates.push(r);
      }
    }
    for (const k of seenKeywords) seenKeyword[k] = 0;
    for (const r of candidates) seenRule[r] = 0;
    const marker = seenKeywords.includes(this.markerKeyword);
    const findings: RawFinding[] = [];
    const secrets: Range[] = [];
    // Rules run in registry order (specific before the catch-all), whatever order keywords were seen in.
    for (const ruleIndex of candidates.sort((a, b) => a - b)) {
      const compiled = this.rules[ruleIndex]!;
      if (options.path !== undefined && compiled.rule.ignorePaths?.test(options.path)) continue;
      if (compiled.pattern === undefined) {
        compiled.pattern = new RegExp(compiled.rule.pattern.source, `${compiled.rule.pattern.flags}dg`);
        const [match, around] =
          (SHIPPED.has(compiled.rule) ? SHIPPED_BOUNDS[compiled.rule.id] : undefined) ??
          boundsOf(compiled.rule.pattern);
        compiled.reach = match;
        compiled.margin = around;
        const starts = SHIPPED.has(compiled.rule)
          ? (SHIPPED_BOUNDS[compiled.rule.id]?.[2] ?? undefined)
          : keywordStarts(compiled.rule.pattern, compiled.rule.keywords);
        if (starts && Object.values(starts).every((offsets) => offsets.every((o) => o <= MAX_LEAD))) {
          compiled.startOffsets = [];
          for (const [keyword, offsets] of Object.entries(starts))
            compiled.startOffsets[this.keywordIndex.get(keyword)!] = offsets;
          compiled.sticky = new RegExp(compiled.rule.pattern.source, `${compiled.rule.pattern.flags}dy`);
        }
      }
      // Custom rules see the whole text: nothing checks that their keywords occur in every match.
      // (`windows: true` forces windows for every rule, `false` turns them off: tests compare both.)
      const windowed = options.windows ?? SHIPPED.has(compiled.rule);
      if (windowed && compiled.sticky) {
        this.scanAtStarts(text, hits, compiled, findings, secrets);
        continue;
      }
      const windows = windowed ? this.windows(text, hits, compiled) : undefined;
      for (const window of windows ?? [wholeText(text)]) {
        const slice =
          window.contextStart === 0 && window.contextEnd === text.length
            ? text
            : text.slice(window.contextStart, window.contextEnd);
        const pattern = compiled.pattern;
        pattern.lastIndex = window.start - window.contextStart;
        const end = window.end - window.contextStart;
        for (let match = pattern.exec(slice); match !== null; match = pattern.exec(slice)) {
          if (match[0].length === 0) pattern.lastIndex++;
          if (match.index >= end) break;
          if (match.index + match[0].length > end) continue;
          const finding = this.toFinding(compiled, match, window.contextStart, secrets);
          if (!finding) continue;
          findings.push(finding);
          secrets.push(...(finding.secrets ?? []));
        }
      }
    }
    // Core masks every secret of the text in every snippet, so each finding reports only its own.
    for (const finding of findings) report(finding);
    return marker;
  }

  /** Reused between texts: where an anchored rule is tried. */
  private starts = new Int32Array(1024);

  /**
   * Runs a rule whose matches start a known few characters before their first keyword: the sticky
   * pattern is tried at each such position, in order, skipping positions inside the previous match, which
   * is what a scan of the whole text finds (every match starts at one of these positions), at the cost of
   * an attempt or two per keyword occurrence instead of a window of text around it.
   */
  private scanAtStarts(
    text: string,
    hits: KeywordHits,
    compiled: CompiledRule,
    findings: RawFinding[],
    secrets: Range[],
  ): void {
    const offsetsOf = compiled.startOffsets!;
    const pattern = compiled.sticky!;
    const lengths = this.prefilter.keywordLengths;
    let count = 0;
    let last = -1;
    let sorted = true;
    for (let i = 0; i < hits.count; i++) {
      const k = hits.keywords[i]!;
      const offsets = offsetsOf[k];
      if (offsets === undefined) continue;
      if (count + offsets.length > this.starts.length) {
        const grown = new Int32Array(this.starts.length * 2 + offsets.length);
        grown.set(this.starts.subarray(0, count));
        this.starts = grown;
      }
      const at = hits.ends[i]! - lengths[k]!;
      // Offsets ascend, so positions descend: write them the other way round.
      for (let o = offsets.length - 1; o >= 0; o--) {
        const p = at - offsets[o]!;
        if (p < 0 || p === last) continue;
        if (p < last) sorted = false;
        this.starts[count++] = last = p;
      }
    }
    const starts = sorted ? this.starts : this.starts.subarray(0, count).sort();
    let next = 0;
    for (let i = 0; i < count; i++) {
      const p = starts[i]!;
      if (p < next) continue;
      pattern.lastIndex = p;
      const match = pattern.exec(text);
      if (match === null) {
        next = p + 1;
        continue;
      }
      next = p + Math.max(1, match[0].length);
      const finding = this.toFinding(compiled, match, 0, secrets);
      if (!finding) continue;
      findings.push(finding);
      secrets.push(...(finding.secrets ?? []));
    }
  }

  /**
   * The merged windows around the occurrences of a rule's keywords, each with `margin` characters of
   * context either side; undefined when the rule must see the whole text (unbounded pattern or
   * lookaround, or windows covering half of the text).
   */
  private windows(text: string, hits: KeywordHits, rule: CompiledRule): Window[] | undefined {
    const { reach, margin, keywordMask } = rule;
    if (reach === Infinity || margin === Infinity || (reach + margin) * 4 >= text.length) return undefined;
    const windows: Window[] = [];
    const lengths = this.prefilter.keywordLengths;
    let covered = 0;
    let current: Window | undefined;
    for (let i = 0; i < hits.count; i++) {
      const k = hits.keywords[i]!;
      if (keywordMask[k] !== 1) continue;
      const hitEnd = hits.ends[i]!;
      const start = Math.max(0, hitEnd - reach);
      const end = Math.min(text.length, hitEnd - lengths[k]! + reach);
      if (current && start <= current.end) {
        if (end > current.end) {
          covered += end - current.end;
          current.end = end;
          current.contextEnd = Math.min(text.length, end + margin);
        }
        continue;
      }
      current = {
        contextStart: Math.max(0, start - margin),
        start,
        end,
        contextEnd: Math.min(text.length, end + margin),
      };
      covered += end - start + 2 * margin;
      if (covered * 2 >= text.length) return undefined;
      windows.push(current);
    }
    return covered * 2 >= text.length ? undefined : windows;
  }

  /** `match` ran on a slice of the text that starts at `offset`. */
  private toFinding(
    { rule, minEntropy }: CompiledRule,
    match: RegExpExecArray,
    offset: number,
    reported: readonly Range[],
  ): RawFinding | undefined {
    const secret = match.groups?.secret;
    const secretAt = match.indices?.groups?.secret;
    const findingAt = match.indices?.groups?.finding ?? match.indices?.[0];
    if (secret === undefined || !secretAt || !findingAt) return undefined;
    const start = secretAt[0] + offset;
    const end = secretAt[1] + offset;
    if (isPlaceholder(secret) || rule.allow?.some((re) => re.test(secret))) return undefined;
    if (rule.validate && !rule.validate(secret)) return undefined;
    if (this.allowlist.some((re) => re.test(secret))) return undefined;
    let entropy: number | undefined;
    if (minEntropy !== undefined) {
      entropy = shannonEntropy(secret);
      if (entropy < minEntropy) return undefined;
    }
    if (rule.fallback && reported.some((r) => r.start < end && start < r.end)) return undefined;
    const checksum = rule.checksum?.(secret);
    const note =
      checksum === undefined
        ? ''
        : checksum
          ? ' (checksum valid)'
          : ' (checksum mismatch: may be a made-up value)';
    // A pattern may need context from earlier lines (`machine` in .netrc, `"auths"` in Docker config);
    // the finding still points at the line of the secret. A multi-line secret (a key body) keeps the
    // rule's own finding range (its header).
    const multiLineFinding = match.input.slice(findingAt[0], findingAt[1]).includes('\n');
    const [findingStart, findingEnd] =
      multiLineFinding && !secret.includes('\n')
        ? [start, end]
        : [findingAt[0] + offset, findingAt[1] + offset];
    return {
      ruleId: rule.id,
      message: `${rule.title} found${note}.`,
      start: findingStart,
      end: findingEnd,
      secrets: [{ start, end }],
      details: {
        kind: 'secret',
        secretType: rule.title,
        masked: maskSecret(secret),
        ...(entropy === undefined ? {} : { entropy: Math.round(entropy * 1000) / 1000 }),
      },
    };
  }
}

/** Is `secret` a stand-in (placeholder, reference, mask, filler) rather than a value? */
export function isPlaceholder(secret: string): boolean {
  return (
    PLACEHOLDER_PATTERNS.some((re) => re.test(secret)) ||
    longestRun(secret) >= Math.min(FILLER_RUN, secret.length)
  );
}

function longestRun(value: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    run = i > 0 && value[i] === value[i - 1] ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** The shipped rule objects: their pattern bounds are in rule-bounds.ts (a test keeps it current). */
const SHIPPED: ReadonlySet<SecretRule> = new Set(RULES);

function boundsOf(pattern: RegExp): readonly [number, number] {
  const { match, around } = patternBounds(pattern);
  return [match, around];
}

function wholeText(text: string): Window {
  return { contextStart: 0, start: 0, end: text.length, contextEnd: text.length };
}
