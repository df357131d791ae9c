import type {
  AuditEntry,
  AuditVerification,
  AuthProviders,
  Compliance,
  Components,
  Facets,
  FindingDetail,
  Overview,
  PackageUsage,
  Project,
  ProjectSla,
  RuleUsage,
  Scan,
  Session,
  SlaPolicy,
  TablePage,
  Token,
  User,
  Webhook,
} from './types.js';

/** An error answer of the API: `{ error: { code, message } }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** `?a=1&b=x&b=y` from a query object; undefined and empty values are left out. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value as string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const p = (project: string) => `/api/v1/projects/${encodeURIComponent(project)}`;

/**
 * The typed client of the Rampart API. Same-origin requests with the session cookie; state-changing
 * requests carry the CSRF token the session returned.
 */
export class Api {
  private csrf: string | undefined;
  /** Called when a request finds the session ended (401). */
  onUnauthenticated: () => void = () => undefined;

  private async request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf !== undefined) headers['x-csrf-token'] = this.csrf;
    const response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let data: unknown;
    try {
      data = text === '' ? null : JSON.parse(text);
    } catch {
      data = null;
    }
    if (!response.ok) {
      const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
      if (response.status === 401 && !url.endsWith('/session')) this.onUnauthenticated();
      throw new ApiError(
        response.status,
        error?.code ?? 'http-error',
        error?.message ?? `${response.status} ${response.statusText}`,
      );
    }
    return data as T;
  }

  // ------------------------------------------------------------------------------------- session
  /** The signed-in session, or null when the browser has none (asked without a failing request). */
  async currentSession(): Promise<Session | null> {
    const state = await this.request<{ signedIn: boolean; session?: Session }>(
      'GET',
      '/api/v1/session/state',
    );
    if (!state.signedIn || state.session === undefined) return null;
    this.csrf = state.session.csrfToken;
    return state.session;
  }
  async session(): Promise<Session> {
    const session = await this.request<Session>('GET', '/api/v1/session');
    this.csrf = session.csrfToken;
    return session;
  }
  async signIn(email: string, password: string): Promise<Session> {
    const session = await this.request<Session>('POST', '/api/v1/session', { email, password });
    this.csrf = session.csrfToken;
    return session;
  }
  async signOut(): Promise<void> {
    await this.request<void>('DELETE', '/api/v1/session');
    this.csrf = undefined;
  }
  private routes: Promise<Set<string>> | undefined;

  /**
   * Does this server have `GET url`? Read once from its OpenAPI document, so that optional features
   * (sign-in providers, webhooks) are detected without requests that fail (and that the browser would
   * log as errors).
   */
  async hasRoute(url: string): Promise<boolean> {
    this.routes ??= this.request<{ paths?: Record<string, Record<string, unknown>> }>(
      'GET',
      '/api/openapi.json',
    ).then(
      (doc) =>
        new Set(
          Object.entries(doc.paths ?? {})
            .filter(([, methods]) => 'get' in methods)
            .map(([path]) => path),
        ),
      () => new Set<string>(),
    );
    return (await this.routes).has(url);
  }

  /** The sign-in methods, or undefined when the server does not tell (no such route). */
  async authProviders(): Promise<AuthProviders | undefined> {
    if (!(await this.hasRoute('/api/v1/auth/providers'))) return undefined;
    try {
      return await this.request<AuthProviders>('GET', '/api/v1/auth/providers');
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return undefined;
      throw error;
    }
  }

  // ------------------------------------------------------------------------------------ projects
  projects() {
    return this.request<{ items: Project[] }>('GET', '/api/v1/projects');
  }
  overview(query: { team?: string; weeks?: number }) {
    return this.request<Overview>('GET', `/api/v1/dashboard/overview${queryString(query)}`);
  }
  scans(project: string, query: { limit?: number; cursor?: string } = {}) {
    return this.request<{ items: Scan[]; nextCursor: string | null }>(
      'GET',
      `${p(project)}/scans${queryString(query)}`,
    );
  }
  findingTable(project: string, query: Query) {
    return this.request<TablePage>('GET', `${p(project)}/dashboard/findings${queryString(query)}`);
  }
  facets(project: string) {
    return this.request<Facets>('GET', `${p(project)}/dashboard/facets`);
  }
  components(project: string) {
    return this.request<Components>('GET', `${p(project)}/dashboard/components`);
  }
  finding(project: string, fingerprint: string) {
    return this.request<FindingDetail>('GET', `${p(project)}/findings/${encodeURIComponent(fingerprint)}`);
  }
  findingAudit(project: string, fingerprint: string) {
    return this.request<{ items: AuditEntry[] }>(
      'GET',
      `${p(project)}/findings/${encodeURIComponent(fingerprint)}/audit`,
    );
  }
  triage(
    project: string,
    fingerprint: string,
    body: { decision: string; justification: string; approver?: string; expiresAt?: number },
  ) {
    return this.request<unknown>(
      'POST',
      `${p(project)}/findings/${encodeURIComponent(fingerprint)}/triage`,
      body,
    );
  }
  bulkTriage(
    project: string,
    body: {
      fingerprints: string[];
      decision: string;
      justification: string;
      approver?: string;
      expiresAt?: number;
    },
  ) {
    return this.request<{ changed: number }>('POST', `${p(project)}/dashboard/triage`, body);
  }
  sla(project: string) {
    return this.request<ProjectSla>('GET', `${p(project)}/sla?limit=20`);
  }
  compliance(project: string) {
    return this.request<Compliance>('GET', `${p(project)}/compliance`);
  }
  /** The URL of the compliance CSV (a download link, sent with the session cookie). */
  complianceCsvUrl(project: string): string {
    return `${p(project)}/compliance?format=csv`;
  }

  // -------------------------------------------------------------------------------------- search
  packages(query: { name: string; version?: string; history?: boolean }) {
    return this.request<{ items: PackageUsage[] }>('GET', `/api/v1/packages${queryString(query)}`);
  }
  ruleUsage(rule: string) {
    return this.request<{ items: RuleUsage[] }>('GET', `/api/v1/rules/usage${queryString({ rule })}`);
  }

  // --------------------------------------------------------------------------------------- audit
  auditEntries(query: { before?: number; limit?: number; action?: string; actor?: string }) {
    return this.request<{ items: AuditEntry[]; nextBefore: number | null }>(
      'GET',
      `/api/v1/audit/entries${queryString(query)}`,
    );
  }
  verifyAudit() {
    return this.request<AuditVerification>('GET', '/api/v1/audit/verify');
  }

  // --------------------------------------------------------------------------------------- admin
  users() {
    return this.request<{ items: User[] }>('GET', '/api/v1/users');
  }
  createUser(body: { email: string; password: string; admin: boolean }) {
    return this.request<User>('POST', '/api/v1/users', body);
  }
  disableUser(id: number) {
    return this.request<void>('DELETE', `/api/v1/users/${id}`);
  }
  setRole(project: string, userId: number, role: 'maintainer' | 'viewer' | null) {
    return role === null
      ? this.request<void>('DELETE', `${p(project)}/members/${userId}`)
      : this.request<void>('PUT', `${p(project)}/members/${userId}`, { role });
  }
  tokens() {
    return this.request<{ items: Token[] }>('GET', '/api/v1/tokens');
  }
  createToken(body: { name: string; scope: string; projects: string[]; expiresInDays: number }) {
    return this.request<{ token: string; info: Token }>('POST', '/api/v1/tokens', body);
  }
  revokeToken(id: number) {
    return this.request<Token>('DELETE', `/api/v1/tokens/${id}`);
  }
  slaPolicy() {
    return this.request<{ policy: SlaPolicy; stored: Partial<SlaPolicy> | null }>(
      'GET',
      '/api/v1/sla/policy',
    );
  }
  setSlaPolicy(policy: Partial<SlaPolicy>) {
    return this.request<{ policy: SlaPolicy; stored: Partial<SlaPolicy> | null }>(
      'PUT',
      '/api/v1/sla/policy',
      policy,
    );
  }
  /** Webhooks, when the server has them (another module); undefined on a 404. */
  async webhooks(): Promise<{ items: Webhook[] } | undefined> {
    if (!(await this.hasRoute('/api/v1/webhooks'))) return undefined;
    try {
      return await this.request<{ items: Webhook[] }>('GET', '/api/v1/webhooks');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }
}

export const api = new Api();
