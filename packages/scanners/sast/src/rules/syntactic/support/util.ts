/**
 * Shared helpers of the syntactic rules: a per-file index (parents, nodes by type, bindings), same-file
 * constant resolution, object-literal lookups and identifier word splitting. Everything is syntactic and
 * scope-approximate: a name resolves to a constant only when the file declares it exactly once and never
 * reassigns it, so an ambiguous name resolves to nothing (precision first).
 */
import {
  child,
  isFunction,
  isNode,
  list,
  nameOf,
  propertyName,
  staticString,
  unwrap,
  type Node,
} from '../../../frontend/ast.js';
import { qualifiedName } from '../../../frontend/imports.js';

export interface FileIndex {
  /** The parent of a node (undefined for the program). */
  parent(node: Node): Node | undefined;
  /** All nodes of one ESTree type, in source order. */
  ofType(type: string): readonly Node[];
  /** The single initialiser of a `const`-like name declared once in the file and never reassigned. */
  constInit(name: string): Node | undefined;
  /** Identifier nodes with this name inside [start, end), in source order (at most `limit`). */
  identifiers(name: string, start?: number, end?: number, limit?: number): readonly Node[];
  /** Every call whose callee is `name(...)` or `<anything>.name(...)`, in source order. */
  callsNamed(name: string): readonly Node[];
}

const INDEXES = new WeakMap<Node, FileIndex>();

/**
 * Keys never holding child nodes worth visiting. Unlike the front end's `children`, `value` is visited:
 * it holds the value of object properties, class fields and class methods.
 */
const SKIP_KEYS = new Set([
  'type',
  'start',
  'end',
  'range',
  'loc',
  'raw',
  'regex',
  'typeAnnotation',
  'typeParameters',
  'typeArguments',
  'returnType',
  'superTypeArguments',
  'implements',
]);

/** Depth-first, iterative walk over every child node (including `value` of properties and methods). */
export function walkAll(root: Node, enter: (node: Node, parent: Node | undefined) => void): void {
  const stack: [Node, Node | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    enter(node, parent);
    const kids: Node[] = [];
    for (const key in node) {
      if (SKIP_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) kids.push(item);
      } else if (isNode(value)) {
        kids.push(value);
      }
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, node]);
  }
}

/** The index of a program, built once and cached. */
export function indexFile(program: Node): FileIndex {
  const cached = INDEXES.get(program);
  if (cached) return cached;
  const parents = new Map<Node, Node>();
  const byType = new Map<string, Node[]>();
  const declarators = new Map<string, Node[]>();
  const otherBindings = new Set<string>();
  const assigned = new Set<string>();
  const identifiers = new Map<string, Node[]>();
  const callsByName = new Map<string, Node[]>();
  const sorted = new Set<string>();
  const push = (map: Map<string, Node[]>, key: string, node: Node): void => {
    const bucket = map.get(key);
    if (bucket) bucket.push(node);
    else map.set(key, [node]);
  };
  walkAll(program, (node, parent) => {
    if (parent) parents.set(node, parent);
    push(byType, node.type, node);
    switch (node.type) {
      case 'Identifier':
        push(identifiers, node.name as string, node);
        break;
      case 'CallExpression': {
        const name = calleeName(node);
        if (name !== undefined) push(callsByName, name, node);
        break;
      }
      case 'VariableDeclarator': {
        const id = child(node, 'id');
        if (id?.type === 'Identifier') {
          const name = id.name as string;
          const known = declarators.get(name);
          if (known) known.push(node);
          else declarators.set(name, [node]);
        } else if (id) {
          patternNames(id, otherBindings);
        }
        break;
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const id = nameOf(child(node, 'id'));
        if (id && node.type === 'FunctionDeclaration') otherBindings.add(id);
        for (const param of list(node, 'params')) patternNames(param, otherBindings);
        break;
      }
      case 'ClassDeclaration': {
        const id = nameOf(child(node, 'id'));
        if (id) otherBindings.add(id);
        break;
      }
      case 'CatchClause': {
        const param = child(node, 'param');
        if (param) patternNames(param, otherBindings);
        break;
      }
      case 'ImportSpecifier':
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier': {
        const local = nameOf(child(node, 'local'));
        if (local) otherBindings.add(local);
        break;
      }
      case 'AssignmentExpression': {
        const left = child(node, 'left');
        if (left) patternNames(left, assigned);
        break;
      }
      case 'UpdateExpression': {
        const argument = nameOf(child(node, 'argument'));
        if (argument) assigned.add(argument);
        break;
      }
      default:
        break;
    }
  });
  const index: FileIndex = {
    parent: (node) => parents.get(node),
    ofType: (type) => byType.get(type) ?? [],
    identifiers(name, start = 0, end = Number.MAX_SAFE_INTEGER, limit = 256) {
      const all = identifiers.get(name);
      if (!all) return [];
      if (!sorted.has(name)) {
        all.sort((a, b) => a.start - b.start);
        sorted.add(name);
      }
      let low = 0;
      let high = all.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (all[middle]!.start < start) low = middle + 1;
        else high = middle;
      }
      const out: Node[] = [];
      for (let i = low; i < all.length && all[i]!.start < end && out.length < limit; i++) out.push(all[i]!);
      return out;
    },
    callsNamed: (name) => callsByName.get(name) ?? [],
    constInit(name) {
      const found = declarators.get(name);
      if (!found || found.length !== 1 || otherBindings.has(name) || assigned.has(name)) return undefined;
      return child(found[0]!, 'init');
    },
  };
  INDEXES.set(program, index);
  return index;
}

