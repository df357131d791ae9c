/**
 * `@rampart/server`: the server's storage, ingestion, finding lifecycle, traceability queries and
 * tamper-evident audit log. The HTTP layer builds on this.
 */
export {
  openStore,
  SQLITE_FILE,
  type Store,
  type StoreOptions,
  type ScanView,
  type FindingView,
  type TriageView,
  type IngestResult,
  type FindingFilter,
  type TriageRequest,
  type PackageQuery,
  type PackageUsage,
  type AdminAction,
  type AuditAppender,
} from './store.js';
export { ingest, parseUpload, type Upload } from './ingest/index.js';
export type { ScanImport, ImportedFinding, ImportedComponent, Severity } from './ingest/model.js';
export { verifyAudit, exportAuditJsonl, verifyAuditExport } from './audit/index.js';
export type { AuditVerification, AuditProblem, AuditProblemKind } from './audit/verify.js';
export type { AuditEntry, AuditCheckpoint } from './audit/chain.js';
export { SIGNING_KEY_FILE, publicKeyFromPem } from './audit/keys.js';
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './db/migrations.js';
export type { FindingState, TriageDecision, ScanKind, UploadFormat } from './db/schema.js';
export { canonicalJson } from './canonical-json.js';
export { EventBus, type ServerEvent, type ServerEventType, type EventListener } from './events.js';
export {
  ServerError,
  IngestError,
  NotFoundError,
  InvalidRequestError,
  MigrationError,
  StoreConfigError,
  UnauthenticatedError,
  ForbiddenError,
  ConflictError,
  RateLimitError,
} from './errors.js';
export { createServer, DEFAULT_INGEST_LIMIT, type ServerOptions, type RampartServer } from './http/server.js';
export { API_ROUTES } from './http/routes.js';
export type { ApiRoute, Access } from './http/route.js';
export type { RateLimit } from './http/rate-limit.js';
export {
  countAdmins,
  createUser,
  createToken,
  listUsers,
  listTokens,
  revokeToken,
  setProjectRole,
  type UserView,
  type TokenView,
} from './auth/accounts.js';
export { TOKEN_PREFIX, TOKEN_PATTERN } from './auth/secrets.js';
export { MIN_PASSWORD_LENGTH, passwordProblem } from './auth/password.js';
export { allows, type Principal, type ProjectPermission } from './auth/principal.js';
export type { ProjectRole, TokenScope } from './db/schema.js';
export {
  DEFAULT_SLA_POLICY,
  SLA_SEVERITIES,
  resolveSlaPolicy,
  checkSlaPolicy,
  summariseSla,
  type SlaPolicy,
  type SlaSeverity,
  type SlaCounts,
  type SlaBreach,
  type SlaSeveritySummary,
} from './visibility/sla.js';
export {
  COMPLIANCE_STANDARDS,
  complianceReport,
  complianceCsv,
  cweNumber,
  type ComplianceReport,
  type ComplianceFinding,
} from './visibility/compliance.js';
export {
  renderExposition,
  collectMetrics,
  ProcessMetrics,
  Histogram,
  EXPOSITION_CONTENT_TYPE,
  type MetricFamily,
} from './visibility/metrics.js';
export {
  Notifier,
  DEFAULT_DELIVERY_POLICY,
  DEFAULT_SLA_CHECK_INTERVAL_MS,
  type DeliveryPolicy,
  type NotifierOptions,
} from './notify/index.js';
export {
  signature as webhookSignature,
  slackMessage,
  teamsMessage,
  type Envelope as NotificationEnvelope,
  type NotificationType,
} from './notify/formats.js';
export { isForbiddenAddress, maskWebhookUrl } from './notify/address.js';
export {
  createWebhook,
  listWebhooks,
  updateWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FORMATS,
  type WebhookView,
  type WebhookInput,
  type DeliveryView,
} from './notify/webhooks.js';
export type { WebhookFormat, WebhookEventType, DeliveryStatus } from './db/schema.js';
export {
  checkOidcOptions,
  OidcConfigError,
  OIDC_CALLBACK_PATH,
  type OidcOptions,
  type OidcSettings,
} from './auth/oidc-config.js';
export { OidcRelyingParty, type OidcClaims } from './auth/oidc.js';
export {
  parseDuration,
  watchFingerprint,
  WATCH_ACTOR,
  WATCH_TOOL,
  WatchBusyError,
  WatchDisabledError,
  ZeroDayWatch,
  type AffectedBranch,
  type WatchOptions,
  type WatchProblem,
  type WatchRun,
  type WatchStatus,
  type WatchUpdateOptions,
} from './watch/index.js';
