import { describe, expect, it } from 'vitest';
import { RESULT_SCHEMA_URI, renderJson } from '../src/json.js';
import { emptyResult, sampleResult } from './fixtures/sample-result.js';
import { resultSchemaValidator } from './validators.js';

describe('json reporter', () => {
  it.each([
    ['sample', sampleResult],
    ['empty', emptyResult],
  ])('validates against schemas/result-1.schema.json (%s)', (_name, build) => {
    const validate = resultSchemaValidator();
    const valid = validate(JSON.parse(renderJson(build())));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('writes the top-level keys in the documented order, optional ones only when present', () => {
    const keys = Object.keys(JSON.parse(renderJson(sampleResult())));
    expect(keys).toEqual([
      '$schema',
      'schemaVersion',
      'tool',
      'scanners',
      'rules',
      'findings',
      'suppressed',
      'diagnostics',
      'stats',
      'baseline',
      'diffBase',
      'policy',
    ]);
    expect(Object.keys(JSON.parse(renderJson(emptyResult())))).not.toContain('baseline');
  });

  it('writes the history of a history scan, valid against the schema', () => {
    const validate = resultSchemaValidator();
    const result = { ...emptyResult(), history: { range: 'origin/main..HEAD', commits: 12 } };
    const document = JSON.parse(renderJson(result));
    expect(document.history).toEqual({ range: 'origin/main..HEAD', commits: 12 });
    expect(Object.keys(document).slice(-2)).toEqual(['history', 'policy']);
    expect(validate(document)).toBe(true);
    const everyCommit = JSON.parse(renderJson({ ...emptyResult(), history: { commits: 3 } }));
    expect(everyCommit.history).toEqual({ commits: 3 });
    expect(validate(everyCommit)).toBe(true);
    expect(validate({ ...everyCommit, history: { commits: -1 } })).toBe(false);
  });

  it('writes finding keys in a fixed order whatever order the input had', () => {
    const result = sampleResult();
    const [first] = result.findings;
    result.findings[0] = Object.fromEntries(Object.entries(first!).reverse()) as typeof first & object;
    const finding = JSON.parse(renderJson(result)).findings[0];
    expect(Object.keys(finding)).toEqual([
      'ruleId',
      'scanner',
      'severity',
      'message',
      'location',
      'cwe',
      'fingerprint',
      'details',
    ]);
  });

  it('drops fields the format does not define, so the schema stays closed', () => {
    const result = sampleResult();
    Object.assign(result.findings[0]!, { internal: 'not for output' });
    Object.assign(result.tool, { buildHost: 'ci-42' });
    const validate = resultSchemaValidator();
    const document = JSON.parse(renderJson(result));
    expect(validate(document)).toBe(true);
    expect(document.findings[0].internal).toBeUndefined();
  });

  it('has a schema that rejects unknown fields and bad enums', () => {
    const validate = resultSchemaValidator();
    const document = JSON.parse(renderJson(sampleResult()));
    expect(validate({ ...document, extra: true })).toBe(false);
    document.findings[0].severity = 'severe';
    expect(validate(document)).toBe(false);
  });

  it('ends with a newline and uses a two-space indent', () => {
    const output = renderJson(emptyResult());
    expect(output.endsWith('}\n')).toBe(true);
    expect(output.split('\n')[1]).toBe(`  "$schema": "${RESULT_SCHEMA_URI}",`);
  });
});
