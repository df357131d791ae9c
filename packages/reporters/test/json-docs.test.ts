import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultSchemaValidator } from './validators.js';

const doc = readFileSync(new URL('../docs/json-format.md', import.meta.url), 'utf8');
const schema = JSON.parse(readFileSync(new URL('../schemas/result-1.schema.json', import.meta.url), 'utf8'));

/** Every property name the schema defines, at any depth. */
function propertyNames(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const own = 'properties' in node ? Object.keys(node.properties as object) : [];
  return [...own, ...Object.values(node).flatMap(propertyNames)];
}

describe('docs/json-format.md', () => {
  it('describes every field of the schema', () => {
    const undocumented = [...new Set(propertyNames(schema))].filter(
      (name) => ![`\`${name}\``, `.${name}\``, `\`${name}.`].some((form) => doc.includes(form)),
    );
    expect(undocumented).toEqual([]);
  });

  it('has an example that validates against the schema', () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const validate = resultSchemaValidator();
    expect(validate(JSON.parse(example)), JSON.stringify(validate.errors)).toBe(true);
  });
});
