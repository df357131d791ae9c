import { redosVerdict } from '../../../core/test/support/redos.js';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_PATTERNS, SecretEngine } from '../src/engine.js';
import { RULES } from '../src/rules/index.js';

const patterns = [
  ...RULES.flatMap((rule) =>
    [rule.pattern, ...(rule.allow ?? [])].map((re) => [`${rule.id} ${re.source}`, re] as const),
  ),
  ...PLACEHOLDER_PATTERNS.map((re) => [`placeholder ${re.source}`, re] as const),
];

// recheck's default 'auto' checker (automata where it can, fuzzing otherwise), with time limits; see
// redosVerdict for what passes. The adversarial-input test below bounds the real cost as well.
describe('every shipped regular expression is ReDoS-safe', () => {
  it.each(patterns)('%s', { timeout: 60_000 }, async (_name, re) => {
    expect(await redosVerdict(re.source, re.flags)).toBe('safe');
  });
});

describe('adversarial inputs stay fast', () => {
  const engine = new SecretEngine(RULES);
  const size = 200_000;
  const inputs: [string, string][] = RULES.flatMap((rule) =>
    rule.keywords.flatMap((keyword): [string, string][] => [
      [`${keyword} repeated`, keyword.repeat(size / keyword.length)],
      [`${keyword} then letters`, `${keyword}${'a1'.repeat(size / 2)}`],
      [`${keyword} then spaces`, `${keyword}${' \t'.repeat(size / 2)}`],
      [`${keyword} = quote`, `${keyword} = "`.repeat(size / (keyword.length + 4))],
    ]),
  );
  inputs.push(['PEM headers without END', '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(size / 32)]);
  inputs.push(['URL user-info without @', 'postgres://a:b'.repeat(size / 14)]);

  it.each(inputs)('%s', (_name, text) => {
    const started = performance.now();
    engine.scan(text, () => undefined);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
