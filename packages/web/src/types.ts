/**
 * The API's shapes as the dashboard reads them, written against the server's JSON schemas (the
 * OpenAPI document at `/api/openapi.json`: `packages/server/src/http/schemas.ts` and
 * `dashboard-schemas.ts`).
 */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type FindingState = 'new' | 'open' | 'fixed' | 'reopened';
export type TriageDecision = 'false_positive' | 'accepted_risk' | 'mitigated';
export type BySeverity = Record<Severity, number>;

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const STATES: readonly FindingState[] = ['new', 'open', 'reopened', 'fixed'];

export interface SessionUser {
  id: number;
  email: string;
  admin: boolean;
  roles: { project: string; role: 'maintainer' | 'viewer' }[];
}

export interface Session {
  kind: 'user' | 'token';
  user?: SessionUser;
  csrfToken?: string;
}

export interface Project {
  name: string;
  createdAt: number;
}

export interface Scan {
  id: number;
  project: string;
  branch: string;
  commit: string;
  pipelineUrl: string | null;
  tool: { name: string; version: string };
  scanners: string[];
  format: string;
  kind: string;
  findingCount: number;
  componentCount: number;
  createdAt: number;
}

export interface Triage {
  decision: string;
  justification: string | null;
  approver: string | null;
  actor: string | null;
  expiresAt: number | null;
  at: number | null;
}

export interface Finding {
  id: number;
  project: string;
  fingerprint: string;
  tool: string;
  scanner: string;
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  location: {
    path: string;
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
    snippet?: string;
  };
  cwe: string[];
  details: unknown;
  suppression: string | null;
  state: FindingState;
  stateChangedAt: number;
  triage: Triage | null;
  firstSeenAt: number;
  lastSeenAt: number;
  fixedAt: number | null;
}

export interface FindingDetail {
  finding: Finding;
  scans: Scan[];
  triageHistory: Triage[];
}

export interface TableRow {
  fingerprint: string;
  ruleId: string;
  scanner: string;
  severity: Severity;
  title: string;
  path: string;
  startLine: number;
  state: FindingState;
  triage: string | null;
  cwe: string[];
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface TablePage {
  total: number;
  offset: number;
  items: TableRow[];
}

export interface Facets {
  scanners: { scanner: string; count: number }[];
  rules: { ruleId: string; scanner: string; count: number }[];
}

export interface Overview {
  asOf: number;
  teams: string[];
  projects: number;
  weeks: { at: number; open: BySeverity; new: number; fixed: number }[];
  open: BySeverity;
  sla: { breached: number; meanTimeToRemediateDays: number | null };
  riskiest: { project: string; score: number; open: BySeverity }[];
  recentScans: {
    id: number;
    project: string;
    branch: string;
    commit: string;
    pipelineUrl: string | null;
    findingCount: number;
    createdAt: number;
  }[];
}

export interface Component {
  purl: string;
  ecosystem: string;
  name: string;
  version: string;
  scope: string;
  direct: boolean;
  licenses: string[];
  vulnerabilities: {
    fingerprint: string;
    severity: Severity;
    advisoryIds: string[];
    fixedIn: string | null;
  }[];
}

export interface Components {
  scan: { id: number; branch: string; commit: string; createdAt: number } | null;
  total: number;
  components: Component[];
  licenses: { license: string; count: number }[];
}

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  reason: string | null;
  data: unknown;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  checkpoints: number;
  sealedThrough: number;
  unsealed: number;
  problems: { kind: string; seq: number; message: string }[];
}

export interface PackageUsage {
  project: string;
  branch: string;
  commit: string;
  scanId: number;
  scannedAt: number;
  purl: string;
  ecosystem: string;
  name: string;
  version: string;
  scope: string;
  direct: boolean;
}

export interface RuleUsage {
  project: string;
  open: number;
  states: Record<FindingState, number>;
  samples: { fingerprint: string; severity: Severity; path: string; line: number }[];
}

export interface ComplianceCounts {
  open: number;
  triaged: number;
  fixed: number;
}

export interface Compliance {
  project: string;
  standards: {
    id: string;
    name: string;
    source: string;
    categories: (ComplianceCounts & { id: string; name: string; rules: string[] })[];
  }[];
  unmapped: ComplianceCounts & { rules: string[] };
}

export interface User {
  id: number;
  email: string;
  admin: boolean;
  disabled: boolean;
  createdAt: number;
  roles: { project: string; role: 'maintainer' | 'viewer' }[];
}

export interface Token {
  id: number;
  name: string;
  scope: 'ingest' | 'read' | 'metrics';
  projects: string[];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export type SlaPolicy = Record<'critical' | 'high' | 'medium' | 'low', number>;

export interface ProjectSla {
  severities: {
    severity: Severity;
    days: number;
    open: number;
    breached: number;
    fixed: number;
    meanTimeToRemediateDays: number | null;
  }[];
  breaches: {
    fingerprint: string;
    ruleId: string;
    severity: Severity;
    title: string;
    path: string;
    dueAt: number;
    daysOverdue: number;
  }[];
}

/** `GET /api/v1/auth/providers` (sign-in methods); absent on servers without OIDC support. */
export interface AuthProviders {
  password?: { enabled: boolean };
  oidc?: { enabled: boolean; name?: string; loginUrl?: string };
}

/** A rule's documentation, bundled with the dashboard from the scanners' rule metadata. */
export interface RuleDoc {
  id: string;
  title: string;
  description: string;
  help: { bad: string; good: string; fix: string };
  references: string[];
  cwe: string[];
}

/** A webhook of `GET /api/v1/webhooks` (servers with notifications); its URL comes shortened. */
export interface Webhook {
  id: number;
  name: string;
  url: string;
  format: string;
  events: string[];
  projects: string[];
  minSeverity: string;
  enabled: boolean;
}
