import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The dashboard's rule docs (dist/assets/rules-<hash>.json, written by scripts/build.mjs from every
// scanner the CLI ships). Some definitions keep their docs apart (ScannerDefinition.ruleDocs): the build
// must ask for them, or the dashboard would explain those rules with empty text.
const assets = fileURLToPath(new URL('../dist/assets/', import.meta.url));

interface RuleDoc {
  id: string;
  title: string;
  description: string;
  help: { bad: string; good: string; fix: string };
}

it('documents every rule of every scanner, the IaC rules included', () => {
  const file = readdirSync(assets).find((f) => /^rules-[0-9a-f]{12}\.json$/.test(f));
  expect(file).toBeDefined();
  const docs = JSON.parse(readFileSync(assets + file!, 'utf8')) as RuleDoc[];
  for (const scanner of ['secrets', 'sca', 'sast', 'iac'])
    expect(docs.some((d) => d.id.startsWith(`${scanner}/`))).toBe(true);
  const undocumented = docs.filter((d) => !d.description || !d.help?.fix).map((d) => d.id);
  expect(undocumented).toEqual([]);
});
