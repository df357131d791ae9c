import type { ScannerDefinition } from '@rampart/core/model';
import { LOCKFILE_GLOBS } from './lockfile-globs.js';
import { OPTIONS_SCHEMA, type ScaOptions } from './options.js';
import { RULES } from './rules.js';
import { SCANNER_VERSION } from './version.js';

export type { ScaOptions } from './options.js';
export { ECOSYSTEMS, type Ecosystem } from './model.js';
export { SCANNER_VERSION } from './version.js';

/**
 * @rampart/scanner-sca: reads the lockfiles of every major ecosystem, matches the installed versions
 * against a local OSV advisory database, and checks dependency licences against the policy.
 *
 * This module is the plug-in definition only: every scan imports it for the rule catalog, so it loads
 * no extractor, parser or database driver. The project pass imports them when it has work to do.
 */
const scanner: ScannerDefinition<ScaOptions> = {
  id: 'sca',
  title: 'Dependencies (SCA)',
  description:
    'Finds dependencies with known vulnerabilities (OSV advisories) or malicious releases in lockfiles and SBOMs, and licences the policy does not allow.',
  version: SCANNER_VERSION,
  rules: RULES,
  files: { include: LOCKFILE_GLOBS },
  optionsSchema: OPTIONS_SCHEMA,
  async scanProject(context) {
    if (context.files.length === 0 && !context.options.sbom) return;
    const project = await import('./project.js');
    await project.scanProject(context);
  },
};

export default scanner;
