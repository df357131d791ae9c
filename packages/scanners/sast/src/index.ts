import { LineIndex, type RawTraceStep, type ScannerDefinition } from '@rampart/core/model';
import { analyze } from './analyze.js';
import type { SastRuleMeta } from './rules/rule.js';
import { SYNTACTIC_RULES } from './rules/syntactic/index.js';
import { TAINT_RULES } from './rules/taint.js';

export { analyze, type SastAnalysis, type SastFinding } from './analyze.js';
export { evaluateCorpus, type ClassScore } from './corpus.js';

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

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte)$/;

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
    const sources: { path: string; text: string }[] = [];
    const configs: { path: string; text: string }[] = [];
    for (const path of context.files) {
      const text = await context.readText(path);
      (SOURCE_FILE.test(path) ? sources : configs).push({ path, text });
    }
    const result = analyze(sources, configs, {
      timeoutMs: context.options['timeout-ms'] ?? 10_000,
      skipVendored: context.options['include-vendored'] !== true,
      enabled: (id) => context.enabledRules.has(id),
      syntacticRules: SYNTACTIC_RULES,
    });
    const indexes = new Map<string, LineIndex>();
    const indexOf = (path: string): LineIndex => {
      let index = indexes.get(path);
      if (!index) indexes.set(path, (index = new LineIndex(result.texts.get(path) ?? '')));
      return index;
    };
    for (const note of result.notes) {
      const text = result.texts.get(note.path);
      const line =
        note.offset !== undefined && text !== undefined
          ? new LineIndex(text).position(note.offset).line
          : undefined;
      context.diagnostic({
        level: note.code === 'parse-error' ? 'warning' : 'info',
        code: note.code === 'parse-error' ? 'parse-error' : note.code,
        path: note.path,
        ...(line !== undefined && { line }),
        message: note.message,
      });
    }
    for (const finding of result.findings) {
      const text = result.texts.get(finding.path) ?? '';
      const trace: RawTraceStep[] | undefined = finding.steps?.map((step) => {
        if (step.file === finding.path) return { message: step.message, start: step.start, end: step.end };
        const index = indexOf(step.file);
        const start = index.position(step.start);
        const end = index.position(step.end);
        return {
          message: step.message,
          location: {
            path: step.file,
            startLine: start.line,
            startColumn: start.column,
            endLine: end.line,
            endColumn: end.column,
          },
        };
      });
      context.report(finding.path, text, {
        ruleId: finding.ruleId,
        message: finding.message,
        start: finding.start,
        end: finding.end,
        ...(finding.severity && { severity: finding.severity }),
        ...(trace && trace.length > 0 && { trace }),
        details: {
          kind: 'code',
          language: /\.(?:[cm]?tsx?)$/.test(finding.path) ? 'typescript' : 'javascript',
        },
      });
    }
  },
};

export default scanner;
