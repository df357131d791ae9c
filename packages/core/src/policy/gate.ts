import { isAtLeast, SEVERITIES, type Finding, type Severity } from '../finding.js';
import type { MaxFindings } from '../config/load.js';
import type { PolicyOutcome } from '../result.js';
import { matchesRuleSelector } from '../rule-catalog.js';

export interface Policy {
  failOn: Severity | 'none';
  failOnRules: readonly string[];
  maxFindings: MaxFindings;
}

/** The policy gate over open findings: severity threshold, named rules, and counts. */
export function evaluatePolicy(findings: readonly Finding[], policy: Policy): PolicyOutcome {
  const reasons: string[] = [];
  if (policy.failOn !== 'none') {
    const threshold = policy.failOn;
    const over = findings.filter((f) => isAtLeast(f.severity, threshold)).length;
    if (over > 0) reasons.push(`${over} finding${over === 1 ? '' : 's'} of severity ${threshold} or higher`);
  }
  for (const selector of policy.failOnRules) {
    const hits = findings.filter((f) => matchesRuleSelector(f.ruleId, [], selector)).length;
    if (hits > 0) reasons.push(`${hits} finding${hits === 1 ? '' : 's'} of rule ${selector}`);
  }
  const total = policy.maxFindings.total;
  if (total !== undefined && findings.length > total)
    reasons.push(`${findings.length} findings, more than the limit of ${total}`);
  for (const severity of SEVERITIES) {
    const limit = policy.maxFindings[severity];
    if (limit === undefined) continue;
    const count = findings.filter((f) => f.severity === severity).length;
    if (count > limit) reasons.push(`${count} ${severity} findings, more than the limit of ${limit}`);
  }
  return { passed: reasons.length === 0, reasons, failOn: policy.failOn };
}
