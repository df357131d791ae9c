import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { IAC_RULES } from '../src/all-rules.js';

const PATH = fileURLToPath(new URL('../src/rule-catalog.generated.ts', import.meta.url));

function render(): string {
  return [
    "// Generated from the checks' metadata by test/rule-catalog.test.ts (UPDATE_SNAPSHOT=1 regenerates it).",
    '// Do not edit: change the check, then regenerate.',
    "import type { IacRuleMeta } from './check.js';",
    '',
    `export const IAC_RULE_CATALOG: readonly IacRuleMeta[] = ${JSON.stringify(IAC_RULES, null, 2)};`,
    '',
  ].join('\n');
}

const SUMMARIES_PATH = fileURLToPath(new URL('../src/rule-summaries.generated.ts', import.meta.url));
const DOC_FIELDS = new Set(['description', 'help', 'references']);

/** What a scan needs of each rule, without the docs (ScannerDefinition.ruleDocs loads those). */
function renderSummaries(): string {
  const summaries = IAC_RULES.map((rule) =>
    Object.fromEntries(Object.entries(rule).filter(([key]) => !DOC_FIELDS.has(key))),
  );
  return [
    "// Generated from the checks' metadata by test/rule-catalog.test.ts (UPDATE_SNAPSHOT=1 regenerates it).",
    '// Do not edit: change the check, then regenerate.',
    "import type { IacRuleMeta } from './check.js';",
    '',
    "type Summary = Omit<IacRuleMeta, 'description' | 'help' | 'references'>;",
    '',
    // One rule per line: a diff shows which rules changed, and the module stays small.
    `const SUMMARIES: readonly Summary[] = [\n${summaries.map((r) => `  ${JSON.stringify(r)},`).join('\n')}\n];`,
    '',
    '/** The rules without their docs, which rule-catalog.generated.ts holds (loaded when shown). */',
    'export const IAC_RULE_SUMMARIES: readonly IacRuleMeta[] = SUMMARIES.map((rule) => ({',
    '  ...rule,',
    "  description: '',",
    "  help: { bad: '', good: '', fix: '' },",
    '  references: [],',
    '}));',
    '',
  ].join('\n');
}

it("the rule catalog (docs) and summaries (the definition's rules) are the checks' metadata (UPDATE_SNAPSHOT=1 regenerates them)", () => {
  const expected = render();
  const summaries = renderSummaries();
  if (process.env.UPDATE_SNAPSHOT === '1') {
    writeFileSync(PATH, expected);
    writeFileSync(SUMMARIES_PATH, summaries);
  }
  expect(readFileSync(PATH, 'utf8')).toBe(expected);
  expect(readFileSync(SUMMARIES_PATH, 'utf8')).toBe(summaries);
});

it('the definition carries the summaries and loads the documented rules on request', async () => {
  const { default: scanner } = await import('../src/index.js');
  expect(scanner.rules.map((r) => r.id)).toEqual(IAC_RULES.map((r) => r.id));
  expect(scanner.rules.every((r) => r.description === '' && r.references.length === 0)).toBe(true);
  const byId = new Map(IAC_RULES.map((r) => [r.id, r]));
  for (const rule of scanner.rules) {
    const full = byId.get(rule.id)!;
    expect([rule.title, rule.severity, rule.cwe, rule.tags]).toEqual([
      full.title,
      full.severity,
      full.cwe,
      full.tags,
    ]);
  }
  expect(await scanner.ruleDocs!()).toEqual(IAC_RULES);
});
