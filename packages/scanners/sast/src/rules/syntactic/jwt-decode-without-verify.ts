import { child, list, propertyName, type Node } from '../../frontend/ast.js';
import type { SyntacticRule } from '../rule.js';
import { readsOf, siteOf } from './support/context.js';
import { isJsonwebtokenCall } from './support/jwt.js';
import {
  calleeName,
  calleeQualified,
  callRange,
  indexFile,
  isWrapper,
  keyName,
  type FileIndex,
} from './support/util.js';

/** Claims whose use means the token decides who the caller is or what they may do. */
const IDENTITY_CLAIMS = new Set([
  'sub',
  'id',
  'uid',
  'userId',
  'user_id',
  'email',
  'role',
  'roles',
  'admin',
  'isAdmin',
  'is_admin',
  'scope',
  'scopes',
  'permissions',
  'perms',
  'groups',
  'tenant',
  'tenantId',
  'tenant_id',
  'orgId',
  'org_id',
  'accountId',
  'account_id',
]);
/** Assignment targets that hold the authenticated principal: `req.user = ...`, `ctx.state.auth = ...`. */
const PRINCIPAL_TARGETS = new Set([
  'user',
  'auth',
  'principal',
  'identity',
  'claims',
  'session',
  'currentUser',
]);

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/jwt-decode-without-verify',
    family: 'jwt',
    title: 'JWT decoded without verification and trusted for identity',
    severity: 'high',
    cwe: ['CWE-345', 'CWE-347'],
    description:
      '`jwt.decode()` (jsonwebtoken) and `decodeJwt()` (jose) only base64-decode the payload; they do not check ' +
      'the signature. Anyone can write a token claiming `role: "admin"` or the `sub` of another user. The rule ' +
      'reports a decode whose claims (sub, id, role, scope, ...) are used, or which becomes `req.user`, in a ' +
      'file that never verifies a token.',
    help: {
      bad: "import jwt from 'jsonwebtoken';\nimport type { Request } from 'express';\n\nexport function isAdmin(req: Request): boolean {\n  const claims = jwt.decode(req.cookies.session) as { role?: string } | null;\n  return claims?.role === 'admin';\n}\n",
      good: "import jwt from 'jsonwebtoken';\nimport type { Request } from 'express';\n\nexport function isAdmin(req: Request): boolean {\n  const claims = jwt.verify(req.cookies.session, process.env.JWT_PUBLIC_KEY!, { algorithms: ['RS256'] }) as { role?: string };\n  return claims.role === 'admin';\n}\n",
      fix: 'Use `jwt.verify()` (jsonwebtoken) or `jwtVerify()` (jose) with the issuer key and pinned algorithms before trusting any claim; keep `decode` for reading the header (e.g. `kid`) ahead of verification.',
    },
    references: [
      'https://github.com/auth0/node-jsonwebtoken#jwtdecodetoken--options',
      'https://github.com/panva/jose/blob/main/docs/util/decode_jwt/functions/decodeJwt.md',
      'https://cwe.mitre.org/data/definitions/345.html',
    ],
    tags: ['jwt', 'owasp:A08:2021'],
    precision: 'medium',
  },
  check(file, context) {
    const index = indexFile(file.program);
    const calls = index.ofType('CallExpression');
    const decodes = calls.filter(
      (call) =>
        isJsonwebtokenCall(call, 'decode', context.bindings) ||
        calleeQualified(call, context.bindings) === 'jose.decodeJwt',
    );
    if (decodes.length === 0) return;
    // A file that verifies tokens may decode an already-verified one: stay silent there.
    if (calls.some((call) => /verify/i.test(calleeName(call) ?? ''))) return;
    for (const call of decodes) {
      const use = identityUse(call, index);
      if (use)
        context.report({
          ...callRange(call),
          message: `JWT decoded without signature verification, then ${use}`,
        });
    }
  },
};

/** How a decoded payload is trusted, else undefined. */
function identityUse(call: Node, index: FileIndex): string | undefined {
  const direct = claimRead(call, index);
  if (direct) return `its '${direct}' claim is used`;
  let holder = index.parent(call);
  while (holder && (isWrapper(holder) || holder.type === 'AwaitExpression')) holder = index.parent(holder);
  if (holder?.type === 'VariableDeclarator' && child(holder, 'id')?.type === 'ObjectPattern') {
    const keys = list(child(holder, 'id')!, 'properties').map((property) => keyName(property));
    const claim = keys.find((key) => key !== undefined && IDENTITY_CLAIMS.has(key));
    return claim ? `its '${claim}' claim is used` : undefined;
  }
  const site = siteOf(call, index);
  if (site.kind !== 'name') return undefined;
  if (site.node.type === 'AssignmentExpression' && !site.local && PRINCIPAL_TARGETS.has(site.name))
    return `it becomes '${site.name}'`;
  if (!site.local) return undefined;
  for (const read of readsOf(site.local, site.scope, index)) {
    const claim = claimRead(read, index);
    if (claim) return `its '${claim}' claim is used`;
  }
  return undefined;
}

/** The first identity claim read from a payload expression: `p.sub`, `p.payload.role`, `p?.roles`. */
function claimRead(expression: Node, index: FileIndex): string | undefined {
  let current = expression;
  for (let depth = 0; depth < 3; depth++) {
    let parent = index.parent(current);
    while (parent && (isWrapper(parent) || parent.type === 'ChainExpression')) {
      current = parent;
      parent = index.parent(parent);
    }
    if (!parent || parent.type !== 'MemberExpression' || child(parent, 'object') !== current)
      return undefined;
    const name = propertyName(parent);
    if (name !== undefined && IDENTITY_CLAIMS.has(name)) return name;
    if (name !== 'payload') return undefined;
    current = parent;
  }
  return undefined;
}
