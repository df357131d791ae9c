import { child, isFunction, list, type Node } from '../../frontend/ast.js';
import type { SyntacticRule } from '../rule.js';
import {
  calleeName,
  indexFile,
  isFalse,
  isNullish,
  isWrapper,
  keyName,
  lookup,
  resolvedString,
  targetName,
  type FileIndex,
} from './support/util.js';

const ENV_FLAG = 'NODE_TLS_REJECT_UNAUTHORIZED';

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/tls-verification-disabled',
    family: 'tls-disabled',
    title: 'TLS certificate verification disabled',
    severity: 'high',
    cwe: ['CWE-295'],
    description:
      'With certificate verification off (`rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, ' +
      "request's `strictSSL: false`, or a `checkServerIdentity` that accepts everything) any machine on the " +
      'network path can impersonate the server and read or change the traffic, credentials included. The ' +
      'environment variable form turns verification off for every connection of the process.',
    help: {
      bad: "import https from 'node:https';\n\nexport const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n",
      good: "import https from 'node:https';\nimport { readFileSync } from 'node:fs';\n\nexport const agent = new https.Agent({ keepAlive: true, ca: readFileSync('/etc/ssl/internal-ca.pem') });\n",
      fix: 'Keep verification on; to trust a private or self-signed CA pass it with the `ca` option (or NODE_EXTRA_CA_CERTS) instead of disabling checks.',
    },
    references: [
      'https://nodejs.org/api/tls.html#tlsconnectoptions-callback',
      'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
      'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/295.html',
    ],
    tags: ['tls', 'owasp:A02:2021', 'owasp:A07:2021'],
    precision: 'high',
  },
  check(file, context) {
    const index = indexFile(file.program);
    for (const property of index.ofType('Property')) {
      const key = keyName(property);
      const value = child(property, 'value');
      if (key === undefined || !value) continue;
      let message: string | undefined;
      if (key === 'rejectUnauthorized' && isFalse(value) && !isServerOptions(property, index)) {
        message = 'rejectUnauthorized: false accepts any certificate';
      } else if (key === 'strictSSL' && isFalse(value)) {
        message = 'strictSSL: false accepts any certificate';
      } else if (key === ENV_FLAG && isZero(value, index)) {
        message = `${ENV_FLAG}=0 disables certificate checks for the whole process`;
      } else if (key === 'checkServerIdentity' && acceptsEverything(value)) {
        message = 'checkServerIdentity that never returns an error skips host name verification';
      }
      if (message) context.report({ start: property.start, end: property.end, message });
    }
    for (const assignment of index.ofType('AssignmentExpression')) {
      const left = child(assignment, 'left');
      const right = child(assignment, 'right');
      if (!left || !right || assignment.operator !== '=') continue;
      const target = targetName(left);
      let message: string | undefined;
      if (target === ENV_FLAG && isZero(right, index)) {
        message = `${ENV_FLAG}=0 disables certificate checks for the whole process`;
      } else if (target === 'rejectUnauthorized' && isFalse(right)) {
        message = 'rejectUnauthorized = false accepts any certificate';
      }
      if (message) context.report({ start: assignment.start, end: assignment.end, message });
    }
  },
};

function isZero(node: Node, index: FileIndex): boolean {
  const inner = node.type === 'Literal' ? node : undefined;
  if (inner && inner.value === 0) return true;
  return resolvedString(node, index)?.trim() === '0';
}

/**
 * Server-side options (`https.createServer({ requestCert: true, rejectUnauthorized: false })`): the flag
 * then only makes client certificates optional, and the app checks `req.socket.authorized` itself.
 */
function isServerOptions(property: Node, index: FileIndex): boolean {
  const object = index.parent(property);
  if (!object || object.type !== 'ObjectExpression') return false;
  const requestCert = lookup(object, 'requestCert');
  if (requestCert.kind === 'found') return true;
  let holder = index.parent(object);
  while (holder && isWrapper(holder)) holder = index.parent(holder);
  const method = holder && holder.type === 'CallExpression' ? calleeName(holder) : undefined;
  return method === 'createServer' || method === 'createSecureServer';
}

/** A function whose body returns nothing: `() => undefined`, `() => {}`, `function () { return; }`. */
function acceptsEverything(value: Node): boolean {
  if (!isFunction(value)) return false;
  const body = child(value, 'body');
  if (!body) return false;
  if (body.type !== 'BlockStatement') return isNullish(body);
  return list(body, 'body').every((statement) => {
    if (statement.type === 'EmptyStatement') return true;
    if (statement.type !== 'ReturnStatement') return false;
    const argument = child(statement, 'argument');
    return !argument || isNullish(argument);
  });
}