/** Adds the names a binding pattern binds (`a`, `{ a, b: c }`, `[d, ...e]`, `f = 1`). */
function patternNames(pattern: Node, out: Set<string>): void {
  switch (pattern.type) {
    case 'Identifier':
      out.add(pattern.name as string);
      return;
    case 'ObjectPattern':
      for (const property of list(pattern, 'properties')) {
        const value =
          property.type === 'RestElement' ? child(property, 'argument') : child(property, 'value');
        if (value) patternNames(value, out);
      }
      return;
    case 'ArrayPattern':
      for (const element of list(pattern, 'elements')) patternNames(element, out);
      return;
    case 'AssignmentPattern': {
      const left = child(pattern, 'left');
      if (left) patternNames(left, out);
      return;
    }
    case 'RestElement': {
      const argument = child(pattern, 'argument');
      if (argument) patternNames(argument, out);
      return;
    }
    case 'TSParameterProperty': {
      const parameter = child(pattern, 'parameter');
      if (parameter) patternNames(parameter, out);
      return;
    }
    default:
      return;
  }
}

/**
 * Follows identifiers to their single same-file constant initialiser and `obj.key` to the property of a
 * constant object literal, a few steps deep. Returns the unwrapped node reached (the input when nothing
 * resolves).
 */
export function resolve(node: Node, index: FileIndex, depth = 4): Node {
  const inner = unwrap(node);
  if (depth === 0) return inner;
  if (inner.type === 'Identifier') {
    const init = index.constInit(inner.name as string);
    return init ? resolve(init, index, depth - 1) : inner;
  }
  if (inner.type === 'MemberExpression') {
    const object = child(inner, 'object');
    const key = propertyName(inner);
    if (!object || key === undefined) return inner;
    const target = resolve(object, index, depth - 1);
    if (target.type !== 'ObjectExpression') return inner;
    const found = lookup(target, key);
    return found.kind === 'found' ? resolve(found.value, index, depth - 1) : inner;
  }
  return inner;
}

/**
 * The static string a node holds, following same-file constants and, for a parameter, its default
 * value (`function digest(value, algorithm = 'sha1')`: the default is what most callers get).
 */
export function resolvedString(node: Node | undefined, index: FileIndex): string | undefined {
  if (!node) return undefined;
  const value = resolve(node, index);
  if (value.type === 'Identifier') {
    const fallback = parameterDefault(value, index);
    return fallback ? staticString(resolve(fallback, index)) : undefined;
  }
  return staticString(value);
}

/** The default value of the parameter an identifier refers to, else undefined. */
function parameterDefault(identifier: Node, index: FileIndex): Node | undefined {
  const name = identifier.name as string;
  for (let current = index.parent(identifier); current; current = index.parent(current)) {
    if (!isFunction(current)) continue;
    for (const param of list(current, 'params')) {
      if (param.type === 'AssignmentPattern' && nameOf(child(param, 'left')) === name)
        return child(param, 'right');
      if (param.type === 'Identifier' && param.name === name) return undefined;
    }
  }
  return undefined;
}

