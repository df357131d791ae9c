import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { IngestError } from '../errors.js';

// ajv-formats is CommonJS with an `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsPlugin.default;

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function validator(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    ajv ??= addFormats(new Ajv({ allErrors: true, strict: false }));
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** At most this many schema problems are reported. */
const MAX_PROBLEMS = 5;

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : error.keyword === 'enum'
        ? ` (${(error.params as { allowedValues?: unknown[] }).allowedValues?.map(String).join(', ')})`
        : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}

/** Check `data` against a JSON Schema; throw an `IngestError` naming what and where when it does not match. */
export function validateAgainst<T>(schema: object, data: unknown, what: string): T {
  const validate = validator(schema);
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    // oneOf/anyOf produce one error per branch; the deepest path is the most useful to a person.
    const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const error of sorted) {
      const text = describe(error);
      if (seen.has(text)) continue;
      seen.add(text);
      problems.push(text);
      if (problems.length === MAX_PROBLEMS) break;
    }
    const more =
      errors.length > problems.length
        ? ` (${errors.length} problems, the first ${problems.length} shown)`
        : '';
    throw new IngestError(`${what} does not match its schema${more}`, problems);
  }
  return data as T;
}

/** Parse JSON text (a byte-order mark allowed); a syntax error becomes an `IngestError`. */
export function parseJsonText(text: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new IngestError(`${what} is empty`);
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new IngestError(
      `${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
