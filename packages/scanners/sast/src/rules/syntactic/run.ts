import type { Severity } from '@rampart/core/model';
import { moduleBindings } from '../../frontend/imports.js';
import type { ParsedFile } from '../../frontend/parse.js';
import type { SyntacticRule } from '../rule.js';

export interface SyntacticFinding {
  start: number;
  end: number;
  message: string;
  severity?: Severity;
}

/**
 * Runs syntactic rules over one parsed file. The import bindings are computed once and shared; each
 * finding is handed to `report` with the rule that produced it. A rule that throws is not caught here:
 * the caller decides whether a crashing rule fails the file.
 */
export function runSyntacticRules(
  file: ParsedFile,
  rules: readonly SyntacticRule[],
  report: (rule: SyntacticRule, finding: SyntacticFinding) => void,
): void {
  const bindings = moduleBindings(file.program);
  for (const rule of rules) {
    rule.check(file, { bindings, report: (finding) => report(rule, finding) });
  }
}
