import type { ScannerDefinition } from '@rampart/core/model';
import { SecretEngine } from './engine.js';
import { OPTIONS_SCHEMA, toEngineOptions, type SecretsOptions } from './options.js';
import { RULES } from './rules/index.js';
import { toRuleMeta } from './secret-rule.js';

export type { SecretsOptions } from './options.js';

/** Lockfiles and source maps: hashes and copies of sources, never hand-written secrets. */
const NOISY_FILES = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'go.sum',
  '*.lock',
  '*.lockfile',
  '*.map',
];

/**
 * @rampart/scanner-secrets: finds hard-coded credentials in every text file. Rules are data
 * (`src/rules/`); the engine prefilters each file by keyword and runs only the rules that can match.
 */
const scanner: ScannerDefinition<SecretsOptions> = {
  id: 'secrets',
  title: 'Secrets',
  description:
    'Finds hard-coded credentials: cloud and SaaS tokens, private keys, passwords in URLs and assignments.',
  version: '0.1.0',
  rules: RULES.map(toRuleMeta),
  files: { include: ['**'], exclude: NOISY_FILES },
  optionsSchema: OPTIONS_SCHEMA,
  createFileScanner({ options, enabledRules }) {
    const engine = new SecretEngine(
      RULES.filter((rule) => enabledRules.has(rule.id)),
      toEngineOptions(options),
    );
    return { scanFile: (file, report) => engine.scan(file.text, report) };
  },
};

export default scanner;
