/** The zero-day watch: re-match stored SBOMs when the advisory database changes. */
export { parseDuration } from './duration.js';
export {
  ADVISORY_RULES,
  flawKey,
  identityOfFinding,
  watchFingerprint,
  type DependencyIdentity,
} from './identity.js';
export {
  recordWatchScan,
  watchContentHash,
  WATCH_ACTOR,
  WATCH_TOOL,
  type DatabaseVersion,
  type WatchRecord,
} from './record.js';
export { componentsOf, latestSbomScans, rematch, type SbomScan, type WatchCandidate } from './rematch.js';
export {
  databaseVersion,
  WatchBusyError,
  WatchDisabledError,
  ZeroDayWatch,
  type AffectedBranch,
  type WatchLog,
  type WatchOptions,
  type WatchProblem,
  type WatchRun,
  type WatchStatus,
  type WatchUpdateOptions,
} from './watch.js';
