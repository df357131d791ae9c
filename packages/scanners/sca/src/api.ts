/**
 * `@rampart/scanner-sca/api`: the library behind the scanner (inventory, matching, licences), for the CLI's
 * `sbom` command and the server's zero-day watch. Kept out of the package's main entry, the scanner
 * definition, which must load fast.
 */
export * from './model.js';
export { collectInventory, extractorFor, lockfileGlobs } from './inventory.js';
export { toComponents } from './graph.js';
export { purlOf } from './purl.js';
export { matchComponents, matchMessage, type VulnerabilityMatch } from './match.js';
export { judgeLicenses, type LicensePolicy } from './licenses.js';
export { RULE_MALICIOUS, RULE_VULNERABLE, RULES } from './rules.js';
export { SCANNER_VERSION } from './version.js';
export type { ScaOptions } from './options.js';
