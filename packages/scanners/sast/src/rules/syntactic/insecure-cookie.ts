import { child, list, nameOf, unwrap, type Node } from '../../frontend/ast.js';
import { qualifiedName } from '../../frontend/imports.js';
import type { RuleContext, SyntacticRule } from '../rule.js';
import { matchTerm } from './support/names.js';
import {
  argumentsOf,
  calleeName,
  calleeQualified,
  callRange,
  indexFile,
  isFalse,
  keyName,
  lookup,
  receiverOf,
  resolve,
  resolvedObject,
  resolvedString,
  stringParts,
  targetName,
  words,
  type FileIndex,
} from './support/util.js';

/** Cookie (or value) names that mark an authentication cookie. */
const SENSITIVE = new Set([
  'session',
  'sess',
  'sid',
  'auth',
  'token',
  'jwt',
  'remember',
  'refresh',
  'login',
  'credential',
  'apikey',
]);
/** Double-submit CSRF cookies must stay readable by scripts: not reported. */
const CSRF = new Set(['csrf', 'xsrf']);
/** Session middleware whose options hold cookie flags (`cookie: {...}` or top-level). */
const SESSION_LIBRARIES = new Set([
  'express-session',
  'cookie-session',
  'koa-session',
  '@fastify/session',
  '@fastify/secure-session',
  'fastify-session',
]);
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/insecure-cookie',
    family: 'insecure-cookie',
    title: 'Session or auth cookie without Secure / HttpOnly',
    severity: 'medium',
    cwe: ['CWE-614', 'CWE-1004'],
    description:
      'A session or token cookie without `Secure` is sent over plain HTTP, where anyone on the network can read ' +
      'it; without `HttpOnly` any XSS can steal it with `document.cookie`. Express `res.cookie()`, Fastify ' +
      '`setCookie()`, `cookie.serialize()` and raw `Set-Cookie` headers set neither flag by default.',
    help: {
      bad: "import type { Response } from 'express';\n\nexport function startSession(res: Response, sessionId: string) {\n  res.cookie('session_id', sessionId, { maxAge: 3_600_000 });\n}\n",
      good: "import type { Response } from 'express';\n\nexport function startSession(res: Response, sessionId: string) {\n  res.cookie('session_id', sessionId, { maxAge: 3_600_000, httpOnly: true, secure: true, sameSite: 'lax' });\n  res.cookie('theme', 'dark');\n}\n",
      fix: "Set `httpOnly: true`, `secure: true` and `sameSite: 'lax'` (or 'strict') on every session or token cookie.",
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#restrict_access_to_cookies',
      'https://expressjs.com/en/api.html#res.cookie',
      'https://cwe.mitre.org/data/definitions/614.html',
      'https://cwe.mitre.org/data/definitions/1004.html',
    ],
    tags: ['cookie', 'session', 'owasp:A05:2021'],
    precision: 'medium',
  },
  check(file, context) {
    const index = indexFile(file.program);
    // @fastify/cookie registered with `parseOptions` sets plugin-wide defaults for reply.setCookie.
    const fastifyDefaults: Defaults = index
      .ofType('Property')
      .some((property) => keyName(property) === 'parseOptions')
      ? 'defaults-on'
      : 'defaults-off';
    for (const call of index.ofType('CallExpression')) {
      const method = calleeName(call);
      const qualified = calleeQualified(call, context.bindings);
      if (qualified !== undefined && SESSION_LIBRARIES.has(qualified))
        checkSessionOptions(call, index, context);
      else if (qualified === 'cookie.serialize') checkCookieCall(call, index, context, 'defaults-off');
      else if (qualified === 'js-cookie.set') checkScriptCookie(call, index, context);
      else if (method === 'cookie') checkCookieCall(call, index, context, 'defaults-off');
      else if (method === 'setCookie') checkCookieCall(call, index, context, fastifyDefaults);
      else if (method === 'state') checkHapiState(call, index, context);
      else if (method === 'set' && isCookieStore(call, context.bindings, index))
        checkCookieCall(call, index, context, cookieStoreDefaults(call, context.bindings, index));
      if (method && HEADER_SETTERS.has(method)) checkSetCookieHeader(call, index, context);
    }
    for (const assignment of index.ofType('AssignmentExpression')) {
      const left = child(assignment, 'left');
      if (!left || assignment.operator !== '=') continue;
      const qualified = qualifiedName(left, context.bindings);
      if (qualified !== 'document.cookie' && qualified !== 'window.document.cookie') continue;
      const text = cookieText(child(assignment, 'right'));
      if (text && isSensitiveName(text.name) && !text.attributes.has('secure')) {
        context.report({
          start: assignment.start,
          end: assignment.end,
          message: `Auth cookie '${text.name}' set from script without Secure (and script-set cookies can never be HttpOnly)`,
        });
      }
    }
  },
};

