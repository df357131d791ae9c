import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../src/config/config-validator.generated.js';
import { AJV_OPTIONS } from '../src/config/yaml-source.js';
import { configJsonSchema } from '../src/config/schema.js';
import { loadConfig } from '../src/index.js';
import { tempTree } from './support/helpers.js';

// rampart.yml is checked by a validator compiled ahead of time from the config schema (compiling it at
// run time cost every scan with a config file ~60 ms); this test keeps the two in step.
const GENERATED = fileURLToPath(new URL('../src/config/config-validator.generated.ts', import.meta.url));

function generate(): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  const code = standalone.default(ajv, ajv.compile(configJsonSchema()));
  return [
    "// Generated from the config schema (configJsonSchema) by test/config-validator.test.ts with ajv's",
    '// standalone code (UPDATE_SNAPSHOT=1 regenerates it). Do not edit.',
    '// @ts-nocheck',
    '/* eslint-disable */',
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    code.replace(/^"use strict";/, ''),
    'export const validateConfig = validate;',
    '',
  ].join('\n');
}

describe('the precompiled config validator', () => {
  it('is the config schema compiled (UPDATE_SNAPSHOT=1 regenerates it)', () => {
    const expected = generate();
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(GENERATED, expected);
    expect(readFileSync(GENERATED, 'utf8')).toBe(expected);
  });

  it('agrees with the schema compiled at run time, errors included', () => {
    const runtime = new Ajv(AJV_OPTIONS).compile(configJsonSchema());
    const samples: unknown[] = [
      { version: 1 },
      { version: 2, 'fail-on': 'sometimes' },
      { 'fail-on': 'high', exclude: ['a/', 3], unknown: true },
      { 'max-findings': { medium: -1, bogus: 2 }, format: 'table' },
      { output: { sarif: 5 }, 'severity-overrides': { 'secrets/x': 'loud' } },
      [],
      'text',
    ];
    for (const sample of samples) {
      const ok = runtime(sample);
      expect(validateConfig(sample), JSON.stringify(sample)).toBe(ok);
      expect(validateConfig.errors ?? null, JSON.stringify(sample)).toEqual(runtime.errors ?? null);
    }
  });

  it('reports a bad config file with its line', () => {
    const t = tempTree({ 'rampart.yml': 'version: 1\nfail-on: sometimes\n' });
    try {
      expect(() => loadConfig({ root: t.root, cwd: t.root, env: {}, flags: {} })).toThrow(/rampart\.yml:2/);
    } finally {
      t.cleanup();
    }
  });
});
