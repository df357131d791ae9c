import { existsSync } from 'node:fs';
import { readUserFile } from '../config/read-file.js';
import { ConfigError, UsageError } from '../errors.js';
import { compareFindings, type Finding, type SuppressedFinding } from '../finding.js';
import { parsePositioned, schemaIssues } from '../config/yaml-source.js';

/**
 * The baseline: fingerprints of findings a team has reviewed and accepted as they are. Later scans
 * report only findings that are not in it. Fingerprints are content-based, so moved lines stay matched.
 */
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
  line: number;
}

export interface BaselineFile {
  version: number;
  tool: string;
  findings: BaselineEntry[];
}

export const BASELINE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'findings'],
  properties: {
    version: { const: BASELINE_VERSION },
    tool: { type: 'string' },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['fingerprint', 'ruleId', 'path'],
        properties: {
          fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$' },
          ruleId: { type: 'string', minLength: 1 },
          path: { type: 'string', minLength: 1 },
          line: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
} as const;

/** Serialise open findings as a baseline file (sorted, so it diffs well). */
export function createBaseline(findings: readonly Finding[], tool: string): string {
  const file: BaselineFile = {
    version: BASELINE_VERSION,
    tool,
    findings: [...findings].sort(compareFindings).map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      path: f.location.path,
      line: f.location.startLine,
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Read a baseline's fingerprints. A malformed file is an error with its line: it must not silently gate nothing. */
export function loadBaseline(path: string, displayPath: string, explicit: boolean): Set<string> | undefined {
  if (!existsSync(path)) {
    if (explicit) throw new UsageError(`baseline file not found: ${displayPath}`);
    return undefined;
  }
  const doc = parsePositioned(readUserFile(path, displayPath, 'baseline'), displayPath);
  const issues = schemaIssues(BASELINE_SCHEMA, doc);
  if (issues.length > 0) throw new ConfigError(issues, `invalid baseline file ${displayPath}`);
  return new Set((doc.value as BaselineFile).findings.map((f) => f.fingerprint));
}

export function applyBaseline(
  findings: readonly Finding[],
  fingerprints: ReadonlySet<string>,
  displayPath: string,
): { open: Finding[]; suppressed: SuppressedFinding[] } {
  const open: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    if (fingerprints.has(finding.fingerprint))
      suppressed.push({ ...finding, suppression: { kind: 'baseline', source: displayPath } });
    else open.push(finding);
  }
  return { open, suppressed };
}
