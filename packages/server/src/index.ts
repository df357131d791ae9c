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
export {
  ServerError,
  IngestError,
  NotFoundError,
  InvalidRequestError,
  MigrationError,
  StoreConfigError,
} from './errors.js';
