import type { Generated } from 'kysely';

/**
 * The tables, as Kysely sees them. Every timestamp is an integer count of milliseconds since the Unix
 * epoch (`bigint` on PostgreSQL, parsed back to a JavaScript number; `integer` on SQLite), so that both
 * dialects store, compare and return the same values. Booleans are 0/1 integers for the same reason.
 * JSON values are stored as text written by `canonicalJson`.
 */
export interface Database {
  schema_migrations: SchemaMigrationTable;
  projects: ProjectTable;
  scans: ScanTable;
  findings: FindingTable;
  finding_branches: FindingBranchTable;
  occurrences: OccurrenceTable;
  components: ComponentTable;
  triage_decisions: TriageDecisionTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointTable;
  users: UserTable;
  project_members: ProjectMemberTable;
  api_tokens: ApiTokenTable;
  api_token_projects: ApiTokenProjectTable;
  sessions: SessionTable;
  settings: SettingTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  sla_notifications: SlaNotificationTable;
  user_identities: UserIdentityTable;
  oidc_logins: OidcLoginTable;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface ProjectTable {
  id: Generated<number>;
  name: string;
  created_at: number;
}

export type ScanKind = 'full' | 'partial';
/** `watch`: recorded by the zero-day watch (a re-match of a stored SBOM), never uploaded. */
export type UploadFormat = 'rampart-json' | 'sarif' | 'sbom' | 'watch';

export interface ScanTable {
  id: Generated<number>;
  project_id: number;
  /** Empty string when the upload named no branch (NULLs would defeat the uniqueness of re-uploads). */
  branch: string;
  /** Empty string when the upload named no commit. */
  commit_sha: string;
  pipeline_url: string | null;
  tool_name: string;
  tool_version: string;
  /** JSON: `[{ id, version, rules }]` of the scanners or SARIF drivers that ran. */
  rule_set: string;
  /** JSON array of the scanner ids the scan covered (what a full scan can declare fixed). */
  scanners: string;
  config_hash: string | null;
  /** SHA-256 of the canonical JSON of the uploaded documents: identifies a re-upload. */
  content_hash: string;
  format: UploadFormat;
  kind: ScanKind;
  finding_count: number;
  component_count: number;
  created_at: number;
}

export type FindingState = 'new' | 'open' | 'fixed' | 'reopened';
export type TriageDecision = 'false_positive' | 'accepted_risk' | 'mitigated';

export interface FindingTable {
  id: Generated<number>;
  project_id: number;
  fingerprint: string;
  tool_name: string;
  scanner: string;
  rule_id: string;
  severity: string;
  title: string;
  message: string;
  path: string;
  start_line: number;
  start_column: number;
  end_line: number;
  end_column: number;
  snippet: string | null;
  /** JSON array of CWE ids. */
  cwe: string;
  /** JSON of kind-specific details (dependency, secret, config...), or null. */
  details: string | null;
  /** In-repository suppression reported by the latest scan (inline, file, baseline, vex), or null. */
  suppression: string | null;
  state: FindingState;
  state_changed_at: number;
  triage: TriageDecision | null;
  triage_justification: string | null;
  triage_approver: string | null;
  triage_actor: string | null;
  triage_expires_at: number | null;
  triage_at: number | null;
  first_seen_at: number;
  last_seen_at: number;
  first_scan_id: number;
  last_scan_id: number;
  fixed_at: number | null;
  fixed_scan_id: number | null;
}

/** Whether the latest scan of a branch still had the finding (1) or no longer had it (0). */
export interface FindingBranchTable {
  finding_id: number;
  branch: string;
  present: number;
  /** The scan that last changed `present` (the finding appeared on or left the branch). */
  last_scan_id: number;
}

export interface OccurrenceTable {
  scan_id: number;
  finding_id: number;
  path: string;
  start_line: number;
  end_line: number;
  severity: string;
}

export interface ComponentTable {
  id: Generated<number>;
  scan_id: number;
  project_id: number;
  purl: string;
  ecosystem: string;
  name: string;
  version: string;
  scope: string;
  direct: number;
  /** JSON array of licence expressions, or null. */
  licenses: string | null;
}

export interface TriageDecisionTable {
  id: Generated<number>;
  finding_id: number;
  /** A decision, `reset` (decision withdrawn) or `expired` (an acceptance ran out). */
  decision: TriageDecision | 'reset' | 'expired';
  justification: string | null;
  approver: string | null;
  actor: string;
  expires_at: number | null;
  created_at: number;
}

export interface AuditLogTable {
  seq: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  reason: string | null;
  /** Canonical JSON of the action's details, or null. */
  data: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  at: number;
  key_id: string;
  signature: string;
}

/** A person who signs in with an e-mail address and a password. */
export interface UserTable {
  id: Generated<number>;
  /** Lower-cased; unique. */
  email: string;
  /** `scrypt$N$r$p$salt$hash` (see `auth/password.ts`). */
  password_hash: string;
  /** 1 for a server administrator (every project, users, tokens, the audit log). */
  admin: number;
  created_at: number;
  disabled_at: number | null;
}

export type ProjectRole = 'maintainer' | 'viewer';

/**
 * A user's role on a project. Projects are named, not numbered, here: a role (or a token) may be granted
 * before the project's first upload creates it, and project names never change.
 */
export interface ProjectMemberTable {
  user_id: number;
  project: string;
  role: ProjectRole;
  created_at: number;
}

/** `metrics`: only `GET /metrics`, server-wide (no projects); created by administrators. */
export type TokenScope = 'ingest' | 'read' | 'metrics';

/** An API token. Only the SHA-256 of the secret is stored: the secret is shown once, at creation. */
export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  /** Hex SHA-256 of the whole token text (`rpt_...`). */
  token_hash: string;
  scope: TokenScope;
  /** Who created it (audit actor form). */
  created_by: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ApiTokenProjectTable {
  token_id: number;
  project: string;
}

/** A signed-in browser session. The id is the hex SHA-256 of the cookie's secret. */
export interface SessionTable {
  id: string;
  user_id: number;
  created_at: number;
  expires_at: number;
}

/** A server-wide setting changed through the API (e.g. `sla-policy`), as canonical JSON. */
export interface SettingTable {
  key: string;
  value: string;
  updated_at: number;
  updated_by: string;
}

export type WebhookFormat = 'generic' | 'slack' | 'teams';
/** What a webhook can subscribe to (`ping` is the test message, always sent when asked for). */
export type WebhookEventType = 'findings.new' | 'sla.breached' | 'project.affected';

/** Where notifications go. */
export interface WebhookTable {
  id: Generated<number>;
  name: string;
  /** http(s) URL; may itself be a credential (Slack, Teams): never shown again in full. */
  url: string;
  format: WebhookFormat;
  /** JSON array of `WebhookEventType` (sorted). */
  events: string;
  /** JSON array of project names (sorted); empty for every project. */
  projects: string;
  /** The lowest severity that alerts (new findings, SLA breaches). */
  min_severity: string;
  /** The HMAC-SHA256 key of the signatures; shown once, at creation or rotation. */
  secret: string;
  enabled: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One notification to one webhook: the outbox the dispatcher works through, and the delivery log. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  webhook_id: number;
  /** The notification's id (the payload's `id`): the same for every webhook and every redelivery. */
  event_id: string;
  event_type: string;
  project: string | null;
  /** Canonical JSON of the generic envelope `{ id, type, at, project, data }`. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  /** When the dispatcher may try (again); null once delivered or failed. */
  next_attempt_at: number | null;
  last_status_code: number | null;
  /** Why the last attempt failed (truncated), or null. */
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

/** Findings whose SLA breach was announced (each is announced once). */
export interface SlaNotificationTable {
  finding_id: number;
  notified_at: number;
}

/** A user's account at an OpenID provider; (issuer, subject) is unique. */
export interface UserIdentityTable {
  issuer: string;
  subject: string;
  user_id: number;
  /** 1 when the provider's groups made the user an administrator (withdrawn when they leave them). */
  admin_from_groups: number;
  created_at: number;
  last_sign_in_at: number;
}

/** An OIDC sign-in waiting for the provider's callback. The id is the hex SHA-256 of the cookie's secret. */
export interface OidcLoginTable {
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  /** Where to go after signing in: a path on this server. */
  return_to: string;
  created_at: number;
  expires_at: number;
}
