/**
 * YAML with source positions for the YAML-based platforms (Kubernetes, docker-compose, GitHub Actions,
 * GitLab CI, CloudFormation). Checks read plain values (`value`) and ask `locate(path)` for the offsets of
 * the node at a path, so findings point at the exact line.
 */
import {
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';

export interface YamlDocument {
  path: string;
  text: string;
  /** Index of the document in a multi-document file (0-based). */
  index: number;
  /** The document as plain data (maps → objects, sequences → arrays). */
  value: unknown;
  /**
   * Offsets of the node at `path` (keys and indexes). When the path does not exist, the range of the deepest
   * existing ancestor; `key: true` gives the key of a map entry instead of its value.
   */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): { start: number; end: number };
  /** Whether the exact path exists in the document. */
  has(path: readonly (string | number)[]): boolean;
}

export class YamlError extends Error {
  constructor(
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}

/** CloudFormation short-form intrinsic functions: `!Ref x` → `{ Ref: x }`, `!Sub …` → `{ 'Fn::Sub': … }`. */
const CFN_FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Condition',
  'ToJsonString',
  'Length',
];

function cfnTags(): (ScalarTag | CollectionTag)[] {
  const tags: (ScalarTag | CollectionTag)[] = [{ tag: '!Ref', resolve: (value: string) => ({ Ref: value }) }];
  for (const name of CFN_FUNCTIONS) {
    const key = name === 'Condition' ? 'Condition' : `Fn::${name}`;
    const wrap = (value: unknown): Record<string, unknown> => ({ [key]: value });
    tags.push({
      tag: `!${name}`,
      resolve: (value: string) => wrap(name === 'GetAtt' ? value.split('.') : value),
    });
    tags.push({
      tag: `!${name}`,
      collection: 'seq',
      resolve: (seq: { toJSON(): unknown }) => wrap(seq.toJSON()),
    } as unknown as CollectionTag);
    tags.push({
      tag: `!${name}`,
      collection: 'map',
      resolve: (map: { toJSON(): unknown }) => wrap(map.toJSON()),
    } as unknown as CollectionTag);
  }
  return tags;
}

let tags: (ScalarTag | CollectionTag)[] | undefined;

function nodeAt(
  root: unknown,
  path: readonly (string | number)[],
): { node: Node | undefined; keyNode: Node | undefined; depth: number } {
  let current: unknown = root;
  let keyNode: Node | undefined;
  let depth = 0;
  for (const key of path) {
    if (isMap(current)) {
      const pair = current.items.find(
        (item) =>
          isPair(item) && (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(key),
      );
      if (!pair || !isPair(pair)) break;
      keyNode = pair.key as Node;
      current = pair.value ?? pair.key;
    } else if (isSeq(current) && typeof key === 'number') {
      const item = current.items[key];
      if (item === undefined) break;
      keyNode = undefined;
      current = item;
    } else break;
    depth++;
  }
  return { node: current as Node | undefined, keyNode, depth };
}

/**
 * The offset of the first map key that is a collection. Valid YAML, but no manifest or pipeline has one:
 * it is what an unquoted template placeholder (`name: {{ .Values.name }}`) parses as.
 */
function collectionKeyAt(document: Document.Parsed): number | undefined {
  let at: number | undefined;
  visit(document, {
    Pair(_, pair) {
      if (isCollection(pair.key)) {
        at = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return at;
}

function rangeOf(
  node: Node | undefined,
  fallback: { start: number; end: number },
): { start: number; end: number } {
  const range = node?.range;
  if (!range) return fallback;
  // Collections: [start, end of value, end including trailing comments]; use the value end without the newline.
  return { start: range[0], end: Math.max(range[0], isCollection(node) ? range[1] : range[1]) };
}

/**
 * Parses every YAML document of a file. Throws YamlError (with the offset of the first error) when the
 * file is not valid YAML.
 */
export function loadYaml(
  path: string,
  text: string,
  options: { cloudFormation?: boolean } = {},
): YamlDocument[] {
  const documents = parseAllDocuments(text, {
    prettyErrors: false,
    // Problems become errors or findings here; the library must not print process warnings.
    logLevel: 'error',
    uniqueKeys: false,
    strict: false,
    ...(options.cloudFormation ? { customTags: (tags ??= cfnTags()) } : {}),
  });
  const list = Array.isArray(documents) ? documents : [documents];
  const out: YamlDocument[] = [];
  list.forEach((document: Document.Parsed, index) => {
    const error = document.errors[0];
    if (error) throw new YamlError(error.message.split('\n')[0] ?? error.message, error.pos[0]);
    const template = text.includes('{{') ? collectionKeyAt(document) : undefined;
    if (template !== undefined)
      throw new YamlError(
        'a map key is itself a map or list: an unrendered `{{ }}` template placeholder',
        template,
      );
    const contents = document.contents;
    if (contents === null) return;
    const whole = { start: contents.range?.[0] ?? 0, end: contents.range?.[1] ?? text.length };
    out.push({
      path,
      text,
      index,
      value: document.toJS({ maxAliasCount: 1000 }) as unknown,
      locate(at, locateOptions) {
        const found = nodeAt(contents, at);
        if (locateOptions?.key && found.depth === at.length && found.keyNode)
          return rangeOf(found.keyNode, whole);
        return rangeOf(found.node, whole);
      },
      has(at) {
        return nodeAt(contents, at).depth === at.length;
      },
    });
  });
  return out;
}

/** A plain-object view: `asRecord(x)` is x when it is a non-array object, else undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