function isSensitiveName(name: string): boolean {
  if (matchTerm(name, CSRF) !== undefined || name.toLowerCase().includes('csrf')) return false;
  if (matchTerm(name, SENSITIVE) !== undefined) return true;
  // Cookie names are often written in one lower-case word: `sessionid`, `authtoken`, `jsessionid`.
  return words(name).some(
    (word) =>
      GLUED_STEMS.some((stem) => word.includes(stem)) ||
      (word.startsWith('auth') && !word.startsWith('author')),
  );
}

/** Stems that mark an auth cookie even inside a longer word. */
const GLUED_STEMS = ['session', 'token', 'jwt', 'refresh', 'remember'];

/** A name or value expression that looks like an auth cookie: `SESSION_COOKIE`, `accessToken`, `signJwt(u)`. */
function sensitiveExpression(node: Node | undefined, index: FileIndex): boolean {
  if (!node) return false;
  const text = resolvedString(node, index);
  if (text !== undefined) return isSensitiveName(text);
  const inner = unwrap(node);
  const name = inner.type === 'CallExpression' ? calleeName(inner) : targetName(inner);
  return name !== undefined && isSensitiveName(name);
}

type Defaults = 'defaults-off' | 'defaults-on' | 'skip';

/**
 * `res.cookie(name, value, options?)`, `reply.setCookie(...)`, `cookie.serialize(...)`,
 * `cookies.set(...)`. With `defaults-off` (Express, Fastify, cookie, Next.js) missing flags are reported;
 * with `defaults-on` (Koa's cookies are HttpOnly by default and Secure on HTTPS) only explicit `false`.
 */
function checkCookieCall(call: Node, index: FileIndex, context: RuleContext, defaults: Defaults): void {
  if (defaults === 'skip') return;
  const args = argumentsOf(call);
  const [name, value, optionsArgument] = args;
  if (!name || !value || args.some((argument) => argument.type === 'SpreadElement')) return;
  const staticName = resolvedString(name, index);
  if (staticName !== undefined && staticName.includes('=')) return; // a serialised cookie (tough-cookie jar)
  if (
    staticName !== undefined
      ? !isSensitiveName(staticName)
      : !sensitiveExpression(name, index) && !sensitiveExpression(value, index)
  )
    return;
  if (
    staticName === undefined &&
    (matchTerm(targetName(unwrap(name)) ?? '', CSRF) || matchTerm(targetName(unwrap(value)) ?? '', CSRF))
  )
    return;
  if (resolvedString(value, index) === '') return; // clearing the cookie
  const label = staticName ?? 'auth cookie';
  if (!optionsArgument) {
    if (defaults === 'defaults-off')
      report(call, context, `Cookie '${label}' set without options: neither HttpOnly nor Secure`);
    return;
  }
  const options = resolvedObject(optionsArgument, index);
  if (!options) return;
  const maxAge = lookup(options, 'maxAge');
  if (maxAge.kind === 'found' && maxAge.value.type === 'Literal' && maxAge.value.value === 0) return;
  const problems: string[] = [];
  for (const flag of ['httpOnly', 'secure']) {
    const found = lookup(options, flag);
    if (found.kind === 'unknown') return;
    if (found.kind === 'found' && isFalse(found.value)) problems.push(`${flag}: false`);
    else if (found.kind === 'missing' && defaults === 'defaults-off') problems.push(`no ${flag}`);
  }
  if (problems.length > 0) report(call, context, `Cookie '${label}' is set with ${problems.join(' and ')}`);
}

function report(call: Node, context: RuleContext, message: string): void {
  context.report({ ...callRange(call), message });
}

/** `ctx.cookies.set`, `cookies().set`, `(await cookies()).set`, `cookieStore.set`, `res.cookies.set`. */
function isCookieStore(call: Node, bindings: ReadonlyMap<string, string>, index: FileIndex): boolean {
  const receiver = receiverOf(call);
  if (!receiver) return false;
  const inner = unwrap(receiver);
  if (nextCookies(inner, bindings, index)) return true;
  const name = targetName(inner);
  return name === 'cookies' || name === 'cookieStore';
}

/** Next.js `cookies()` from next/headers (HttpOnly/Secure off by default); Koa otherwise. */
function cookieStoreDefaults(call: Node, bindings: ReadonlyMap<string, string>, index: FileIndex): Defaults {
  const receiver = receiverOf(call);
  if (receiver && nextCookies(unwrap(receiver), bindings, index)) return 'defaults-off';
  const object =
    receiver && unwrap(receiver).type === 'MemberExpression' ? child(unwrap(receiver), 'object') : undefined;
  const owner = object ? nameOf(unwrap(object)) : undefined;
  // Koa `ctx.cookies` / `this.cookies`: HttpOnly by default. Next `response.cookies`: off by default.
  if (owner === 'ctx' || owner === 'context' || (object && unwrap(object).type === 'ThisExpression'))
    return 'defaults-on';
  return owner !== undefined && /^(?:res|response)$/.test(owner) ? 'defaults-off' : 'defaults-on';
}