/** The object literal a node is or resolves to, else undefined. */
export function resolvedObject(node: Node | undefined, index: FileIndex): Node | undefined {
  if (!node) return undefined;
  const target = resolve(node, index);
  return target.type === 'ObjectExpression' ? target : undefined;
}

/** The static key of a Property / PropertyDefinition / MethodDefinition, else undefined. */
export function keyName(property: Node): string | undefined {
  const key = child(property, 'key');
  if (!key) return undefined;
  if (property.computed) return staticString(key);
  if (key.type === 'Literal' && typeof key.value === 'number') return String(key.value);
  return nameOf(key);
}

export type Lookup =
  | { kind: 'found'; property: Node; value: Node }
  | { kind: 'missing' }
  /** A spread (or computed key) after which the property may be set: we cannot tell. */
  | { kind: 'unknown' };

/**
 * The last property of an object literal whose key satisfies `match` (a name, or a predicate for
 * case-insensitive header names). A spread or a dynamic computed key after it makes the answer unknown.
 */
export function lookup(object: Node, match: string | ((key: string) => boolean)): Lookup {
  const matches = typeof match === 'string' ? (key: string) => key === match : match;
  let result: Lookup = { kind: 'missing' };
  for (const property of list(object, 'properties')) {
    if (property.type === 'SpreadElement') {
      result = { kind: 'unknown' };
      continue;
    }
    const key = keyName(property);
    if (key === undefined) {
      if (property.computed) result = { kind: 'unknown' };
      continue;
    }
    if (!matches(key)) continue;
    const value = child(property, 'value');
    if (value) result = { kind: 'found', property, value: unwrap(value) };
  }
  return result;
}

export function isTrue(node: Node | undefined): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  if (inner.type === 'Literal') return inner.value === true;
  return (
    inner.type === 'UnaryExpression' && inner.operator === '!' && isNumberLiteral(child(inner, 'argument'), 0)
  );
}

export function isFalse(node: Node | undefined): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  if (inner.type === 'Literal') return inner.value === false;
  return (
    inner.type === 'UnaryExpression' && inner.operator === '!' && isNumberLiteral(child(inner, 'argument'), 1)
  );
}

function isNumberLiteral(node: Node | undefined, value: number): boolean {
  return node?.type === 'Literal' && node.value === value;
}

/** `undefined`, `null`, `void 0`. */
export function isNullish(node: Node | undefined): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  if (inner.type === 'Literal') return inner.value === null && inner.regex === undefined;
  if (inner.type === 'Identifier') return inner.name === 'undefined';
  return inner.type === 'UnaryExpression' && inner.operator === 'void';
}

/** The method or function name a call invokes (`b` for `a.b()`, `f` for `f()`), else undefined. */
export function calleeName(call: Node): string | undefined {
  const callee = child(call, 'callee');
  if (!callee) return undefined;
  const inner = unwrap(callee);
  if (inner.type === 'MemberExpression') return propertyName(inner);
  return nameOf(inner);
}

/** The receiver of a method call (`a` in `a.b()`), else undefined. */
export function receiverOf(call: Node): Node | undefined {
  const callee = child(call, 'callee');
  if (!callee) return undefined;
  const inner = unwrap(callee);
  return inner.type === 'MemberExpression' ? child(inner, 'object') : undefined;
}

/** The qualified name of a call's callee (`crypto.createHash`), else undefined. */
export function calleeQualified(call: Node, bindings: ReadonlyMap<string, string>): string | undefined {
  const callee = child(call, 'callee');
  return callee ? qualifiedName(callee, bindings) : undefined;
}

export function argumentsOf(call: Node): Node[] {
  return list(call, 'arguments');
}

/**
 * The range to report for a call: from the method name for `a.b(...)` (so a chain split over lines is
 * reported on the line of the method), else from the callee.
 */
export function callRange(call: Node): { start: number; end: number } {
  const callee = child(call, 'callee');
  const inner = callee ? unwrap(callee) : undefined;
  const property = inner?.type === 'MemberExpression' ? child(inner, 'property') : undefined;
  return { start: property?.start ?? call.start, end: call.end };
}

