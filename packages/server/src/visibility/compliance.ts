import type { FindingState, TriageDecision } from '../db/schema.js';
// Sources (also in the file's "$comment"): OWASP Top 10 2021, the "List of Mapped CWEs" of each category
// (https://owasp.org/Top10/, github.com/OWASP/Top10 2021/docs); OWASP ASVS 4.0.3, the CWE column of the
// requirements CSV (github.com/OWASP/ASVS 4.0/docs_en), gathered per chapter.
import MAPPING from './owasp-mapping.json' with { type: 'json' };

export interface ComplianceCategoryDefinition {
  id: string;
  name: string;
  cwe: number[];
  /** Rampart rules that belong here whatever their CWE. */
  rules?: string[];
}

export interface ComplianceStandardDefinition {
  id: string;
  name: string;
  source: string;
  categories: ComplianceCategoryDefinition[];
}

/** The standards and their CWE lists (`owasp-mapping.json`). */
export const COMPLIANCE_STANDARDS: readonly ComplianceStandardDefinition[] = MAPPING.standards;

export interface ComplianceFinding {
  ruleId: string;
  cwe: readonly string[];
  state: FindingState;
  triage: TriageDecision | null;
}

export interface ComplianceCounts {
  /** Unresolved (new, open, reopened) without a triage decision. */
  open: number;
  /** Unresolved with a decision: false positive, accepted risk, mitigated. */
  triaged: number;
  fixed: number;
}

export interface ComplianceCategory extends ComplianceCounts {
  id: string;
  name: string;
  /** The rules of the findings counted here, sorted. */
  rules: string[];
}

export interface ComplianceStandard {
  id: string;
  name: string;
  source: string;
  categories: ComplianceCategory[];
}

export interface ComplianceReport {
  project: string;
  standards: ComplianceStandard[];
  /** Findings that no category of any standard claims (no CWE, or one no list names). */
  unmapped: ComplianceCounts & { rules: string[] };
}

/** `CWE-79`, `cwe-079`, `79` -> 79; anything else -> undefined. */
export function cweNumber(text: string): number | undefined {
  const match = /^(?:cwe-?)?0*([1-9][0-9]{0,5})$/i.exec(text.trim());
  return match === null ? undefined : Number(match[1]);
}

function bucketOf(finding: ComplianceFinding): keyof ComplianceCounts {
  if (finding.state === 'fixed') return 'fixed';
  return finding.triage === null ? 'open' : 'triaged';
}

/** Count a project's findings per category of each standard; a finding counts once per category. */
export function complianceReport(
  project: string,
  findings: readonly ComplianceFinding[],
  standards: readonly ComplianceStandardDefinition[] = COMPLIANCE_STANDARDS,
): ComplianceReport {
  const indexes = standards.map((standard) => {
    const byCwe = new Map<number, number[]>();
    const byRule = new Map<string, number[]>();
    standard.categories.forEach((category, i) => {
      for (const cwe of category.cwe) byCwe.set(cwe, [...(byCwe.get(cwe) ?? []), i]);
      for (const rule of category.rules ?? []) byRule.set(rule, [...(byRule.get(rule) ?? []), i]);
    });
    return { byCwe, byRule };
  });
  const counts = standards.map((standard) =>
    standard.categories.map(() => ({ open: 0, triaged: 0, fixed: 0, rules: new Set<string>() })),
  );
  const unmapped = { open: 0, triaged: 0, fixed: 0, rules: new Set<string>() };
  for (const finding of findings) {
    const cwes = finding.cwe.map(cweNumber).filter((n): n is number => n !== undefined);
    const bucket = bucketOf(finding);
    let mapped = false;
    indexes.forEach(({ byCwe, byRule }, s) => {
      const hits = new Set([
        ...cwes.flatMap((cwe) => byCwe.get(cwe) ?? []),
        ...(byRule.get(finding.ruleId) ?? []),
      ]);
      for (const i of hits) {
        const entry = counts[s]![i]!;
        entry[bucket] += 1;
        entry.rules.add(finding.ruleId);
        mapped = true;
      }
    });
    if (!mapped) {
      unmapped[bucket] += 1;
      unmapped.rules.add(finding.ruleId);
    }
  }
  return {
    project,
    standards: standards.map((standard, s) => ({
      id: standard.id,
      name: standard.name,
      source: standard.source,
      categories: standard.categories.map((category, i) => {
        const c = counts[s]![i]!;
        return {
          id: category.id,
          name: category.name,
          open: c.open,
          triaged: c.triaged,
          fixed: c.fixed,
          rules: [...c.rules].sort(),
        };
      }),
    })),
    unmapped: { ...unmapped, rules: [...unmapped.rules].sort() },
  };
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV (RFC 4180, CRLF line ends): one row per category of each standard, then unmapped. */
export function complianceCsv(report: ComplianceReport): string {
  const rows: (string | number)[][] = [['standard', 'category', 'name', 'open', 'triaged', 'fixed', 'rules']];
  for (const standard of report.standards)
    for (const c of standard.categories)
      rows.push([standard.id, c.id, c.name, c.open, c.triaged, c.fixed, c.rules.join(' ')]);
  const u = report.unmapped;
  rows.push(['', 'unmapped', 'No category', u.open, u.triaged, u.fixed, u.rules.join(' ')]);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
