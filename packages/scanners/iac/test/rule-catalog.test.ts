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

it("the scanner definition's rule catalog is the checks' metadata (UPDATE_SNAPSHOT=1 regenerates it)", () => {
  const expected = render();
  if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(PATH, expected);
  expect(readFileSync(PATH, 'utf8')).toBe(expected);
});
