import type { Severity } from './finding.js';

/** Metadata of one rule: what `rampart rules` lists and `rampart explain` shows. */
export interface RuleMeta {
  /** `<scanner>/<kebab-name>`. */
  id: string;
  /** Short title, e.g. "AWS access key ID". */
  title: string;
  severity: Severity;
  /** CWE ids, e.g. `CWE-798`. */
  cwe: string[];
  /** Why it matters: a few sentences a developer reads in the terminal. */
  description: string;
  help: {
    /** A minimal example that the rule flags. */
    bad: string;
    /** The same example written safely; the rule does not flag it. */
    good: string;
    /** How to fix, in one or two sentences. */
    fix: string;
  };
  /** URLs for further reading. */
  references: string[];
  tags?: string[];
  /** How often a finding of this rule is a true positive. */
  precision?: 'high' | 'medium' | 'low';
  /** Former ids of this rule; suppressions and baselines written with them still apply. */
  aliases?: string[];
}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** True when `id` has the `<scanner>/<kebab-name>` shape. */
export function isValidRuleId(id: string): boolean {
  return RULE_ID.test(id);
}
