import { afterEach, describe, expect, it } from 'vitest';
import { scan, withRuleDocs, type RuleMeta, type ScannerModule } from '../src/index.js';
import { configFor, tempTree } from './support/helpers.js';

const DOCS_SCANNER: ScannerModule = {
  id: 'docs',
  url: new URL('./support/docs-scanner.js', import.meta.url).href,
};
const TOOL = { name: 'rampart', version: '0.0.0-test' };
const calls = () => (globalThis as { rampartRuleDocsCalls?: number }).rampartRuleDocsCalls ?? 0;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function tree(files: Record<string, string>): string {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.root;
}

describe('rule docs kept apart from the definition (ScannerDefinition.ruleDocs)', () => {
  it('are loaded only when a finding shows one of the rules, and the result carries them', async () => {
    const before = calls();
    const quiet = tree({ 'a.txt': 'nothing to see\n' });
    const none = await scan({ root: quiet, config: configFor(quiet), scanners: [DOCS_SCANNER], tool: TOOL });
    expect(none.findings).toEqual([]);
    expect(none.rules).toEqual([]);
    expect(calls()).toBe(before);

    const loud = tree({ 'a.txt': 'say it LOUD\n' });
    const found = await scan({ root: loud, config: configFor(loud), scanners: [DOCS_SCANNER], tool: TOOL });
    expect(found.findings.map((f) => f.ruleId)).toEqual(['docs/loud']);
    expect(found.rules).toHaveLength(1);
    expect(found.rules[0]).toMatchObject({
      id: 'docs/loud',
      description: 'Loud text (test rule).',
      help: { fix: 'Speak softly.' },
      references: ['https://example.org/loud'],
    });
    expect(calls()).toBe(before + 1);
  });

  it('withRuleDocs asks only the scanners that own one of the rules and keeps rules the docs lack', async () => {
    const asked: string[] = [];
    const rule = (id: string, description = ''): RuleMeta => ({
      id,
      title: id,
      severity: 'low',
      cwe: [],
      description,
      help: { bad: '', good: '', fix: '' },
      references: [],
    });
    const scanners = [
      { id: 'a', ruleDocs: () => (asked.push('a'), Promise.resolve([rule('a/one', 'documented')])) },
      { id: 'b', ruleDocs: () => (asked.push('b'), Promise.resolve([rule('b/two', 'documented')])) },
      { id: 'c' },
    ];
    const out = await withRuleDocs(scanners, [rule('a/one'), rule('a/custom'), rule('c/three')]);
    expect(out.map((r) => [r.id, r.description])).toEqual([
      ['a/one', 'documented'],
      ['a/custom', ''],
      ['c/three', ''],
    ]);
    expect(asked).toEqual(['a']);
  });
});
