import { createRequire } from 'node:module';
import type { AST, RegExpParser as Parser } from '@eslint-community/regexpp';

// Loaded on first use: shipped rules have their bounds precomputed (rule-bounds.ts), so most runs
// never parse a pattern.
let parser: Parser | undefined;
function regexpParser(): Parser {
  if (!parser) {
    const { RegExpParser } = createRequire(import.meta.url)('@eslint-community/regexpp') as {
      RegExpParser: new (options: { ecmaVersion: 2025 }) => Parser;
    };
    parser = new RegExpParser({ ecmaVersion: 2025 });
  }
  return parser;
}

/**
 * The longest text `pattern` can match, in UTF-16 code units, or `Infinity` when a quantifier is
 * unbounded (`*`, `+`, `{n,}`) or the bound cannot be worked out. Lookarounds match nothing.
 *
 * The engine uses it to run a rule only on windows of text around its keywords: a match that contains
 * a keyword and is at most this long lies within that distance of the keyword.
 */
export function maxMatchLength(pattern: RegExp): number {
  return patternBounds(pattern).match;
}

/**
 * How far around a match `pattern` may look: the longest lookbehind or lookahead, and at least one
 * character for `^`, `$` and `\b`. Infinity when a lookaround is unbounded.
 */
export function maxLookaround(pattern: RegExp): number {
  return patternBounds(pattern).around;
}

/** The pattern's syntax tree, or undefined when regexpp cannot parse it. */
function parsePattern(pattern: RegExp): AST.Pattern | undefined {
  try {
    return regexpParser().parsePattern(pattern.source, undefined, undefined, {
      unicode: pattern.flags.includes('u'),
      unicodeSets: pattern.flags.includes('v'),
    });
  } catch {
    return undefined;
  }
}

/** Both bounds, from one parse. */
export function patternBounds(pattern: RegExp): { match: number; around: number } {
  const ast = parsePattern(pattern);
  if (!ast) return { match: Infinity, around: Infinity };
  let around = 0;
  // In unicode mode one character of a class or `.` may be a surrogate pair.
  const width = pattern.flags.includes('u') || pattern.flags.includes('v') ? 2 : 1;
  const seen = new Set<AST.Node>();

  const alternatives = (alts: readonly AST.Alternative[]): number =>
    alts.reduce((max, alt) => Math.max(max, sequence(alt.elements)), 0);
  const sequence = (elements: readonly AST.Element[]): number =>
    elements.reduce((sum, element) => sum + node(element), 0);

  function node(n: AST.Element): number {
    switch (n.type) {
      case 'Character':
        return n.value > 0xffff ? 2 : 1;
      case 'CharacterClass':
      case 'CharacterSet':
      case 'ExpressionCharacterClass':
        // `v`-mode classes may hold strings (\q{...}, properties of strings): no simple bound.
        if (n.type === 'CharacterSet' && n.kind === 'property' && n.strings) return Infinity;
        if (n.type === 'ExpressionCharacterClass' || (n.type === 'CharacterClass' && n.unicodeSets))
          return Infinity;
        return width;
      case 'Assertion':
        // A lookaround matches nothing but reads text around the match; so do ^, $ and \b.
        around = Math.max(
          around,
          n.kind === 'lookahead' || n.kind === 'lookbehind' ? Math.max(1, alternatives(n.alternatives)) : 1,
        );
        return 0;
      case 'Group':
      case 'CapturingGroup':
        return alternatives(n.alternatives);
      case 'Quantifier': {
        if (n.max === 0) return 0;
        const inner = node(n.element);
        if (inner === 0) return 0;
        return n.max === Infinity ? Infinity : inner * n.max;
      }
      case 'Backreference': {
        const groups = Array.isArray(n.resolved) ? n.resolved : [n.resolved];
        let max = 0;
        for (const group of groups) {
          // A group that refers to itself (directly or not) matches nothing new the second time.
          if (seen.has(group)) continue;
          seen.add(group);
          max = Math.max(max, alternatives(group.alternatives));
          seen.delete(group);
        }
        return max;
      }
      default:
        return Infinity;
    }
  }

  const match = alternatives(ast.alternatives);
  return { match, around };
}

/** Prefixes of a sequence: `more` when the prefix covers every element so far (later ones may follow). */
interface Prefix {
  text: string;
  more: boolean;
}

/** At most this many prefixes are worked out for one pattern. */
const PREFIX_LIMIT = 256;

