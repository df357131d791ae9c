import { Ajv, type ErrorObject } from 'ajv';
import { ExtractError } from '../model.js';

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

/**
 * Check parsed lockfile data against a JSON Schema (each extractor's `schema.ts`), so that a
 * hand-edited or truncated file fails with a message naming the field instead of a TypeError later.
 * Schemas describe only what the extractor reads; unknown fields are allowed.
 */
export function validateShape<T>(schema: object, data: unknown, what: string): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(data)) throw new ExtractError(`${what}: ${describe(validate.errors?.[0])}`);
  return data as T;
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'unexpected structure';
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : 'the value';
  return `${where} ${error.message ?? 'is invalid'}`;
}
