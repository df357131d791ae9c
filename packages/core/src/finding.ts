/**
 * The one Finding model. Every scanner emits this shape; reporters and the server consume only it.
 * Nothing here knows about output formats.
 */

/** Severities, most severe first. The order is used by sorting and by the policy gate. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank of a severity: 0 for critical, 4 for info. Lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at least as severe as `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** A range in a file. Lines and columns are 1-based; columns count UTF-16 code units; end is exclusive. */
export interface Location {
  /** Repository-relative POSIX path. */
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** The source line(s) of the finding, trimmed to a bounded length, with secrets masked. */
  snippet?: string;
}

/** One step of a dataflow trace, from source (first) to sink (last). */
export interface TraceStep {
  location: Location;
  message: string;
}

/** A text replacement that fixes the finding. */
export interface Replacement {
  location: Location;
  text: string;
}

export interface Fix {
  description: string;
  replacements?: Replacement[];
}

/** Kind-specific details. A discriminated union: consumers switch on `kind`. */
export type FindingDetails = SecretDetails | DependencyDetails | CodeDetails | ConfigDetails;

export interface SecretDetails {
  kind: 'secret';
  /** What the secret is, e.g. "AWS access key ID". */
  secretType: string;
  /** Shannon entropy of the secret, in bits per character, when the rule measured it. */
  entropy?: number;
  /** The masked secret, e.g. "AKIA************MPLE". */
  masked: string;
  /** Commit where the secret was added, for history scans. */
  commit?: string;
  /** Author (`Name <email>`) and ISO date of that commit. */
  author?: string;
  date?: string;
}

export interface DependencyDetails {
  kind: 'dependency';
  ecosystem: string;
  packageName: string;
  version: string;
  purl: string;
  advisoryIds: string[];
  aliases: string[];
  fixedVersions: string[];
  /** Each path runs from a direct dependency to this package. */
  dependencyPaths: string[][];
  scope?: 'prod' | 'dev' | 'optional' | 'peer';
  direct?: boolean;
  /** The smallest fixed version above the installed one. */
  fixedIn?: string;
  /** Highest CVSS base score among the advisories, and its vector. */
  cvssScore?: number;
  cvssVector?: string;
  /** The advisory's one-line summary. */
  summary?: string;
  /** Advisory and fix links. */
  references?: string[];
  /** SPDX licence expression(s) of the package, when known. */
  licenses?: string[];
}

export interface CodeDetails {
  kind: 'code';
  language?: string;
}

export interface ConfigDetails {
  kind: 'config';
  platform: string;
  resource?: string;
}

export interface Finding {
  /** `<scanner>/<kebab-name>`, stable forever once shipped. */
  ruleId: string;
  scanner: string;
  severity: Severity;
  /** Human message. Never contains an unmasked secret. */
  message: string;
  location: Location;
  /** CWE ids in the form `CWE-798`. */
  cwe: string[];
  /** Content-based fingerprint (hex), stable when lines move. Computed by core. */
  fingerprint: string;
  trace?: TraceStep[];
  fix?: Fix;
  details?: FindingDetails;
}

/** inline comment, suppressions file, baseline, or a VEX statement that the product is not affected. */
export type SuppressionKind = 'inline' | 'file' | 'baseline' | 'vex';

/** Why a finding is not reported as open. */
export interface Suppression {
  kind: SuppressionKind;
  reason?: string;
  owner?: string;
  /** ISO date (YYYY-MM-DD) after which the suppression stops applying. */
  expires?: string;
  /** Where the suppression was declared: `path:line`. */
  source?: string;
}

export interface SuppressedFinding extends Finding {
  suppression: Suppression;
}

/** Compare two findings for deterministic output: path, line, column, rule, fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.path, b.location.path) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    a.location.endLine - b.location.endLine ||
    a.location.endColumn - b.location.endColumn ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}

/** Locale-independent string comparison (code unit order), so output never depends on the machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
