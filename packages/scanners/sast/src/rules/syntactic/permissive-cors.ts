import {
  child,
  isFunction,
  list,
  nameOf,
  propertyName,
  staticString,
  unwrap,
  type Node,
} from '../../frontend/ast.js';
import type { RuleContext, SyntacticRule } from '../rule.js';
import { readsOf } from './support/context.js';
import {
  argumentsOf,
  calleeName,
  callRange,
  enclosingFunction,
  indexFile,
  isTrue,
  isWrapper,
  keyName,
  lookup,
  receiverOf,
  resolve,
  resolvedString,
  type FileIndex,
} from './support/util.js';

const ALLOW_ORIGIN = 'access-control-allow-origin';
const ALLOW_CREDENTIALS = 'access-control-allow-credentials';
/** Methods that set a response header from (name, value): Express, Koa, Fastify, Node, Fetch `Headers`. */
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);
/** Methods that read a request header by name: `req.get('origin')`, `request.headers.get('origin')`. */
const HEADER_GETTERS = new Set(['get', 'header', 'getHeader']);
/** Console-like receivers whose arguments do not count as validating the origin. */
const LOGGERS = new Set(['console', 'logger', 'log']);
const COMPARISONS = new Set(['===', '!==', '==', '!=', 'in', 'instanceof']);

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/permissive-cors',
    family: 'permissive-cors',
    title: 'CORS allows any origin with credentials, or reflects the request origin',
    severity: 'medium',
    cwe: ['CWE-942', 'CWE-346'],
    description:
      'A CORS policy that echoes the request Origin (or accepts every origin) while allowing credentials lets ' +
      "any web site read authenticated responses with the visitor's cookies: profile data, CSRF tokens, API " +
      'keys. An origin regular expression without `^...$` anchors or with an unescaped dot admits look-alike ' +
      'domains such as `example.com.attacker.net` or `wwwxexample.com`.',
    help: {
      bad: "import express from 'express';\nimport cors from 'cors';\n\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));\n",
      good: "import express from 'express';\nimport cors from 'cors';\n\nconst app = express();\napp.use(cors({ origin: ['https://app.example.com', /^https:\\/\\/[a-z0-9-]+\\.example\\.com$/], credentials: true }));\n",
      fix: 'List the trusted origins explicitly (exact strings, or regular expressions anchored with ^ and $ and dots escaped) and only then set `credentials: true`.',
    },
    references: [
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS',
      'https://portswigger.net/web-security/cors',
      'https://github.com/expressjs/cors#configuration-options',
      'https://cwe.mitre.org/data/definitions/942.html',
    ],
    tags: ['cors', 'owasp:A05:2021'],
    precision: 'high',
  },
  check(file, context) {
    const index = indexFile(file.program);
    checkOptionObjects(index, context);
    checkHeaderCalls(index, context);
  },
};

/** `cors({ origin, credentials })`, `app.enableCors(...)`, `register(fastifyCors, ...)`, hapi `cors: {...}`. */
function checkOptionObjects(index: FileIndex, context: RuleContext): void {
  for (const object of index.ofType('ObjectExpression')) {
    const origin = lookup(object, 'origin');
    if (origin.kind !== 'found') continue;
    const credentials = lookup(object, 'credentials');
    const withCredentials = credentials.kind === 'found' && isTrue(credentials.value);
    const value = resolve(origin.value, index);
    const at = origin.property;
    const regexProblem = weakRegexIn(value);
    if (regexProblem) {
      context.report({ start: at.start, end: at.end, message: `CORS origin pattern ${regexProblem}` });
      continue;
    }
    if (!withCredentials) continue;
    const why = permissiveOrigin(value, index);
    if (why)
      context.report({ start: at.start, end: at.end, message: `CORS ${why} while allowing credentials` });
  }
}

