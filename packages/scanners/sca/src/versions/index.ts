/**
 * Version ordering per ecosystem and OSV affected-range evaluation.
 *
 * Each ecosystem's ordering lives in its own module (`npm.ts`, `pypi.ts`, `maven.ts`, ...); this is
 * the small public API the matcher uses.
 */
export { compareVersions, hasVersionOrdering, isOrderable, isValidVersion, sortVersions } from './compare.js';
export { fixedVersions, isAffected, nearestFixed } from './osv-range.js';
export { InvalidVersionError, UnknownEcosystemError } from './scheme.js';
