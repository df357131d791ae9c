import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchemaText, configurationDoc } from '../src/tools/generate-docs.js';

const repo = new URL('../../../', import.meta.url);

describe('generated docs', () => {
  it('docs/configuration.md and the published schema match the options table (run `npm run docs:generate`)', () => {
    expect(readFileSync(new URL('docs/configuration.md', repo), 'utf8')).toBe(configurationDoc());
    expect(readFileSync(new URL('schemas/rampart-config.schema.json', repo), 'utf8')).toBe(
      configSchemaText(),
    );
  });
});