function permissiveOrigin(value: Node, index: FileIndex): string | undefined {
  if (isTrue(value)) return 'reflects every request origin (origin: true)';
  if (staticString(value) === '*') return "allows every origin ('*')";
  if (
    value.type === 'ArrayExpression' &&
    list(value, 'elements').some((element) => staticString(element) === '*')
  )
    return "allows every origin (['*'])";
  if (isFunction(value) && alwaysAllows(value)) return 'origin callback accepts every origin';
  if (isFunction(value) && returnsRequestOrigin(value, index))
    return 'origin function returns the request Origin header';
  if (isRequestOrigin(value, index)) return 'reflects the request Origin header';
  return undefined;
}

/** `(origin, cb) => cb(null, true)` / `cb(null, origin)` as the whole body: no check at all. */
function alwaysAllows(fn: Node): boolean {
  const params = list(fn, 'params');
  const originParam = nameOf(params[0]);
  const callback = nameOf(params[1]);
  if (!callback) return false;
  let body = child(fn, 'body');
  if (body?.type === 'BlockStatement') {
    const statements = list(body, 'body');
    if (statements.length !== 1) return false;
    const only = statements[0]!;
    body =
      only.type === 'ExpressionStatement' || only.type === 'ReturnStatement'
        ? child(only, only.type === 'ReturnStatement' ? 'argument' : 'expression')
        : undefined;
  }
  if (!body) return false;
  const call = unwrap(body);
  if (call.type !== 'CallExpression' || nameOf(child(call, 'callee')) !== callback) return false;
  const [error, allowed] = argumentsOf(call);
  const errorIsNull = error !== undefined && unwrap(error).type === 'Literal' && unwrap(error).value === null;
  if (!errorIsNull || !allowed) return false;
  return isTrue(allowed) || (originParam !== undefined && nameOf(unwrap(allowed)) === originParam);
}

/** `(ctx) => ctx.get('Origin')` / `origin(ctx) { return ctx.request.header.origin; }` (@koa/cors). */
function returnsRequestOrigin(fn: Node, index: FileIndex): boolean {
  const body = child(fn, 'body');
  if (!body) return false;
  if (body.type !== 'BlockStatement') return isRequestOrigin(body, index);
  const statements = list(body, 'body');
  const last = statements[statements.length - 1];
  const returned = last?.type === 'ReturnStatement' ? child(last, 'argument') : undefined;
  return statements.length === 1 && returned !== undefined && isRequestOrigin(returned, index);
}

/** The first weak regular expression of an origin value (a regex or an array holding some). */
function weakRegexIn(value: Node): string | undefined {
  const candidates = value.type === 'ArrayExpression' ? list(value, 'elements') : [value];
  for (const candidate of candidates) {
    const regex = unwrap(candidate).regex as { pattern?: string } | undefined;
    if (typeof regex?.pattern !== 'string') continue;
    const problem = weakOriginPattern(regex.pattern);
    if (problem) return `/${regex.pattern}/ ${problem}`;
  }
  return undefined;
}

/**
 * Why an origin regular expression admits attacker domains, else undefined. Each top-level alternative
 * must end with `$`, start with `^` (or with a boundary such as `\.`, `\/\/`, `https?:` that an attacker
 * domain cannot precede), and contain no unescaped `.` other than a deliberate `.*` / `.+` wildcard.
 */
export function weakOriginPattern(source: string): string | undefined {
  for (const alternative of splitAlternatives(source)) {
    let end = alternative.length;
    while (end > 0 && alternative[end - 1] === ')' && alternative[end - 2] !== '\\') end--;
    if (alternative[end - 1] !== '$' || alternative[end - 2] === '\\')
      return 'is not anchored with $: https://example.com.attacker.net matches';
    if (startsUnanchored(alternative)) return 'is not anchored with ^: https://attackerexample.com matches';
    if (hasLooseDot(alternative)) return 'has an unescaped dot that matches any character';
  }
  return undefined;
}

function splitAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    } else if (ch === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

const SCHEME_STARTS = ['https?:', 'https:', 'http:', 'wss?:', 'wss:', 'ws:'];
const BOUNDARY_STARTS = ['\\.', '\\/', ':'];

/** True when the alternative can match in the middle of a host name (no `^` and no boundary first). */
function startsUnanchored(alternative: string): boolean {
  let i = 0;
  while (i < alternative.length) {
    const rest = alternative.slice(i);
    if (rest.startsWith('^')) return false;
    if (rest.startsWith('(')) return false; // a group: too many shapes to judge, stay silent
    if (SCHEME_STARTS.some((start) => rest.startsWith(start))) return false;
    if (BOUNDARY_STARTS.some((start) => rest.startsWith(start))) return false;
    const atom = wildcardAtomLength(rest);
    if (atom === 0) return true;
    i += atom;
  }
  return false;
}

/** Length of a leading wildcard atom with its quantifier (`.*`, `[a-z0-9-]+`, `\w+`), 0 when none. */
function wildcardAtomLength(text: string): number {
  let length: number;
  if (text.startsWith('.')) length = 1;
  else if (text.startsWith('\\w') || text.startsWith('\\S') || text.startsWith('\\d')) length = 2;
  else if (text.startsWith('[')) {
    const close = findClassEnd(text);
    if (close < 0) return 0;
    length = close + 1;
  } else return 0;
  while (length < text.length && '*+?'.includes(text[length]!)) length++;
  if (text[length] === '{') {
    const close = text.indexOf('}', length);
    if (close > 0) length = close + 1;
  }
  return length;
}

function findClassEnd(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ']') return i;
  }
  return -1;
}

/** An unescaped `.` outside a class that is not a `.*` / `.+` / `.{n}` wildcard. */
function hasLooseDot(alternative: string): boolean {
  let inClass = false;
  for (let i = 0; i < alternative.length; i++) {
    const ch = alternative[i];
    if (ch === '\\') {
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '.') {
      const next = alternative[i + 1];
      if (next !== '*' && next !== '+' && next !== '{') return true;
    }
  }
  return false;
}

/** Manual headers: `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)` and friends. */
function checkHeaderCalls(index: FileIndex, context: RuleContext): void {
  const settings: { at: Node; range: { start: number; end: number }; value: Node }[] = [];
  for (const call of index.ofType('CallExpression')) {
    const method = calleeName(call);
    if (!method || !HEADER_SETTERS.has(method)) continue;
    const [name, value] = argumentsOf(call);
    if (!name || !value) continue;
    if (resolvedString(name, index)?.toLowerCase() !== ALLOW_ORIGIN) continue;
    settings.push({ at: call, range: callRange(call), value });
  }
  for (const property of index.ofType('Property')) {
    if (keyName(property)?.toLowerCase() !== ALLOW_ORIGIN) continue;
    const value = child(property, 'value');
    if (value) settings.push({ at: property, range: { start: property.start, end: property.end }, value });
  }
  if (settings.length === 0) return;
  // Computed once per file: every Origin header read and every `Allow-Credentials: true`.
  const originReads = ['MemberExpression', 'CallExpression'].flatMap((type) =>
    index.ofType(type).filter((node) => isRequestOrigin(node, index)),
  );
  const credentials = credentialSettings(index);
  for (const { at, range, value } of settings) {
    const scope = enclosingFunction(at, index);
    const inScope = (node: Node) => !scope || (node.start >= scope.start && node.end <= scope.end);
    const kind = headerOrigin(value, index);
    if (kind === 'reflect') {
      if (isGuarded(value, at, scope, originReads.filter(inScope), index)) continue;
      context.report({
        ...range,
        message:
          'Access-Control-Allow-Origin reflects the request Origin header without checking it against an allowlist',
      });
    } else if (kind === 'wildcard') {
      const together = credentials.find(
        (setting) => !scope || (setting.start >= scope.start && setting.end <= scope.end),
      );
      if (together) {
        context.report({
          start: together.start,
          end: together.end,
          message: "Access-Control-Allow-Credentials: true together with Access-Control-Allow-Origin '*'",
        });
      }
    }
  }
}

