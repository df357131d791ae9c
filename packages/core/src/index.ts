/**
 * @rampart/core: the Finding model, the scanner contract, config, file walking, the scan pipeline,
 * the post-processing chain and the policy gate. Knows no scanner by name.
 */
export * from './model.js';

export { RuleCatalog, matchesRuleSelector, withRuleDocs } from './rule-catalog.js';
export {
  OPTIONS,
  SKIP_CLASSES,
  envName,
  optionByName,
  type OptionSpec,
  type OptionType,
  type SkipClass,
} from './config/options.js';
export { FORMAT_IDS_DEFAULT } from './config/formats.js';
export { configJsonSchema, describeType } from './config/schema.js';
export {
  CONFIG_FILE_NAMES,
  loadConfig,
  loadConfigAsync,
  parseSize,
  type FlagValue,
  type LoadConfigInput,
  type LoadedConfig,
  type MaxFindings,
  type RampartConfig,
} from './config/load.js';
export { parsePositioned, schemaIssues, type PositionedDocument } from './config/yaml-source.js';
export { walk, type WalkOptions, type WalkResult } from './walk/walker.js';
export { INLINE_MARKER } from './post/inline-suppressions.js';
export { createBaseline, loadBaseline, BASELINE_SCHEMA, type BaselineFile } from './post/baseline.js';
export { loadSuppressions, SUPPRESSIONS_SCHEMA, type SuppressionEntry } from './post/suppressions-file.js';
export { evaluatePolicy, type Policy } from './policy/gate.js';
export { scan, type ScanOptions, type ScanProgress } from './pipeline/scan.js';
export { scanText } from './pipeline/scan-text.js';
export type { CandidateFinding } from './pipeline/process-file.js';
export { loadScanners, type ScannerModule } from './pipeline/load-scanners.js';
export { scanDiff, changedSince, type ChangedFiles } from './git/diff-base.js';
export { git } from './git/git.js';
export { GIT_SAFE_CONFIG } from './git/safe-config.js';
export { scanStaged } from './git/staged.js';
