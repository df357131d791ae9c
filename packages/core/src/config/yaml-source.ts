import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';
import { ConfigError, type ConfigIssue } from '../errors.js';

// The YAML parser and the schema validator are loaded on first use (synchronously, through their
// CommonJS builds): a scan with no config, suppressions or baseline file never pays for them, which
// keeps the pre-commit hook fast.
let yamlModule: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlModule;
}

/**
 * Load the YAML parser ahead of a parse, when a file to parse exists. In the bundled CLI this imports
 * the bundle's own copy, one chunk compiled at once, where the synchronous fallback above requires the
 * package's ~70 CommonJS files one by one (~50 ms of a pre-commit hook with a config file).
 */
export async function preloadYaml(): Promise<void> {
  if (yamlModule) return;
  const loaded = (await import('yaml')) as typeof Yaml & { default?: typeof Yaml };
  yamlModule ??= typeof loaded.parseDocument === 'function' ? loaded : loaded.default;
}
let ajvInstance: AjvClass | undefined;
function ajv(): AjvClass {
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
  // Our schemas are checked against the JSON Schema meta-schema by tests, not on every run: compiling the
  // meta-schema costs ~50 ms, a sixth of the pre-commit hook's budget.
  ajvInstance ??= new Ajv(AJV_OPTIONS);
  return ajvInstance;
}

/** How schemas are compiled (also for the precompiled config validator, config-validator.generated.ts). */
export const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  allowUnionTypes: true,
  validateSchema: false,
} as const;

export type PathSegment = string | number;

/** A parsed YAML (or JSON) document that can tell the line of any value or key in it. */
export interface PositionedDocument {
  source: string;
  value: unknown;
  /** 1-based line and column of the value at `path` (or of its key when `key` is true). */
  locate(path: readonly PathSegment[], key?: boolean): { line: number; column: number } | undefined;
}

/**
 * Parse YAML (JSON is YAML) keeping positions. Syntax errors are all collected into one ConfigError
 * naming the file and line. Duplicate keys are errors: in a security config the second silently
 * winning would hide intent.
 */
export function parsePositioned(text: string, source: string): PositionedDocument {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const issues: ConfigIssue[] = doc.errors.map((error) => {
    const pos = error.linePos?.[0];
    return { source, line: pos?.line, column: pos?.col, message: firstLine(error.message) };
  });
  if (issues.length > 0) throw new ConfigError(issues, `cannot parse ${source}`);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  return {
    source,
    value,
    locate(path, key = false) {
      const found = findNode(doc.contents, path);
      const node = key && found?.key ? found.key : found?.value;
      const offset = node?.range?.[0];
      if (offset === undefined) return undefined;
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function findNode(
  root: unknown,
  path: readonly PathSegment[],
): { key?: Node | undefined; value?: Node | undefined } | undefined {
  let current: { key?: Node | undefined; value?: Node | undefined } = { value: root as Node | undefined };
  for (const segment of path) {
    const node = current.value;
    const { isMap, isScalar, isSeq } = yaml();
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return current;
      current = { key: pair.key as Node, value: (pair.value ?? pair.key) as Node };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return current;
      current = { value: item as Node };
    } else {
      return current;
    }
  }
  return current;
}

/** `/a/b~1c/0` -> ['a', 'b/c', 0] */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
}

export function pathToKey(path: readonly PathSegment[]): string {
  return path
    .map((s) => (typeof s === 'number' ? `[${s}]` : s))
    .join('.')
    .replaceAll('.[', '[');
}

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Validate `value` against a JSON Schema and turn every error into a ConfigIssue with a line.
 * `explain(path)` may give a better wording than ajv's for a path (e.g. "expected one of ...").
 */
export function schemaIssues(
  schema: Record<string, unknown>,
  doc: PositionedDocument,
  value: unknown = doc.value,
  basePath: readonly PathSegment[] = [],
  explain?: (path: readonly PathSegment[]) => string | undefined,
  precompiled?: ValidateFunction,
): ConfigIssue[] {
  let validate = precompiled ?? compiled.get(schema);
  if (!validate) {
    const id = typeof schema.$id === 'string' ? schema.$id : undefined;
    validate = (id === undefined ? undefined : ajv().getSchema(id)) ?? ajv().compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  const byPath = new Map<string, { path: PathSegment[]; errors: ErrorObject[]; key: boolean }>();
  for (const error of validate.errors ?? []) {
    let path = [...basePath, ...pointerToPath(error.instancePath)];
    let key = false;
    if (error.keyword === 'additionalProperties') {
      path = [...path, String((error.params as { additionalProperty: string }).additionalProperty)];
      key = true;
    } else if (error.keyword === 'propertyNames') {
      path = [...path, String((error.params as { propertyName: string }).propertyName)];
      key = true;
    }
    const id = JSON.stringify(path);
    const entry = byPath.get(id) ?? { path, errors: [], key };
    entry.errors.push(error);
    byPath.set(id, entry);
  }
  const issues: ConfigIssue[] = [];
  for (const { path, errors, key } of byPath.values()) {
    const pos = doc.locate(path, key);
    issues.push({
      source: doc.source,
      line: pos?.line,
      column: pos?.column,
      key: path.length > 0 ? pathToKey(path) : undefined,
      message: key ? describeKeyError(errors) : (explain?.(path) ?? describeErrors(errors)),
    });
  }
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function describeKeyError(errors: ErrorObject[]): string {
  const e = errors[0];
  if (e?.keyword === 'additionalProperties') return 'unknown key';
  return 'key not allowed here';
}

function describeErrors(errors: ErrorObject[]): string {
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const chosen = specific[0] ?? errors[0];
  if (!chosen) return 'invalid value';
  if (chosen.keyword === 'enum') {
    return `expected one of ${(chosen.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
  }
  if (chosen.keyword === 'required') {
    return `missing required key "${(chosen.params as { missingProperty: string }).missingProperty}"`;
  }
  return chosen.message ?? 'invalid value';
}
