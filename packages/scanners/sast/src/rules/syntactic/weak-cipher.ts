import { child, type Node } from '../../frontend/ast.js';
import { qualifiedName } from '../../frontend/imports.js';
import type { SyntacticRule } from '../rule.js';
import {
  argumentsOf,
  calleeQualified,
  callRange,
  indexFile,
  keyName,
  resolvedString,
  type FileIndex,
} from './support/util.js';

/** Node `crypto.createCipheriv` / `createDecipheriv`. */
const NODE_CIPHERIV = new Set(['crypto.createCipheriv', 'crypto.createDecipheriv']);
/** Deprecated (removed in Node 22): MD5-derived key, no salt, no IV. Reported whatever the algorithm. */
const NODE_PASSWORD_CIPHER = new Set(['crypto.createCipher', 'crypto.createDecipher']);
/** node-forge ciphers take an algorithm name too (`'DES-CBC'`, `'AES-ECB'`). */
const FORGE_CIPHER = new Set(['node-forge.cipher.createCipher', 'node-forge.cipher.createDecipher']);
/** crypto-js weak ciphers, by the object holding `encrypt`/`decrypt`. */
const CRYPTO_JS_WEAK = new Set(['DES', 'TripleDES', 'RC4', 'RC4Drop']);
const CRYPTO_JS_MODULES = new Set(['crypto-js/tripledes', 'crypto-js/rc4']);

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/weak-cipher',
    family: 'weak-crypto',
    title: 'Weak or broken cipher (DES, 3DES, RC4, Blowfish, ECB mode)',
    severity: 'high',
    cwe: ['CWE-327'],
    description:
      'DES and RC2 keys are brute-forceable, RC4 has exploitable keystream biases, 64-bit block ciphers ' +
      '(3DES, Blowfish, CAST5, IDEA) leak plaintext after a few gigabytes (Sweet32), and ECB mode encrypts ' +
      'equal blocks to equal ciphertext, revealing patterns. The deprecated `crypto.createCipher()` derives ' +
      'the key with a single unsalted MD5 and uses no IV.',
    help: {
      bad: "import crypto from 'node:crypto';\n\nexport function seal(data: Buffer, key: Buffer) {\n  const cipher = crypto.createCipheriv('aes-256-ecb', key, null);\n  return Buffer.concat([cipher.update(data), cipher.final()]);\n}\n",
      good: "import crypto from 'node:crypto';\n\nexport function seal(data: Buffer, key: Buffer) {\n  const iv = crypto.randomBytes(12);\n  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);\n  const body = Buffer.concat([cipher.update(data), cipher.final()]);\n  return Buffer.concat([iv, cipher.getAuthTag(), body]);\n}\n",
      fix: 'Use an authenticated cipher: AES-256-GCM or ChaCha20-Poly1305 with a random IV/nonce per message and a key from a KDF or key store.',
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html#algorithms',
      'https://nodejs.org/api/crypto.html#cryptocreatecipherivalgorithm-key-iv-options',
      'https://sweet32.info/',
      'https://cwe.mitre.org/data/definitions/327.html',
    ],
    tags: ['crypto', 'owasp:A02:2021'],
    precision: 'high',
  },
  check(file, context) {
    const index = indexFile(file.program);
    for (const call of index.ofType('CallExpression')) {
      const message = weakCall(call, context.bindings, index);
      if (message) context.report({ ...callRange(call), message });
    }
    // crypto-js `{ mode: CryptoJS.mode.ECB }`.
    for (const property of index.ofType('Property')) {
      if (keyName(property) !== 'mode') continue;
      const value = child(property, 'value');
      const qualified = value ? qualifiedName(value, context.bindings) : undefined;
      if (qualified === undefined) continue;
      if (qualified === 'crypto-js/mode-ecb' || /^(?:crypto-js|CryptoJS)\.mode\.ECB$/.test(qualified)) {
        context.report({
          start: property.start,
          end: property.end,
          message: 'ECB mode leaks plaintext patterns: use GCM or CBC with HMAC',
        });
      }
    }
  },
};

/** Why a cipher algorithm name is weak, else undefined. */
export function weakCipherName(algorithm: string): string | undefined {
  const name = algorithm.toLowerCase();
  if (name.endsWith('-ecb') || name.includes('-ecb-') || name === 'ecb')
    return 'ECB mode leaks plaintext patterns';
  if (name.startsWith('des') || name.startsWith('3des') || name.startsWith('tripledes'))
    return 'DES/3DES is broken or obsolete';
  if (name.startsWith('rc2') || name.startsWith('rc4')) return `${name.slice(0, 3).toUpperCase()} is broken`;
  if (name === 'bf' || name.startsWith('bf-') || name.startsWith('blowfish'))
    return 'Blowfish has a 64-bit block (Sweet32)';
  if (name.startsWith('cast')) return 'CAST has a 64-bit block (Sweet32)';
  if (name === 'idea' || name.startsWith('idea-')) return 'IDEA has a 64-bit block (Sweet32)';
  return undefined;
}

function weakCall(call: Node, bindings: ReadonlyMap<string, string>, index: FileIndex): string | undefined {
  const qualified = calleeQualified(call, bindings);
  if (qualified === undefined) return undefined;
  if (NODE_PASSWORD_CIPHER.has(qualified)) {
    return `${qualified.slice(7)}() is deprecated: unsalted MD5 key derivation and no IV; use createCipheriv with AES-GCM`;
  }
  if (NODE_CIPHERIV.has(qualified) || FORGE_CIPHER.has(qualified)) {
    const algorithm = resolvedString(argumentsOf(call)[0], index);
    const why = algorithm === undefined ? undefined : weakCipherName(algorithm);
    return why ? `'${algorithm}': ${why}; use AES-256-GCM` : undefined;
  }
  const dot = qualified.lastIndexOf('.');
  const method = qualified.slice(dot + 1);
  if (method !== 'encrypt' && method !== 'decrypt') return undefined;
  const holder = qualified.slice(0, dot);
  const [root, cipher, extra] = holder.split('.');
  if (CRYPTO_JS_MODULES.has(holder)) return `${holder.slice(10)} is weak; use AES-GCM`;
  if (
    (root === 'crypto-js' || root === 'CryptoJS') &&
    cipher !== undefined &&
    extra === undefined &&
    CRYPTO_JS_WEAK.has(cipher)
  ) {
    return `${cipher} is weak; use AES-GCM`;
  }
  return undefined;
}
