/**
 * The scanner's analysis as a function of source texts: taint findings and syntactic findings with
 * offsets, plus per-file notes. The scanner definition (`index.ts`) and the corpus benchmark call it.
 */
import type { Severity } from '@rampart/core/model';
import { analyzeProject, type AnalysisOptions, type FileNote, type SourceText } from './engine/project.js';
import type { Step } from './engine/value.js';
import type { SastRuleMeta, SyntacticRule } from './rules/rule.js';
import { runSyntacticRules } from './rules/syntactic/run.js';
import { TAINT_RULES } from './rules/taint.js';

export interface SastFinding {
  ruleId: string;
  family: string;
  path: string;
  start: number;
  end: number;
  message: string;
  severity?: Severity;
  /** Source first, sink last. */
  steps?: readonly Step[];
}

export interface SastAnalysis {
  findings: SastFinding[];
  notes: FileNote[];
  /** Texts of the analysed files (for trace locations in other files). */
  texts: Map<string, string>;
}

const TAINT_BY_FAMILY = new Map(TAINT_RULES.map((rule) => [rule.family, rule]));

function compare(a: SastFinding, b: SastFinding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.start !== b.start) return a.start - b.start;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

export function analyze(
  files: readonly SourceText[],
  configs: readonly SourceText[],
  options: AnalysisOptions & {
    enabled?: (ruleId: string) => boolean;
    syntacticRules: readonly SyntacticRule[];
  },
): SastAnalysis {
  const enabled = options.enabled ?? (() => true);
  const analysis = analyzeProject(files, configs, options);
  // One finding per sink and rule: the source that reaches it first in file order is shown.
  const bySink = new Map<string, SastFinding>();
  for (const finding of analysis.findings) {
    const rule = TAINT_BY_FAMILY.get(finding.sink.family);
    if (!rule || !enabled(rule.id)) continue;
    const key = `${rule.id}\u0000${finding.sink.file}\u0000${finding.sink.start}`;
    const existing = bySink.get(key);
    const source = finding.source;
    if (existing) {
      const first = existing.steps?.[0];
      if (first && (first.file < source.file || (first.file === source.file && first.start <= source.start)))
        continue;
    }
    bySink.set(key, {
      ruleId: rule.id,
      family: rule.family,
      path: finding.sink.file,
      start: finding.sink.start,
      end: finding.sink.end,
      message: `${rule.title.split(':')[0]}: ${source.label} reaches ${finding.sink.label}`,
      steps: finding.steps,
    });
  }
  const findings = [...bySink.values()];
  const rules = options.syntacticRules.filter((rule) => enabled(rule.meta.id));
  for (const [path, file] of analysis.parsed) {
    runSyntacticRules(file, rules, (rule, finding) =>
      findings.push({
        ruleId: rule.meta.id,
        family: rule.meta.family,
        path,
        start: finding.start,
        end: finding.end,
        message: finding.message,
        ...(finding.severity && { severity: finding.severity }),
      }),
    );
  }
  findings.sort(compare);
  const texts = new Map(files.map((file) => [file.path, file.text]));
  return { findings, notes: analysis.notes, texts };
}

export const ALL_TAINT_RULES: readonly SastRuleMeta[] = TAINT_RULES;
