import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Finding, ScanResult } from '@rampart/core/model';
import { IngestError } from '../errors.js';
import type { ImportedFinding, RuleSetEntry } from './model.js';
import { validateAgainst } from './validate.js';

/** What a native upload contributes to a scan. */
export interface NativeReport {
  tool: { name: string; version: string };
  ruleSet: RuleSetEntry[];
  scanners: string[];
  /** True when the scan covered only the files changed since a git ref (`--diff-base`). */
  partial: boolean;
  findings: ImportedFinding[];
}

let openSchema: object | undefined;

/**
 * The published result schema (`@rampart/reporters/schemas/result-1.schema.json`) made open: the
 * format's contract is that 1.x minor versions only add optional fields, and a consumer ignores fields
 * it does not know, so `additionalProperties: false` is dropped everywhere. Read on first use.
 */
function resultSchema(): object {
  if (openSchema === undefined) {
    const path = createRequire(import.meta.url).resolve('@rampart/reporters/schemas/result-1.schema.json');
    openSchema = JSON.parse(readFileSync(path, 'utf8'), (key, value: unknown) =>
      key === 'additionalProperties' && value === false ? undefined : value,
    ) as object;
  }
  return openSchema;
}

/** Does this parsed document look like a native Rampart result (as opposed to SARIF)? */
export function isNativeResult(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Record<string, unknown>;
  return (
    (typeof record.$schema === 'string' &&
      record.$schema.startsWith('https://rampart.dev/schemas/result-')) ||
    (typeof record.schemaVersion === 'string' && Array.isArray(record.findings) && 'policy' in record)
  );
}

function toImported(
  finding: Finding,
  titles: Map<string, string>,
  suppression: string | null,
): ImportedFinding {
  const { location } = finding;
  return {
    fingerprint: finding.fingerprint,
    scanner: finding.scanner,
    ruleId: finding.ruleId,
    severity: finding.severity,
    title: titles.get(finding.ruleId) ?? finding.ruleId,
    message: finding.message,
    path: location.path,
    startLine: location.startLine,
    startColumn: location.startColumn,
    endLine: location.endLine,
    endColumn: location.endColumn,
    snippet: location.snippet ?? null,
    cwe: [...finding.cwe].sort(),
    // A SAST finding's dataflow (source to sink) is kept with its details for the finding page.
    details:
      finding.trace !== undefined && finding.trace.length > 0
        ? { ...(finding.details ?? { kind: 'code' }), trace: finding.trace }
        : (finding.details ?? null),
    suppression,
  };
}

/** Validate a native result (format 1.x) and convert its open and suppressed findings. */
export function readNativeResult(data: unknown): NativeReport {
  if (typeof data === 'object' && data !== null) {
    const version = (data as Record<string, unknown>).schemaVersion;
    if (typeof version === 'string' && !version.startsWith('1.'))
      throw new IngestError(
        `Rampart result format ${version} is not supported by this server (it reads 1.x): upgrade the server`,
      );
  }
  const result = validateAgainst<ScanResult>(resultSchema(), data, 'Rampart JSON result');
  const titles = new Map(result.rules.map((rule) => [rule.id, rule.title]));
  const findings: ImportedFinding[] = [];
  const seen = new Set<string>();
  const add = (finding: Finding, suppression: string | null) => {
    // A result never holds a fingerprint twice; if a hand-made one does, the first occurrence wins.
    if (seen.has(finding.fingerprint)) return;
    seen.add(finding.fingerprint);
    findings.push(toImported(finding, titles, suppression));
  };
  for (const finding of result.findings) add(finding, null);
  for (const finding of result.suppressed) add(finding, finding.suppression.kind);
  const ruleSet = result.scanners
    .map((s) => ({ id: s.id, version: s.version, rules: s.rules }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    tool: { name: result.tool.name, version: result.tool.version },
    ruleSet,
    scanners: ruleSet.map((s) => s.id),
    // A pull-request scan saw some files, a history scan saw commits: neither shows what is fixed.
    partial: result.diffBase !== undefined || result.history !== undefined,
    findings,
  };
}
