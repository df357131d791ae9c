import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../src/config/schema.js';
import { BASELINE_SCHEMA } from '../src/post/baseline.js';
import { SUPPRESSIONS_SCHEMA } from '../src/post/suppressions-file.js';

// At run time the validator does not check our schemas against the JSON Schema meta-schema (it costs
// ~50 ms of every start); this test does, once.
describe('the schemas core validates files with', () => {
  const ajv = new Ajv({ strict: false, allowUnionTypes: true });
  const schemas: Record<string, unknown> = {
    config: configJsonSchema(),
    baseline: BASELINE_SCHEMA,
    suppressions: SUPPRESSIONS_SCHEMA,
  };
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name} is a valid JSON Schema`, () => {
      expect(ajv.validateSchema(schema as object), ajv.errorsText()).toBe(true);
    });
  }
  it('an invalid schema is caught', () => {
    expect(ajv.validateSchema({ type: 'no-such-type' })).toBe(false);
  });
});
