import { child, list, unwrap, type Node } from '../../frontend/ast.js';
import { qualifiedName } from '../../frontend/imports.js';
import type { RuleContext, SyntacticRule } from '../rule.js';
import { hardcodedKey, hasSpreadArgument, isJsonwebtokenCall, type HardcodedKind } from './support/jwt.js';
import { matchTerm } from './support/names.js';
import {
  calleeName,
  calleeQualified,
  callRange,
  indexFile,
  keyName,
  lookup,
  receiverOf,
  resolvedObject,
  targetName,
  type FileIndex,
} from './support/util.js';

/** Modules whose factory takes `{ secret }` options for JWT middleware. */
const JWT_MIDDLEWARE = new Set([
  'express-jwt',
  'express-jwt.expressjwt',
  'koa-jwt',
  '@fastify/jwt',
  'fastify-jwt',
]);

const JWT_WORD = new Set(['jwt']);

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/jwt-hardcoded-secret',
    family: 'jwt',
    title: 'JWT signing secret hard-coded in source',
    severity: 'high',
    cwe: ['CWE-798', 'CWE-321'],
    description:
      'A JWT secret written in the source is shared with everyone who can read the repository, its history, ' +
      'or the built bundle, and it cannot be rotated without a release. Whoever knows it can mint tokens for ' +
      'any user. A literal fallback (`process.env.JWT_SECRET || "dev"`) ships the same weakness to any ' +
      'deployment that forgets the variable.',
    help: {
      bad: "import jwt from 'jsonwebtoken';\n\nconst JWT_SECRET = 'super-secret-change-me';\n\nexport const issue = (userId: string) =>\n  jwt.sign({ sub: userId }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' });\n",
      good: "import jwt from 'jsonwebtoken';\n\nconst JWT_SECRET = process.env.JWT_SECRET;\nif (!JWT_SECRET) throw new Error('JWT_SECRET is not set');\n\nexport const issue = (userId: string) =>\n  jwt.sign({ sub: userId }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' });\n",
      fix: 'Load the secret (or private key) from the environment or a secret manager, fail at start-up when it is missing, and rotate the leaked value.',
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/798.html',
      'https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback',
    ],
    tags: ['jwt', 'secret', 'owasp:A07:2021'],
    precision: 'high',
  },
  check(file, context) {
    const index = indexFile(file.program);
    for (const call of index.ofType('CallExpression')) {
      const args = list(call, 'arguments');
      if (hasSpreadArgument(call)) continue;
      if (
        isJsonwebtokenCall(call, 'sign', context.bindings) ||
        isJsonwebtokenCall(call, 'verify', context.bindings)
      ) {
        reportKey(call, args[1], index, context);
      } else if (calleeQualified(call, context.bindings) === 'jose.jwtVerify') {
        reportKey(call, args[1], index, context);
      } else if (calleeName(call) === 'sign' && isSignJwtChain(call, context.bindings)) {
        reportKey(call, args[0], index, context);
      } else {
        for (const options of optionsArguments(call, context.bindings)) {
          const object = resolvedObject(options, index);
          if (!object) continue;
          const secret = lookup(object, 'secret');
          if (secret.kind === 'found') reportKey(secret.property, secret.value, index, context);
        }
      }
    }
    // passport-jwt: `new JwtStrategy({ secretOrKey: '...' })`, also through NestJS `super({ ... })`.
    for (const property of index.ofType('Property')) {
      if (keyName(property) !== 'secretOrKey') continue;
      reportKey(property, child(property, 'value'), index, context);
    }
  },
};

function reportKey(at: Node, key: Node | undefined, index: FileIndex, context: RuleContext): void {
  const kind: HardcodedKind | undefined = hardcodedKey(key, index);
  if (!kind) return;
  const range = at.type === 'CallExpression' ? callRange(at) : { start: at.start, end: at.end };
  context.report({
    ...range,
    message:
      kind === 'literal'
        ? 'JWT secret is a string literal in the source'
        : 'JWT secret falls back to a string literal when the environment variable is missing',
  });
}

/** `new SignJWT(payload).setProtectedHeader(...)...sign(key)` from jose. */
function isSignJwtChain(call: Node, bindings: ReadonlyMap<string, string>): boolean {
  let current: Node | undefined = receiverOf(call);
  for (let depth = 0; current && depth < 12; depth++) {
    const inner = unwrap(current);
    if (inner.type === 'NewExpression') {
      const callee = child(inner, 'callee');
      return callee !== undefined && qualifiedName(callee, bindings) === 'jose.SignJWT';
    }
    if (inner.type === 'CallExpression' || inner.type === 'AwaitExpression') {
      current = inner.type === 'CallExpression' ? receiverOf(inner) : child(inner, 'argument');
      continue;
    }
    return false;
  }
  return false;
}

/**
 * The arguments of a call that are JWT middleware/module options holding a `secret`: express-jwt,
 * koa-jwt, `fastify.register(fastifyJwt, { secret })`, NestJS `JwtModule.register({ secret })`, and
 * `jwtService.sign(payload, { secret })` / `verify(token, { secret })` on a receiver named for JWTs.
 */
function optionsArguments(call: Node, bindings: ReadonlyMap<string, string>): Node[] {
  const args = list(call, 'arguments');
  const qualified = calleeQualified(call, bindings);
  if (qualified !== undefined && JWT_MIDDLEWARE.has(qualified)) return args.slice(0, 1);
  const method = calleeName(call);
  if (method === 'register' || method === 'registerAsync') {
    const first = args[0];
    if (qualified === '@nestjs/jwt.JwtModule.register') return args.slice(0, 1);
    if (first && JWT_MIDDLEWARE.has(qualifiedName(first, bindings) ?? '')) return args.slice(1, 2);
    return [];
  }
  if (method === 'sign' || method === 'signAsync' || method === 'verify' || method === 'verifyAsync') {
    const receiver = receiverOf(call);
    let name = receiver ? targetName(receiver) : undefined;
    if (receiver && unwrap(receiver).type === 'ThisExpression') name = undefined;
    if (name !== undefined && matchTerm(name, JWT_WORD) !== undefined) return args.slice(1, 2);
  }
  return [];
}
