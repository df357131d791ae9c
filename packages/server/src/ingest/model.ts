import type { ScanKind, UploadFormat } from '../db/schema.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A finding as the store records it, whatever format it came in. */
export interface ImportedFinding {
  /** Hex, unique within one import. */
  fingerprint: string;
  scanner: string;
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  snippet: string | null;
  cwe: string[];
  details: unknown;
  /** How the tool itself suppressed it (inline, file, baseline, vex, external), or null when open. */
  suppression: string | null;
}

export interface ImportedComponent {
  purl: string;
  ecosystem: string;
  name: string;
  version: string;
  scope: string;
  direct: boolean;
  licenses: string[] | null;
}

export interface RuleSetEntry {
  id: string;
  version: string;
  rules?: number;
}

/** One upload, parsed and validated: what the store records in one transaction. */
export interface ScanImport {
  project: string;
  branch: string;
  commit: string;
  pipelineUrl: string | null;
  configHash: string | null;
  kind: ScanKind;
  format: UploadFormat;
  tool: { name: string; version: string };
  ruleSet: RuleSetEntry[];
  /** Scanner ids the scan covered: a full scan can declare only their findings fixed. */
  scanners: string[];
  contentHash: string;
  findings: ImportedFinding[];
  components: ImportedComponent[];
  /** Components of the SBOM that could not be recorded (no purl, unknown purl type). */
  skippedComponents: number;
  actor: string;
}