function headerOrigin(value: Node, index: FileIndex, depth = 3): 'reflect' | 'wildcard' | undefined {
  const inner = unwrap(value);
  if (depth === 0) return undefined;
  if (inner.type === 'LogicalExpression' && (inner.operator === '||' || inner.operator === '??')) {
    const left = child(inner, 'left');
    return left ? headerOrigin(left, index, depth - 1) : undefined;
  }
  if (staticString(inner) === '*') return 'wildcard';
  if (isRequestOrigin(inner, index)) return 'reflect';
  if (inner.type === 'Identifier') {
    const resolved = resolve(inner, index);
    if (resolved !== inner) return headerOrigin(resolved, index, depth - 1);
  }
  return undefined;
}

/**
 * The request's Origin header: `req.headers.origin`, `req.headers['origin']`, `req.get('Origin')`,
 * `ctx.get('origin')`, `request.headers.get('origin')`, or a name destructured from `*.headers`.
 */
function isRequestOrigin(node: Node, index: FileIndex): boolean {
  const inner = unwrap(node);
  if (inner.type === 'MemberExpression') {
    if (propertyName(inner)?.toLowerCase() !== 'origin') return false;
    const object = child(inner, 'object');
    return object !== undefined && isHeaders(object);
  }
  if (inner.type === 'CallExpression') {
    const method = calleeName(inner);
    const [name] = argumentsOf(inner);
    if (!method || !HEADER_GETTERS.has(method) || staticString(name)?.toLowerCase() !== 'origin')
      return false;
    return receiverOf(inner) !== undefined;
  }
  if (inner.type === 'Identifier') return isDestructuredOrigin(inner.name as string, index);
  return false;
}

function isHeaders(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'MemberExpression')
    return propertyName(inner) === 'headers' || propertyName(inner) === 'header';
  return inner.type === 'Identifier' && inner.name === 'headers';
}

/** `const { origin } = req.headers` / `const { origin: o } = request.headers`. */
function isDestructuredOrigin(name: string, index: FileIndex): boolean {
  let names = DESTRUCTURED_ORIGINS.get(index);
  if (!names) {
    names = new Set<string>();
    for (const declarator of index.ofType('VariableDeclarator')) {
      const id = child(declarator, 'id');
      const init = child(declarator, 'init');
      if (id?.type !== 'ObjectPattern' || !init || !isHeaders(init)) continue;
      for (const property of list(id, 'properties')) {
        const local = nameOf(child(property, 'value'));
        if (keyName(property)?.toLowerCase() === 'origin' && local) names.add(local);
      }
    }
    DESTRUCTURED_ORIGINS.set(index, names);
  }
  return names.has(name);
}

const DESTRUCTURED_ORIGINS = new WeakMap<FileIndex, Set<string>>();

/**
 * Whether the function validates the origin before echoing it: a read of the origin variable (or another
 * Origin header read), outside the header call, that a real check uses: an allowlist lookup
 * (`allowed.includes(origin)`, `set.has(origin)`), an equality with a value, a validator call, an anchored
 * regular expression, `endsWith('.example.com')`. Truthiness tests (`if (origin)`) and substring checks
 * that admit look-alike domains (`endsWith('example.com')`, `includes(...)`, `startsWith(...)`, an
 * unanchored regex) do not count.
 */
function isGuarded(
  value: Node,
  at: Node,
  scope: Node | undefined,
  originReads: readonly Node[],
  index: FileIndex,
): boolean {
  const inner = unwrap(value);
  const reads: Node[] = [...originReads];
  if (inner.type === 'Identifier') reads.push(...readsOf(inner.name as string, scope, index));
  return reads.some((read) => !(read.start >= at.start && read.end <= at.end) && isValidated(read, index));
}

