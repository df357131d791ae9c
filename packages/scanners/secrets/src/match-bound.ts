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

/** Both bounds, from one parse. */
export function patternBounds(pattern: RegExp): { match: number; around: number } {
  let ast: AST.Pattern;
  try {
    ast = regexpParser().parsePattern(pattern.source, undefined, undefined, {
      unicode: pattern.flags.includes('u'),
      unicodeSets: pattern.flags.includes('v'),
    });
  } catch {
    return { match: Infinity, around: Infinity };
  }
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