function nextCookies(
  node: Node,
  bindings: ReadonlyMap<string, string>,
  index: FileIndex,
  depth = 2,
): boolean {
  const inner = unwrap(node);
  if (inner.type === 'AwaitExpression') {
    const argument = child(inner, 'argument');
    return argument !== undefined && nextCookies(argument, bindings, index, depth);
  }
  if (inner.type === 'CallExpression') return calleeQualified(inner, bindings) === 'next/headers.cookies';
  if (inner.type === 'Identifier' && depth > 0) {
    const resolved = resolve(inner, index);
    return resolved !== inner && nextCookies(resolved, bindings, index, depth - 1);
  }
  return false;
}

/** js-cookie `Cookies.set(name, value, { secure })`: scripts cannot set HttpOnly, so only Secure. */
function checkScriptCookie(call: Node, index: FileIndex, context: RuleContext): void {
  const [name, value, optionsArgument] = argumentsOf(call);
  const staticName = resolvedString(name, index);
  if (staticName === undefined ? !sensitiveExpression(value, index) : !isSensitiveName(staticName)) return;
  if (!optionsArgument) {
    report(call, context, `Auth cookie '${staticName ?? 'token'}' set from script without Secure`);
    return;
  }
  const options = resolvedObject(optionsArgument, index);
  const secure = options ? lookup(options, 'secure') : { kind: 'unknown' as const };
  if (secure.kind === 'missing' || (secure.kind === 'found' && isFalse(secure.value)))
    report(call, context, `Auth cookie '${staticName ?? 'token'}' set from script without Secure`);
}

/** express-session `cookie: { secure: false }`, cookie-session `{ httpOnly: false }`. Only explicit false. */
function checkSessionOptions(call: Node, index: FileIndex, context: RuleContext): void {
  for (const argument of argumentsOf(call)) {
    const options = resolvedObject(argument, index);
    if (!options) continue;
    const cookie = lookup(options, 'cookie');
    const cookieOptions = cookie.kind === 'found' ? resolvedObject(cookie.value, index) : undefined;
    for (const holder of cookieOptions ? [options, cookieOptions] : [options]) {
      for (const flag of ['secure', 'httpOnly']) {
        const found = lookup(holder, flag);
        if (found.kind === 'found' && isFalse(found.value)) {
          context.report({
            start: found.property.start,
            end: found.property.end,
            message: `Session cookie configured with ${flag}: false`,
          });
        }
      }
    }
  }
}

/** hapi `h.state(name, value, { isSecure: false })` / `server.state(name, { isHttpOnly: false })`. */
function checkHapiState(call: Node, index: FileIndex, context: RuleContext): void {
  const args = argumentsOf(call);
  const name = resolvedString(args[0], index);
  if (name === undefined || !isSensitiveName(name)) return;
  for (const argument of args.slice(1)) {
    const options = resolvedObject(argument, index);
    if (!options) continue;
    for (const flag of ['isSecure', 'isHttpOnly']) {
      const found = lookup(options, flag);
      if (found.kind === 'found' && isFalse(found.value))
        report(call, context, `Cookie '${name}' is set with ${flag}: false`);
    }
  }
}

/** `res.setHeader('Set-Cookie', 'sid=...; Path=/')` (string or array of strings). */
function checkSetCookieHeader(call: Node, index: FileIndex, context: RuleContext): void {
  const [name, value] = argumentsOf(call);
  if (!name || !value || resolvedString(name, index)?.toLowerCase() !== 'set-cookie') return;
  const inner = resolve(value, index);
  const values = inner.type === 'ArrayExpression' ? list(inner, 'elements') : [inner];
  for (const element of values) {
    const text = cookieText(element);
    if (!text || !isSensitiveName(text.name)) continue;
    const missing = ['httponly', 'secure'].filter((flag) => !text.attributes.has(flag));
    if (missing.length > 0) {
      report(
        call,
        context,
        `Set-Cookie '${text.name}' without ${missing.map((flag) => (flag === 'httponly' ? 'HttpOnly' : 'Secure')).join(' and ')}`,
      );
      return;
    }
  }
}

/**
 * The name and attribute names of a cookie string (`sid=${id}; Path=/; HttpOnly`), when its name is
 * static. Attributes are lower-cased; dynamic parts are ignored.
 */
function cookieText(node: Node | undefined): { name: string; attributes: Set<string> } | undefined {
  const parts = stringParts(node);
  const first = parts[0];
  if (typeof first !== 'string' || !first.includes('=')) return undefined;
  const text = parts.map((part) => part ?? '\u0000').join('');
  const segments = text.split(';');
  const name = segments[0]!.slice(0, segments[0]!.indexOf('=')).trim();
  const attributes = new Set(segments.slice(1).map((segment) => segment.split('=')[0]!.trim().toLowerCase()));
  return name ? { name, attributes } : undefined;
}