const SUBSTRING_CHECKS = new Set(['startsWith', 'includes', 'indexOf', 'search', 'contains']);
const NORMALISERS = new Set(['toLowerCase', 'trim', 'toString', 'valueOf']);

function isValidated(read: Node, index: FileIndex, depth = 3): boolean {
  let parent = index.parent(read);
  while (parent && isWrapper(parent)) parent = index.parent(parent);
  if (!parent || depth === 0) return false;
  if (parent.type === 'MemberExpression' && child(parent, 'object') === read) {
    const call = index.parent(parent);
    if (!call || call.type !== 'CallExpression' || child(call, 'callee') !== parent) return false;
    const method = propertyName(parent);
    const argument = argumentsOf(call)[0];
    if (method && NORMALISERS.has(method)) return isValidated(call, index, depth - 1);
    if (method === 'endsWith') {
      const suffix = argument ? resolvedString(argument, index) : undefined;
      return suffix === undefined || suffix.startsWith('.') || suffix.includes('://');
    }
    if (method === 'match') {
      const pattern = argument ? regexPattern(resolve(argument, index)) : undefined;
      return pattern !== undefined && weakOriginPattern(pattern) === undefined;
    }
    if (method && SUBSTRING_CHECKS.has(method))
      return argument !== undefined && resolvedString(argument, index) === undefined;
    return false;
  }
  if (
    (parent.type === 'CallExpression' || parent.type === 'NewExpression') &&
    list(parent, 'arguments').includes(read)
  ) {
    if (isLogging(parent)) return false;
    if (calleeName(parent) === 'test') {
      const receiver = receiverOf(parent);
      const pattern = receiver ? regexPattern(resolve(receiver, index)) : undefined;
      if (pattern !== undefined) return weakOriginPattern(pattern) === undefined;
    }
    return true;
  }
  if (parent.type === 'BinaryExpression' && COMPARISONS.has(parent.operator as string)) {
    if (parent.operator === 'in' || parent.operator === 'instanceof') return true;
    const other = child(parent, 'left') === read ? child(parent, 'right') : child(parent, 'left');
    if (!other) return false;
    const text = staticString(other);
    if (text !== undefined) return text !== '' && text !== 'undefined' && text !== 'string';
    return !isNullishOrTypeof(other);
  }
  return false;
}

function regexPattern(node: Node): string | undefined {
  const regex = node.regex as { pattern?: unknown } | undefined;
  return typeof regex?.pattern === 'string' ? regex.pattern : undefined;
}

function isNullishOrTypeof(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'Literal') return inner.value === null;
  if (inner.type === 'Identifier') return inner.name === 'undefined';
  return inner.type === 'UnaryExpression';
}

function isLogging(call: Node): boolean {
  const receiver = receiverOf(call);
  const name = receiver ? nameOf(unwrap(receiver)) : undefined;
  return name !== undefined && LOGGERS.has(name);
}

/** Every place that sets `Access-Control-Allow-Credentials: true` (header call or object literal). */
function credentialSettings(index: FileIndex): { start: number; end: number }[] {
  const isTrueValue = (node: Node | undefined) =>
    node !== undefined && (isTrue(node) || resolvedString(node, index)?.toLowerCase() === 'true');
  const out: { start: number; end: number }[] = [];
  for (const call of index.ofType('CallExpression')) {
    const method = calleeName(call);
    if (!method || !HEADER_SETTERS.has(method)) continue;
    const [name, value] = argumentsOf(call);
    if (resolvedString(name, index)?.toLowerCase() === ALLOW_CREDENTIALS && isTrueValue(value))
      out.push(callRange(call));
  }
  for (const property of index.ofType('Property')) {
    if (keyName(property)?.toLowerCase() === ALLOW_CREDENTIALS && isTrueValue(child(property, 'value')))
      out.push({ start: property.start, end: property.end });
  }
  return out.sort((a, b) => a.start - b.start);
}
