import { maskSecret, type RawFinding, type Report } from '@rampart/core/model';
import { shannonEntropy } from './entropy.js';
import { KeywordPrefilter } from './prefilter.js';
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
  minEntropy: number | undefined;
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
  /** For each keyword index, the indexes (into `rules`) of the rules that list it. */
  private readonly rulesByKeyword: number[][];

  constructor(rules: readonly SecretRule[], options: EngineOptions = {}) {
    this.allowlist = options.allowlist ?? [];
    this.rules = [...rules]
      .sort((a, b) => Number(a.fallback ?? false) - Number(b.fallback ?? false))
      .map((rule) => ({
        rule,
        pattern: undefined,
        minEntropy: options.minEntropy?.[rule.id] ?? rule.minEntropy,
      }));
    const keywords = [...new Set(this.rules.flatMap((c) => c.rule.keywords))];
    const keywordIndex = new Map(keywords.map((k, i) => [k, i]));
    this.rulesByKeyword = keywords.map(() => []);
    this.rules.forEach((c, ruleIndex) => {
      for (const k of new Set(c.rule.keywords)) this.rulesByKeyword[keywordIndex.get(k)!]!.push(ruleIndex);
    });
    this.prefilter = new KeywordPrefilter(keywords);
  }

  scan(text: string, report: Report): void {
    const candidates = new Set<number>();
    for (const k of this.prefilter.find(text)) for (const r of this.rulesByKeyword[k]!) candidates.add(r);
    if (candidates.size === 0) return;
    const findings: RawFinding[] = [];
    const secrets: Range[] = [];
    // Rules run in registry order (specific before the catch-all), whatever order keywords were seen in.
    for (const ruleIndex of [...candidates].sort((a, b) => a - b)) {
      const compiled = this.rules[ruleIndex]!;
      compiled.pattern ??= new RegExp(compiled.rule.pattern.source, `${compiled.rule.pattern.flags}dg`);
      for (const match of text.matchAll(compiled.pattern)) {
        const finding = this.toFinding(compiled, match, secrets);
        if (!finding) continue;
        findings.push(finding);
        secrets.push(...(finding.secrets ?? []));
      }
    }
    // Core masks every secret of the text in every snippet, so each finding reports only its own.
    for (const finding of findings) report(finding);
  }

  private toFinding(
    { rule, minEntropy }: CompiledRule,
    match: RegExpExecArray,
    reported: readonly Range[],
  ): RawFinding | undefined {
    const secret = match.groups?.secret;
    const secretAt = match.indices?.groups?.secret;
    const findingAt = match.indices?.groups?.finding ?? match.indices?.[0];
    if (secret === undefined || !secretAt || !findingAt) return undefined;
    const [start, end] = secretAt;
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
    const [findingStart, findingEnd] = multiLineFinding && !secret.includes('\n') ? [start, end] : findingAt;
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