/**
 * Where matches of `pattern` start relative to the keywords in them: every match begins with a text
 * (worked out from the pattern's leading characters, small classes, optional parts and alternatives)
 * whose first keyword occurrence is keyword k at offset o, for some k and o in the result (keyword to
 * sorted offsets). Undefined when some match may not begin that way (a keyword only after a repeated
 * part, or none at all).
 *
 * The engine then tries such a rule only at the positions o characters before each occurrence of k that
 * the prefilter reports, instead of scanning windows of text around them. Like the prefilter, keywords
 * are lower-case and matched ASCII case-insensitively; a case-insensitive Unicode pattern (`/iu`, where
 * `ſ` matches `s`) gets no answer.
 */
export function keywordStarts(
  pattern: RegExp,
  keywords: readonly string[],
): Record<string, number[]> | undefined {
  const unicode = pattern.flags.includes('u') || pattern.flags.includes('v');
  if (unicode && pattern.flags.includes('i')) return undefined;
  const ast = parsePattern(pattern);
  if (!ast) return undefined;
  const prefixes = alternativesPrefixes(ast.alternatives);
  if (!prefixes) return undefined;
  const starts = new Map<string, Set<number>>();
  for (const { text } of prefixes) {
    let first = Infinity;
    let keyword = '';
    for (const k of keywords) {
      const at = text.indexOf(k);
      if (at !== -1 && at < first) [first, keyword] = [at, k];
    }
    if (first === Infinity) return undefined;
    if (!starts.has(keyword)) starts.set(keyword, new Set());
    starts.get(keyword)!.add(first);
  }
  return Object.fromEntries(
    [...starts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, offsets]) => [k, [...offsets].sort((a, b) => a - b)]),
  );
}

function alternativesPrefixes(alternatives: readonly AST.Alternative[]): Prefix[] | undefined {
  const out: Prefix[] = [];
  for (const alternative of alternatives) {
    const prefixes = sequencePrefixes(alternative.elements);
    if (!prefixes || out.length + prefixes.length > PREFIX_LIMIT) return undefined;
    out.push(...prefixes);
  }
  return out;
}

function sequencePrefixes(elements: readonly AST.Element[]): Prefix[] | undefined {
  let prefixes: Prefix[] = [{ text: '', more: true }];
  for (const element of elements) {
    if (!prefixes.some((p) => p.more)) break;
    const next = elementPrefixes(element);
    const extended: Prefix[] = [];
    for (const prefix of prefixes) {
      if (!prefix.more) extended.push(prefix);
      // An element that cannot be spelled out ends the prefix here.
      else if (!next) extended.push({ text: prefix.text, more: false });
      else for (const tail of next) extended.push({ text: prefix.text + tail.text, more: tail.more });
    }
    if (extended.length > PREFIX_LIMIT) return undefined;
    prefixes = extended;
  }
  return prefixes;
}

/** The texts one element can match (lower-cased), or undefined when it is not a small finite set. */
function elementPrefixes(element: AST.Element): Prefix[] | undefined {
  switch (element.type) {
    case 'Assertion':
      return [{ text: '', more: true }]; // matches nothing (lookarounds, ^, $, \b)
    case 'Character':
      return [{ text: String.fromCodePoint(element.value).toLowerCase(), more: true }];
    case 'CharacterClass': {
      if (element.negate || element.unicodeSets) return undefined;
      const chars = new Set<string>();
      for (const item of element.elements) {
        if (item.type === 'Character') chars.add(String.fromCodePoint(item.value).toLowerCase());
        else if (item.type === 'CharacterClassRange' && item.max.value - item.min.value < 8) {
          for (let c = item.min.value; c <= item.max.value; c++)
            chars.add(String.fromCodePoint(c).toLowerCase());
        } else return undefined;
      }
      return chars.size > 0 && chars.size <= 8 ? [...chars].map((text) => ({ text, more: true })) : undefined;
    }
    case 'Group':
    case 'CapturingGroup':
      return alternativesPrefixes(element.alternatives);
    case 'Quantifier': {
      if (element.max > 1) return undefined;
      if (element.max === 0) return [{ text: '', more: true }];
      const inner = elementPrefixes(element.element);
      if (!inner) return undefined;
      return element.min === 0 ? [{ text: '', more: true }, ...inner] : inner;
    }
    default:
      return undefined;
  }
}
