import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ScannerDefinition } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { SCANNER_REGISTRY } from '../src/registry.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

// Every `rampart scan` imports every registered scanner's definition on the main thread for the rule
// catalog, even with `--scanners secrets` or in the pre-commit hook. Engines (parsers, native modules,
// checks) belong behind a dynamic `import()` inside the scanner's hooks; only rule data may load eagerly.
const ALLOWED_PACKAGES = new Set(['@rampart/core/model']); // and Node's built-in modules
/** Local modules a definition may load statically (its rule data and their small helpers). */
const MODULE_BUDGET = 80;

/** Static (non-type) imports and re-exports of one TypeScript module. */
function staticImports(text: string): string[] {
  const found: string[] = [];
  const statement = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)';?$/gm;
  // Multi-line import lists: join continuation lines first.
  const joined = text.replace(/\{[^}]*\}/g, (list) => list.replace(/\s+/g, ' '));
  for (const match of joined.matchAll(statement)) found.push(match[1]!);
  return found;
}

function graphOf(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) pending.push(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  }
  return { modules, packages };
}

describe('scanner definitions load light', () => {
  it('finds static imports and skips type-only ones', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { b,\n  c } from './b.js';",
      "export { d } from './d.js';",
      "export type { E } from './e.js';",
      "import './side-effect.js';",
      "const later = await import('./lazy.js');",
    ].join('\n');
    expect(staticImports(text)).toEqual(['./b.js', './d.js', './side-effect.js']);
  });

  for (const { id } of SCANNER_REGISTRY) {
    it(`${id}: no parser, driver or check code on the definition's static import graph`, () => {
      const { modules, packages } = graphOf(join(root, 'packages', 'scanners', id, 'src', 'index.ts'));
      expect([...packages].filter((p) => !ALLOWED_PACKAGES.has(p) && !p.startsWith('node:'))).toEqual([]);
      expect(modules.size).toBeLessThanOrEqual(MODULE_BUDGET);
    });

    it(`${id}: its options schema is a valid JSON Schema (not checked at run time)`, async () => {
      const { default: scanner } = (await import(
        /* @vite-ignore */ join(root, 'packages', 'scanners', id, 'src', 'index.ts')
      )) as {
        default: ScannerDefinition;
      };
      const ajv = new Ajv({ strict: false, allowUnionTypes: true });
      if (scanner.optionsSchema)
        expect(ajv.validateSchema(scanner.optionsSchema), ajv.errorsText()).toBe(true);
    });
  }
});
