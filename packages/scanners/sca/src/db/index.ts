/**
 * The local OSV advisory database: building it (`importAdvisories`, `updateDatabase`), opening it
 * (`openAdvisoryDb`) and the name and alias rules shared with matching. See README.md.
 */
export { groupAliases, UnionFind } from './aliases.js';
export {
  AdvisoryDb,
  openAdvisoryDb,
  readSqliteHeader,
  type AdvisoryCandidate,
  type AdvisoryDbInfo,
  type EcosystemInfo,
  type OpenAdvisoryDbOptions,
  type SourceInfo,
  type SqliteHeader,
} from './database.js';
export { crc32c, parseGoogHash, type FetchLike } from './download.js';
export { AdvisoryDbError, DownloadError, type AdvisoryDbErrorKind } from './errors.js';
export {
  importAdvisories,
  MAX_PROBLEMS,
  type ImportOptions,
  type ImportProblem,
  type ImportProgress,
  type ImportResult,
} from './import.js';
export { normalizeName, splitEcosystem, type EcosystemParts } from './names.js';
export { defaultDbPath } from './paths.js';
export { APPLICATION_ID, SCHEMA_VERSION } from './schema.js';
export { MAX_RECORD_BYTES, type SourceKind } from './sources.js';
export {
  DEFAULT_MIRROR,
  updateDatabase,
  type EcosystemUpdate,
  type UpdateOptions,
  type UpdateProgress,
  type UpdateResult,
} from './update.js';
export { isDateTime, isUri, OSV_ECOSYSTEMS, validateOsvRecord, type OsvValidation } from './validate.js';
export type { BuildMode } from './writer.js';
