import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isValidRuleId, scanText } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import scanner from '../src/index.js';
import { RULES } from '../src/rules/index.js';
import type { SecretRule } from '../src/secret-rule.js';

const RULES_DIR = fileURLToPath(new URL('../src/rules/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const RULES_DOC = readFileSync(fileURLToPath(new URL('../RULES.md', import.meta.url)), 'utf8');

describe('the rule registry', () => {
  it('lists every rule of every provider file in src/rules', async () => {
    const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts') && name !== 'index.ts');
    const fromFiles: SecretRule[] = [];
    for (const file of files) {
      const module = (await import(pathToFileURL(join(RULES_DIR, file)).href)) as Record<
        string,
        readonly SecretRule[]
      >;
      const exported = Object.values(module).filter(Array.isArray);
      expect(exported, `${file} exports one rule array`).toHaveLength(1);
      fromFiles.push(...exported.flat());
    }
    expect(new Set(RULES)).toEqual(new Set(fromFiles));
  });

  it('exposes every rule as metadata with the same ids, in registry order', () => {
    expect(scanner.id).toBe('secrets');
    expect(scanner.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});

describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  it('has a valid id, CWE-798 and complete help', () => {
    expect(isValidRuleId(id) && id.startsWith('secrets/')).toBe(true);
    expect(rule.cwe).toContain('CWE-798');
    expect(rule.description.length).toBeGreaterThan(40);
    expect(rule.help.fix.length).toBeGreaterThan(20);
    expect(rule.references.length).toBeGreaterThan(0);
    for (const url of rule.references) expect(url).toMatch(/^https:\/\//);
  });

  it('has lower-case keywords and a pattern with a `secret` group and no g/y flag', () => {
    expect(rule.keywords.length).toBeGreaterThan(0);
    for (const keyword of rule.keywords) expect(keyword).toBe(keyword.toLowerCase());
    expect(rule.pattern.source).toContain('(?<secret>');
    for (const re of [rule.pattern, ...(rule.allow ?? [])]) expect(re.flags).not.toMatch(/[gy]/);
  });

  it('flags help.bad and nothing in help.good', async () => {
    const bad = await scanText(scanner, 'example', rule.help.bad);
    expect(bad.findings.map((f) => f.ruleId)).toContain(id);
    const good = await scanText(scanner, 'example', rule.help.good);
    expect(good.findings).toEqual([]);
  });

  it('reports nothing when disabled', async () => {
    const others = RULES.filter((r) => r.id !== id).map((r) => r.id);
    const { findings } = await scanText(scanner, 'example', rule.help.bad, { enabledRules: others });
    expect(findings.map((f) => f.ruleId)).not.toContain(id);
  });

  it('has a RULES.md section with its bad and good examples', () => {
    const section = RULES_DOC.split(/^### /m).find((s) => s.startsWith(`${id}\n`));
    expect(section, `RULES.md needs a "### ${id}" section (regenerate it)`).toBeDefined();
    expect(section).toContain(rule.help.good);
  });

  it('has ok. and ng. fixture folders named after it', () => {
    const name = id.slice('secrets/'.length);
    const folders = readdirSync(FIXTURES);
    const named = (prefix: string) =>
      folders.some((f) => f === `${prefix}.${name}` || f.startsWith(`${prefix}.${name}--`));
    expect(named('ng'), `test/fixtures/ng.${name}[--<case>]`).toBe(true);
    expect(named('ok'), `test/fixtures/ok.${name}[--<case>]`).toBe(true);
  });

  it('has an ng fixture that expects it', () => {
    const expecting = readdirSync(FIXTURES)
      .filter((name) => name.startsWith('ng.'))
      .filter((name) =>
        readFileSync(`${FIXTURES}${name}/expected.json`, 'utf8').includes(`"ruleId": "${id}"`),
      );
    expect(expecting.length).toBeGreaterThan(0);
  });
});

it('has no RULES.md section for a rule that does not exist', () => {
  const headings = [...RULES_DOC.matchAll(/^### (secrets\/\S+)$/gm)].map((m) => m[1]);
  expect(headings.sort()).toEqual(RULES.map((r) => r.id).sort());
});
