import type { ScannerDefinition } from '@rampart/core/model';
import type { SecretEngine } from './engine.js';
import {
  OPTIONS_SCHEMA,
  customRules,
  toEngineOptions,
  validateOptions,
  type SecretsOptions,
} from './options.js';
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
  validateOptions,
  extraRules: (options) => customRules(options).map(toRuleMeta),
  async createFileScanner({ options, enabledRules }) {
    const engine = await createEngine(options, enabledRules);
    return {
      scanFile: (file, report) => ({
        inlineMarker: engine.scan(file.text, report, { path: file.path }),
      }),
    };
  },
  async scanHistory(context) {
    const engine = await createEngine(context.options, context.enabledRules);
    for await (const change of context.changes()) {
      engine.scan(
        change.text,
        (raw) =>
          context.report(change, {
            ...raw,
            ...(raw.details?.kind === 'secret'
              ? {
                  details: {
                    ...raw.details,
                    commit: change.commit,
                    author: change.author,
                    date: change.date,
                  },
                }
              : {}),
          }),
        { path: change.path },
      );
    }
  },
};

/** The engine (prefilter, regex compilation, validators) loads only when this scanner scans. */
async function createEngine(
  options: SecretsOptions,
  enabledRules: ReadonlySet<string>,
): Promise<SecretEngine> {
  const { SecretEngine } = await import('./engine.js');
  const rules = [...RULES, ...customRules(options)];
  return new SecretEngine(
    rules.filter((rule) => enabledRules.has(rule.id)),
    toEngineOptions(options),
  );
}

export default scanner;
