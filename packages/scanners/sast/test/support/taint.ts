/**
 * Helpers for engine tests: run the taint analysis on inline sources (no syntactic rules) and describe
 * findings as short `ruleId:line` or `ruleId path:line` strings.
 */
import { analyze, type SastAnalysis, type SastFinding } from '../../src/analyze.js';
import type { SourceText } from '../../src/engine/project.js';

/** One file's text (analysed as `src/app.js`), or several files by path. */
export type Files = string | Readonly<Record<string, string>>;

export interface ScanOptions {
  /** tsconfig*.json and package.json files by path. */
  configs?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  skipVendored?: boolean;
}

export const DEFAULT_PATH = 'src/app.js';

function texts(files: Readonly<Record<string, string>>): SourceText[] {
  return Object.entries(files).map(([path, text]) => ({ path, text }));
}

export function scan(files: Files, options: ScanOptions = {}): SastAnalysis {
  const sources = typeof files === 'string' ? { [DEFAULT_PATH]: files } : files;
  return analyze(texts(sources), texts(options.configs ?? {}), {
    timeoutMs: options.timeoutMs ?? 60_000,
    skipVendored: options.skipVendored ?? true,
    syntacticRules: [],
  });
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function findingLine(analysis: SastAnalysis, finding: SastFinding): number {
  return lineOf(analysis.texts.get(finding.path) ?? '', finding.start);
}

/** Findings of a single-file snippet as `ruleId:line`, in report order. */
export function lines(code: string, path = DEFAULT_PATH, options: ScanOptions = {}): string[] {
  const analysis = scan({ [path]: code }, options);
  return analysis.findings.map((finding) => `${finding.ruleId}:${findingLine(analysis, finding)}`);
}

/** Findings of a project as `ruleId path:line`, in report order. */
export function hits(files: Files, options: ScanOptions = {}): string[] {
  const analysis = scan(files, options);
  return analysis.findings.map(
    (finding) => `${finding.ruleId} ${finding.path}:${findingLine(analysis, finding)}`,
  );
}
