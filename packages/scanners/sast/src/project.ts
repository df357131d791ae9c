import { LineIndex, type ProjectContext, type RawTraceStep } from '@rampart/core/model';
import { analyze } from './analyze.js';
import type { SastOptions } from './index.js';
import { SYNTACTIC_RULES } from './rules/syntactic/index.js';

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte)$/;

/**
 * The SAST project pass: parse every source file, run the taint engine and the syntactic rules. Loaded by
 * the scanner definition only when the scan has files for it (the parser is a native module).
 */
export async function scanProject(context: ProjectContext<SastOptions>): Promise<void> {
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
}
