import { check } from 'recheck';

/**
 * True when every quantifier of a pattern has an upper bound (no `*`, `+` or `{n,}` outside character
 * classes). Such a pattern does a bounded amount of work per start position, so it runs in time linear in
 * the input, even when recheck's fuzzer measures a (constant-bounded) polynomial slowdown.
 */
export function onlyBoundedQuantifiers(source: string): boolean {
  let outside = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else outside += c;
  }
  // `(?` starts a group modifier (lookaround, named group), not a quantifier.
  return !/(?<!\()[*+]|\{[0-9]+,\}/.test(outside.replaceAll('(?', '('));
}

/**
 * recheck's verdict, with time limits so a busy machine cannot hang the suite. Passing means: proved safe,
 * or a polynomial slowdown in a pattern whose quantifiers are all bounded (linear overall). Exponential
 * backtracking, or anything unbounded that recheck cannot clear, fails.
 */
export async function redosVerdict(source: string, flags: string): Promise<string> {
  const result = await check(source, flags, { timeout: 20_000 });
  if (result.status === 'safe') return 'safe';
  const bounded = onlyBoundedQuantifiers(source);
  if (result.status === 'vulnerable') {
    if (result.complexity.type === 'polynomial' && bounded) return 'safe';
    return `vulnerable (${result.complexity.type}): ${result.attack.pattern}`;
  }
  return bounded ? 'safe' : `unknown: ${result.error.kind}`;
}
