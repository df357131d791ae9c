import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormatsPlugin from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

// ajv-draft-04 and ajv-formats are CommonJS with an `exports.default`; under NodeNext the default
// import is the whole module, so the class and the plugin are its `default`.
const Ajv04 = AjvDraft04.default;
const addFormats = addFormatsPlugin.default;

function readJson(url: URL): object {
  return JSON.parse(readFileSync(url, 'utf8')) as object;
}

let sarifValidator: ValidateFunction | undefined;
let resultValidator: ValidateFunction | undefined;

/** The official SARIF 2.1.0 schema (draft-04), compiled once. */
export function sarifSchemaValidator(): ValidateFunction {
  if (sarifValidator === undefined) {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    sarifValidator = ajv.compile(readJson(new URL('./schemas/sarif-schema-2.1.0.json', import.meta.url)));
  }
  return sarifValidator;
}

/** Our JSON format's schema (draft-07), compiled in ajv's strict mode so the schema itself is checked. */
export function resultSchemaValidator(): ValidateFunction {
  if (resultValidator === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    resultValidator = ajv.compile(readJson(new URL('../schemas/result-1.schema.json', import.meta.url)));
  }
  return resultValidator;
}

/** Validates a JUnit document against `schemas/junit.xsd`; resolves with the error messages. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const xsd = readFileSync(new URL('../schemas/junit.xsd', import.meta.url), 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: xsd }],
  });
  return result.errors.map((error) => error.rawMessage);
}
