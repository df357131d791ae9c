import { child, isFunction, list, nameOf, type Node } from '../../frontend/ast.js';
import type { SyntacticRule } from '../rule.js';
import { hasSpreadArgument, isJsonwebtokenCall } from './support/jwt.js';
import { callRange, indexFile, isNullish, lookup, resolve, type FileIndex } from './support/util.js';

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/jwt-verify-without-algorithms',
    family: 'jwt',
    title: 'JWT verified without pinning the accepted algorithms',
    severity: 'high',
    cwe: ['CWE-347'],
    description:
      'jsonwebtoken `verify()` called without an `algorithms` option lets the token header choose how it is checked. ' +
      'Older versions accepted `alg: none` or HMAC-signed tokens verified with an RSA public key as the secret ' +
      '(algorithm confusion), and even current versions accept every algorithm family compatible with the key. ' +
      'Pin the one algorithm your issuer uses.',
    help: {
      bad: "import jwt from 'jsonwebtoken';\n\nexport function readUser(token: string, publicKey: string) {\n  return jwt.verify(token, publicKey);\n}\n",
      good: "import jwt from 'jsonwebtoken';\n\nexport function readUser(token: string, publicKey: string) {\n  return jwt.verify(token, publicKey, { algorithms: ['RS256'] });\n}\n",
      fix: "Pass `{ algorithms: ['RS256'] }` (or the single algorithm your tokens are signed with) as the options of `jwt.verify`.",
    },
    references: [
      'https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback',
      'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/347.html',
    ],
    tags: ['jwt', 'owasp:A02:2021'],
    precision: 'high',
  },
  check(file, context) {
    const index = indexFile(file.program);
    for (const call of index.ofType('CallExpression')) {
      if (!isJsonwebtokenCall(call, 'verify', context.bindings) || hasSpreadArgument(call)) continue;
      const args = list(call, 'arguments');
      if (args.length < 2) continue;
      const verdict = optionsVerdict(args[2], index);
      if (verdict === undefined) continue;
      context.report({ ...callRange(call), message: `jwt.verify() ${verdict}: pin the accepted algorithms` });
    }
  },
};

/** Why the options argument pins no algorithm, or undefined when it does (or we cannot tell). */
function optionsVerdict(argument: Node | undefined, index: FileIndex): string | undefined {
  if (!argument) return 'has no options';
  const options = resolve(argument, index);
  if (isFunction(options) || isFunctionName(options, index)) return 'has only a callback, no options';
  if (options.type !== 'ObjectExpression') return undefined;
  const algorithms = lookup(options, 'algorithms');
  if (algorithms.kind === 'missing') return 'has options without `algorithms`';
  if (algorithms.kind === 'found') {
    const value = resolve(algorithms.value, index);
    if (isNullish(value)) return 'sets `algorithms` to nothing';
  }
  return undefined;
}

function isFunctionName(node: Node, index: FileIndex): boolean {
  const name = node.type === 'Identifier' ? nameOf(node) : undefined;
  if (!name) return false;
  return index.ofType('FunctionDeclaration').some((fn) => nameOf(child(fn, 'id')) === name);
}
