import type { ProjectRole, TokenScope } from '../db/schema.js';

/** Who makes a request: a signed-in user or an API token. Anonymous requests have no principal. */
export type Principal = UserPrincipal | TokenPrincipal;

export interface UserPrincipal {
  kind: 'user';
  userId: number;
  email: string;
  admin: boolean;
  /** Role per project name. */
  roles: ReadonlyMap<string, ProjectRole>;
  /** The session's secret (from the cookie): the CSRF token derives from it. */
  sessionSecret: string;
}

export interface TokenPrincipal {
  kind: 'token';
  tokenId: number;
  name: string;
  scope: TokenScope;
  projects: ReadonlySet<string>;
}

/** What a request does to a project. */
export type ProjectPermission = 'read' | 'ingest' | 'triage' | 'manage-tokens';

const ROLE_PERMISSIONS: Record<ProjectRole, readonly ProjectPermission[]> = {
  maintainer: ['read', 'ingest', 'triage', 'manage-tokens'],
  viewer: ['read'],
};

const SCOPE_PERMISSIONS: Record<TokenScope, readonly ProjectPermission[]> = {
  ingest: ['ingest'],
  read: ['read'],
  metrics: [],
};

/**
 * May `principal` do `permission` on `project`? Deny by default: only an administrator, a role on that
 * project, or a token scoped to it grants anything.
 */
export function allows(principal: Principal, permission: ProjectPermission, project: string): boolean {
  if (principal.kind === 'user') {
    if (principal.admin) return true;
    const role = principal.roles.get(project);
    return role !== undefined && ROLE_PERMISSIONS[role].includes(permission);
  }
  return principal.projects.has(project) && SCOPE_PERMISSIONS[principal.scope].includes(permission);
}

export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'user' && principal.admin;
}

/** May `principal` read `/metrics` (every project's counts)? An administrator or a `metrics` token. */
export function mayReadMetrics(principal: Principal): boolean {
  return isAdmin(principal) || (principal.kind === 'token' && principal.scope === 'metrics');
}

/** How the principal appears in the audit log: `user:<email>` or `token:<name>#<id>`. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'user'
    ? `user:${principal.email}`
    : `token:${principal.name}#${principal.tokenId}`;
}
