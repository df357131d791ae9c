import { child, list, nameOf, staticString, type Node } from '../../frontend/ast.js';
import type { SyntacticRule } from '../rule.js';
import { matchTerm } from './support/names.js';
import {
  calleeName,
  callRange,
  indexFile,
  isWrapper,
  keyName,
  resolve,
  type FileIndex,
} from './support/util.js';

/** Option keys that mark an object literal as jsonwebtoken/jose sign or verify options. */
const JWT_OPTION_KEYS = new Set([
  'expiresIn',
  'notBefore',
  'audience',
  'issuer',
  'subject',
  'jwtid',
  'keyid',
  'noTimestamp',
  'header',
  'encoding',
  'allowInsecureKeySizes',
]);

const JWT_WORDS = new Set(['jwt', 'token', 'sign', 'signing', 'jws']);

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/jwt-none-algorithm',
    family: 'jwt',
    title: "JWT signed or accepted with the 'none' algorithm",
    severity: 'high',
    cwe: ['CWE-347'],
    description:
      "A JWT with `alg: 'none'` carries no signature: anyone can forge one with any claims. Signing with " +
      "`algorithm: 'none'` issues forgeable tokens, and listing `'none'` in the `algorithms` accepted by " +
      'verification lets an attacker strip the signature from a token and change its payload.',
    help: {
      bad: "import jwt from 'jsonwebtoken';\n\nexport const issue = (userId: string) =>\n  jwt.sign({ sub: userId }, '', { algorithm: 'none', expiresIn: '1h' });\n",
      good: "import jwt from 'jsonwebtoken';\n\nexport const issue = (userId: string, key: string) =>\n  jwt.sign({ sub: userId }, key, { algorithm: 'RS256', expiresIn: '1h' });\n",
      fix: "Sign with a real algorithm (RS256, ES256, or HS256 with a strong secret) and never list 'none' in `algorithms`.",
    },
    references: [
      'https://github.com/auth0/node-jsonwebtoken#algorithms-supported',
      'https://datatracker.ietf.org/doc/html/rfc8725#section-3.1',
      'https://cwe.mitre.org/data/definitions/347.html',
    ],
    tags: ['jwt', 'owasp:A02:2021'],
    precision: 'high',
  },
  check(file, context) {
    const index = indexFile(file.program);
    for (const property of index.ofType('Property')) {
      const key = keyName(property);
      const value = child(property, 'value');
      if (!value || key === undefined) continue;
      if (key === 'algorithms') {
        const list_ = resolve(value, index);
        if (list_.type !== 'ArrayExpression') continue;
        if (list(list_, 'elements').some((element) => isNone(element, index))) {
          context.report({
            ...rangeOf(property, index),
            message: "'none' is among the accepted JWT algorithms: unsigned tokens pass verification",
          });
        }
      } else if ((key === 'algorithm' || key === 'alg') && isNone(value, index)) {
        const object = index.parent(property);
        if (object && isJwtOptions(object, key, index)) {
          context.report({
            ...rangeOf(property, index),
            message: "JWT signed with the 'none' algorithm: the token carries no signature",
          });
        }
      }
    }
  },
};

/** The call an options object is passed to (`jwt.sign(p, k, { ... })`) when there is one, else the property. */
function rangeOf(property: Node, index: FileIndex): { start: number; end: number } {
  let holder = index.parent(property);
  while (holder && (holder.type === 'ObjectExpression' || holder.type === 'Property' || isWrapper(holder))) {
    holder = index.parent(holder);
  }
  return holder?.type === 'CallExpression' ? callRange(holder) : { start: property.start, end: property.end };
}

function isNone(node: Node, index: FileIndex): boolean {
  return staticString(resolve(node, index))?.toLowerCase() === 'none';
}

/**
 * Whether an object literal holding `algorithm: 'none'` is JWT options: an argument of a `sign` call,
 * an object with other jsonwebtoken option keys, the `header` of sign options (`alg`), or a variable
 * named for JWTs.
 */
function isJwtOptions(object: Node, key: string, index: FileIndex): boolean {
  if (object.type !== 'ObjectExpression') return false;
  let holder = index.parent(object);
  while (holder && isWrapper(holder)) holder = index.parent(holder);
  if (!holder) return false;
  if (key === 'alg') {
    // `header: { alg: 'none' }` inside jsonwebtoken sign options (jose refuses to sign with 'none').
    return holder.type === 'Property' && keyName(holder) === 'header';
  }
  if (holder.type === 'CallExpression' && /^sign/.test(calleeName(holder) ?? '')) return true;
  if (list(object, 'properties').some((property) => JWT_OPTION_KEYS.has(keyName(property) ?? '')))
    return true;
  if (holder.type === 'VariableDeclarator') {
    const name = nameOf(child(holder, 'id'));
    return name !== undefined && matchTerm(name, JWT_WORDS) !== undefined;
  }
  return false;
}
