import type { ScannerDefinition } from '@rampart/core/model';
import type { SastRuleMeta } from './rules/rule.js';
import { SYNTACTIC_RULES } from './rules/syntactic/index.js';
import { TAINT_RULES } from './rules/taint.js';

/** `scanner-config.sast` in rampart.yml. */
export interface SastOptions {
  /** Milliseconds of analysis per file before it is skipped with a note (default 10000). */
  'timeout-ms'?: number;
  /** Also analyse vendored folders and minified files (default false). */
  'include-vendored'?: boolean;
}

const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    'timeout-ms': {
      type: 'integer',
      minimum: 100,
      maximum: 600000,
      description: 'Analysis time budget per file in milliseconds.',
    },
    'include-vendored': { type: 'boolean', description: 'Analyse vendored and minified files too.' },
  },
} as const;

/** Every rule of the scanner, sorted by id. */
export const SAST_RULES: readonly SastRuleMeta[] = [
  ...TAINT_RULES,
  ...SYNTACTIC_RULES.map((r) => r.meta),
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * @rampart/scanner-sast: static analysis for JavaScript and TypeScript. A taint engine follows request
 * data across functions and files into dangerous sinks (models in `src/models/*.json`); syntactic rules
 * catch local misuses (JWT, crypto, TLS, CORS, cookies, XXE).
 */
const scanner: ScannerDefinition<SastOptions> = {
  id: 'sast',
  title: 'SAST (JavaScript/TypeScript)',
  description:
    'Taint analysis across functions and files (injection, XSS, SSRF, path traversal, redirects, prototype pollution) and syntactic checks for crypto, JWT, TLS, CORS and cookie misuse.',
  version: '0.1.0',
  rules: SAST_RULES,
  files: {
    include: [
      '*.js',
      '*.jsx',
      '*.mjs',
      '*.cjs',
      '*.ts',
      '*.tsx',
      '*.mts',
      '*.cts',
      '*.vue',
      '*.svelte',
      'tsconfig*.json',
      'jsconfig.json',
      'package.json',
    ],
    exclude: ['*.min.js', '*.d.ts', '*.d.mts', '*.d.cts', '*.bundle.js'],
  },
  optionsSchema: OPTIONS_SCHEMA,
  async scanProject(context) {
    if (context.files.length === 0) return;
    const project = await import('./project.js');
    await project.scanProject(context);
  },
};

export default scanner;
