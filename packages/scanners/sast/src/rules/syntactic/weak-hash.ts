import { child, unwrap, type Node } from '../../frontend/ast.js';
import type { ParsedFile } from '../../frontend/parse.js';
import type { SyntacticRule } from '../rule.js';
import { readsOf, siteOf } from './support/context.js';
import { matchTerm } from './support/names.js';
import {
  argumentsOf,
  calleeName,
  calleeQualified,
  callRange,
  enclosingFunction,
  functionNames,
  indexFile,
  receiverOf,
  resolvedString,
  targetName,
  type FileIndex,
} from './support/util.js';

/** Broken or collision-prone digests (normalised: lower case, `rsa-` prefix and dashes dropped). */
const WEAK_DIGESTS = new Set(['md2', 'md4', 'md5', 'sha1', 'sha', 'ripemd', 'ripemd160', 'rmd160']);
/** For HMAC only MD2/MD4/MD5 are flagged: HMAC-SHA1 is still sound (and required by TOTP, RFC 6238). */
const WEAK_HMAC_DIGESTS = new Set(['md2', 'md4', 'md5']);

/**
 * Names that mark a digest as a non-security fingerprint: the value names it is bound to, the enclosing
 * function's names and the labels of calls it is passed to (`res.set('ETag', ...)`). Kept deliberately
 * small: cache keys, ETags, checksums, content fingerprints, Gravatar/avatar URLs (the Gravatar API
 * mandates MD5), dedup keys and the WebSocket handshake (RFC 6455 mandates SHA-1).
 */
const NON_SECURITY = new Set([
  'etag',
  'cache',
  'cachekey',
  'checksum',
  'fingerprint',
  'gravatar',
  'avatar',
  'dedupe',
  'dedup',
  'websocket',
]);

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** crypto-js and single-purpose packages: qualified callee → algorithm. */
const LIBRARY_DIGESTS = new Map([
  ['crypto-js.MD5', 'md5'],
  ['crypto-js.SHA1', 'sha1'],
  ['crypto-js.HmacMD5', 'md5'],
  ['crypto-js/md5', 'md5'],
  ['crypto-js/sha1', 'sha1'],
  ['crypto-js/hmac-md5', 'md5'],
  ['CryptoJS.MD5', 'md5'],
  ['CryptoJS.SHA1', 'sha1'],
  ['CryptoJS.HmacMD5', 'md5'],
  ['md5', 'md5'],
  ['blueimp-md5', 'md5'],
  ['js-md5', 'md5'],
  ['sha1', 'sha1'],
]);

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/weak-hash',
    family: 'weak-crypto',
    title: 'Weak hash algorithm (MD5, SHA-1)',
    severity: 'medium',
    cwe: ['CWE-328', 'CWE-327'],
    description:
      'MD5 and SHA-1 are broken for collision resistance (chosen-prefix collisions are practical) and are ' +
      'fast enough to brute-force: passwords, signatures, integrity checks or tokens that rely on them can be ' +
      'forged or cracked. Digests that are clearly non-security fingerprints (ETags, cache keys, checksums, ' +
      'Gravatar URLs, the WebSocket handshake) are not reported.',
    help: {
      bad: "import { createHash } from 'node:crypto';\n\nexport function hashPassword(password: string): string {\n  return createHash('md5').update(password).digest('hex');\n}\n",
      good: "import { createHash, scryptSync, randomBytes } from 'node:crypto';\n\nexport function hashPassword(password: string): string {\n  const salt = randomBytes(16);\n  return `${salt.toString('hex')}:${scryptSync(password, salt, 64).toString('hex')}`;\n}\n\nexport const etagOf = (body: string) => createHash('md5').update(body).digest('base64');\n",
      fix: 'Use SHA-256 or better for integrity and signatures, and a password hash (scrypt, argon2, bcrypt) for passwords.',
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
      'https://nodejs.org/api/crypto.html#cryptocreatehashalgorithm-options',
      'https://cwe.mitre.org/data/definitions/328.html',
    ],
    tags: ['crypto', 'owasp:A02:2021'],
    precision: 'medium',
  },
  check(file, context) {
    const index = indexFile(file.program);
    for (const call of index.ofType('CallExpression')) {
      const algorithm = weakAlgorithm(call, context.bindings, index);
      if (!algorithm || isNonSecurityUse(call, file, index)) continue;
      context.report({
        ...callRange(call),
        message: `${algorithm.toUpperCase()} is a weak hash: use SHA-256+ (or scrypt/argon2/bcrypt for passwords)`,
      });
    }
  },
};

function normalise(algorithm: string): string {
  const lower = algorithm.toLowerCase();
  return (lower.startsWith('rsa-') ? lower.slice(4) : lower).split('-').join('');
}

function weakAlgorithm(
  call: Node,
  bindings: ReadonlyMap<string, string>,
  index: FileIndex,
): string | undefined {
  const qualified = calleeQualified(call, bindings);
  const args = argumentsOf(call);
  if (qualified === 'crypto.createHash' || qualified === 'crypto.hash') {
    const algorithm = resolvedString(args[0], index);
    return algorithm !== undefined && WEAK_DIGESTS.has(normalise(algorithm))
      ? normalise(algorithm)
      : undefined;
  }
  if (qualified === 'crypto.createHmac') {
    const algorithm = resolvedString(args[0], index);
    return algorithm !== undefined && WEAK_HMAC_DIGESTS.has(normalise(algorithm))
      ? normalise(algorithm)
      : undefined;
  }
  if (calleeName(call) === 'digest' && isSubtle(receiverOf(call))) {
    // WebCrypto: crypto.subtle.digest('SHA-1', data). MD5 is not offered there.
    const algorithm = resolvedString(args[0], index);
    return algorithm !== undefined && normalise(algorithm) === 'sha1' ? 'sha1' : undefined;
  }
  if (qualified !== undefined) {
    const direct = LIBRARY_DIGESTS.get(qualified);
    // `md5(x)` counts only when an import binds `md5`; a local helper named md5 is reported where it hashes.
    const callee = child(call, 'callee');
    const isBareName = callee !== undefined && unwrap(callee).type === 'Identifier';
    if (direct && (!isBareName || bindings.has(nameOfIdentifier(callee)))) return direct;
  }
  return undefined;
}

function nameOfIdentifier(node: Node | undefined): string {
  return node ? ((unwrap(node).name as string | undefined) ?? '') : '';
}

function isSubtle(receiver: Node | undefined): boolean {
  return receiver !== undefined && targetName(receiver) === 'subtle';
}

/** The cheap non-security heuristic (see NON_SECURITY). */
function isNonSecurityUse(call: Node, file: ParsedFile, index: FileIndex): boolean {
  const fn = enclosingFunction(call, index);
  const body = fn ? file.text.slice(fn.start, fn.end) : file.text;
  if (body.includes(WEBSOCKET_GUID)) return true;
  const names: string[] = fn ? functionNames(fn, index) : [];
  const site = siteOf(call, index);
  names.push(...site.hints);
  if (site.kind === 'name') {
    names.push(site.name);
    if (site.local) {
      for (const read of readsOf(site.local, site.scope, index)) {
        if (read.start >= site.node.start && read.end <= site.node.end) continue;
        const next = siteOf(read, index);
        names.push(...next.hints);
        if (next.kind === 'name') names.push(next.name);
      }
    }
  } else if (site.kind === 'return' && site.fn !== fn) {
    names.push(...functionNames(site.fn, index));
  }
  return names.some((name) => matchTerm(name, NON_SECURITY) !== undefined);
}