/** The nearest enclosing function of a node, else undefined. */
export function enclosingFunction(node: Node, index: FileIndex): Node | undefined {
  for (let current = index.parent(node); current; current = index.parent(current)) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

/** The name an assignment target gives: `x` for `x = ...`, `y` for `a.y = ...`. */
export function targetName(target: Node | undefined): string | undefined {
  if (!target) return undefined;
  const inner = unwrap(target);
  if (inner.type === 'MemberExpression') return propertyName(inner);
  return nameOf(inner);
}

/**
 * The names of a function: its own id and the name it is bound to (`const f = () => ...`, `{ f() {} }`,
 * `class { f() {} }`, `exports.f = function () {}`).
 */
export function functionNames(fn: Node, index: FileIndex): string[] {
  const names: string[] = [];
  const own = nameOf(child(fn, 'id'));
  if (own) names.push(own);
  let holder = index.parent(fn);
  while (holder && isWrapper(holder)) holder = index.parent(holder);
  if (!holder) return names;
  switch (holder.type) {
    case 'VariableDeclarator': {
      const name = nameOf(child(holder, 'id'));
      if (name) names.push(name);
      break;
    }
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition': {
      const name = keyName(holder);
      if (name) names.push(name);
      break;
    }
    case 'AssignmentExpression': {
      const name = targetName(child(holder, 'left'));
      if (name) names.push(name);
      break;
    }
    default:
      break;
  }
  return names;
}

const WRAPPERS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
]);

export function isWrapper(node: Node): boolean {
  return WRAPPERS.has(node.type);
}

/**
 * Splits an identifier or a short string into lower-case words: `resetToken` → reset, token;
 * `API_KEY` → api, key; `XMLHttpRequest` → xml, http, request; `sha256` → sha, 256. A linear scan, no
 * regular expression.
 */
export function words(name: string): string[] {
  const out: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current) out.push(current.toLowerCase());
    current = '';
  };
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    const kind = charKind(ch);
    if (kind === 'other') {
      flush();
      continue;
    }
    const previous = i > 0 ? charKind(name[i - 1]!) : 'other';
    const next = i + 1 < name.length ? charKind(name[i + 1]!) : 'other';
    if (current) {
      const boundary =
        (kind === 'upper' && previous === 'lower') ||
        (kind === 'upper' && previous === 'upper' && next === 'lower') ||
        (kind === 'digit') !== (previous === 'digit');
      if (boundary) flush();
    }
    current += ch;
  }
  flush();
  return out;
}

function charKind(ch: string): 'upper' | 'lower' | 'digit' | 'other' {
  if (ch >= 'a' && ch <= 'z') return 'lower';
  if (ch >= 'A' && ch <= 'Z') return 'upper';
  if (ch >= '0' && ch <= '9') return 'digit';
  return 'other';
}

/** True when `word` is one of `vocabulary` or its plural (`tokens`). */
export function inVocabulary(word: string, vocabulary: ReadonlySet<string>): boolean {
  return vocabulary.has(word) || (word.endsWith('s') && vocabulary.has(word.slice(0, -1)));
}

/**
 * A string expression as a sequence of static pieces and dynamic holes (`null`): a literal, a template
 * literal, or a `+` concatenation of those. Empty static pieces are dropped.
 */
export function stringParts(node: Node | undefined): (string | null)[] {
  const out: (string | null)[] = [];
  const visit = (current: Node): void => {
    const inner = unwrap(current);
    if (inner.type === 'Literal' && typeof inner.value === 'string') {
      if (inner.value) out.push(inner.value);
    } else if (inner.type === 'TemplateLiteral') {
      const expressions = list(inner, 'expressions');
      list(inner, 'quasis').forEach((quasi, i) => {
        const cooked = (quasi.value as { cooked?: string } | undefined)?.cooked ?? '';
        if (cooked) out.push(cooked);
        const expression = expressions[i];
        if (expression) visit(expression);
      });
    } else if (inner.type === 'BinaryExpression' && inner.operator === '+') {
      const left = child(inner, 'left');
      const right = child(inner, 'right');
      if (left) visit(left);
      if (right) visit(right);
    } else {
      out.push(null);
    }
  };
  if (node) visit(node);
  return out;
}
