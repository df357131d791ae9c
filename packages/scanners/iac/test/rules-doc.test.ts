import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { IAC_RULES } from '../src/all-rules.js';
import { renderRulesDoc } from '../src/rules-doc.js';

const PATH = fileURLToPath(new URL('../RULES.md', import.meta.url));

it('RULES.md is generated from the checks (UPDATE_SNAPSHOT=1 regenerates it)', () => {
  const expected = renderRulesDoc(IAC_RULES);
  if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(PATH, expected);
  expect(readFileSync(PATH, 'utf8')).toBe(expected);
});
