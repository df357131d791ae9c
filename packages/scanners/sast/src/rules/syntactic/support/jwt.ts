import { child, list, staticString, type Node } from '../../../frontend/ast.js';
import { calleeName, calleeQualified, resolve, type FileIndex } from './util.js';

/**
 * A jsonwebtoken call: `jwt.verify` / `jsonwebtoken.verify` after `import jwt from 'jsonwebtoken'`,
 * `import { verify } from 'jsonwebtoken'` or `require('jsonwebtoken')`, or `jwt.verify` on a `jwt` that no
 * import binds (a module the snippet received from elsewhere).
 */
export function isJsonwebtokenCall(
  call: Node,
  method: string,
  bindings: ReadonlyMap<string, string>,
): boolean {
  if (call.type !== 'CallExpression') return false;
  const qualified = calleeQualified(call, bindings);
  return (
    qualified === `jsonwebtoken.${method}` ||
    qualified === `jsonwebtoken.default.${method}` ||
    qualified === `jwt.${method}`
  );
}

/** True when the call has a spread argument, whose positions we cannot know. */
export function hasSpreadArgument(call: Node): boolean {
  return list(call, 'arguments').some((argument) => argument.type === 'SpreadElement');
}

const PUBLIC_MATERIAL = ['BEGIN PUBLIC KEY', 'BEGIN RSA PUBLIC KEY', 'BEGIN CERTIFICATE'];

export type HardcodedKind = 'literal' | 'fallback';

/**
 * Whether a signing/verification key is written in the source: a non-empty string literal (or a
 * same-file constant holding one), `Buffer.from('...')` / `new TextEncoder().encode('...')` /
 * `createSecretKey(...)` of one, or `process.env.X || '...'` (a literal fallback). Public keys and
 * certificates in PEM form are not secrets and are ignored.
 */
export function hardcodedKey(node: Node | undefined, index: FileIndex, depth = 3): HardcodedKind | undefined {
  if (!node || depth === 0) return undefined;
  const value = resolve(node, index);
  const text = staticString(value);
  if (text !== undefined) {
    if (text.trim() === '' || PUBLIC_MATERIAL.some((marker) => text.includes(marker))) return undefined;
    return 'literal';
  }
  if (value.type === 'LogicalExpression' && (value.operator === '||' || value.operator === '??')) {
    const fallback = hardcodedKey(child(value, 'right'), index, depth - 1);
    return fallback ? 'fallback' : undefined;
  }
  if (value.type === 'CallExpression') {
    const fn = calleeName(value);
    if (fn === 'from' || fn === 'encode' || fn === 'createSecretKey') {
      return hardcodedKey(list(value, 'arguments')[0], index, depth - 1);
    }
  }
  return undefined;
}
