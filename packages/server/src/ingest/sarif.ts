import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import { IngestError } from '../errors.js';
import type { ImportedFinding, RuleSetEntry, Severity } from './model.js';
import { validateAgainst } from './validate.js';

/**
 * SARIF 2.1.0 from any tool. The schema below describes only the fields read (permissive with foreign
 * data); everything else is allowed and ignored.
 */
interface SarifMessage {
  text?: string;
  id?: string;
}
interface SarifRegion {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  snippet?: { text?: string };
}
interface SarifLocation {
  physicalLocation?: {
    artifactLocation?: { uri?: string; index?: number };
    region?: SarifRegion;
  };
}
interface SarifRule {
  id: string;
  name?: string;
  shortDescription?: { text?: string };
  fullDescription?: { text?: string };
  defaultConfiguration?: { level?: string };
  messageStrings?: Record<string, { text?: string }>;
  properties?: { tags?: string[]; 'security-severity'?: string | number; [key: string]: unknown };
}
interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  rule?: { id?: string; index?: number };
  kind?: string;
  level?: string;
  message?: SarifMessage;
  locations?: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  baselineState?: string;
  suppressions?: { kind?: string; status?: string }[];
  properties?: { 'security-severity'?: string | number; [key: string]: unknown };
}
interface SarifRun {
  tool: { driver: { name: string; version?: string; semanticVersion?: string; rules?: SarifRule[] } };
  artifacts?: { location?: { uri?: string } }[];
  results?: SarifResult[];
}
interface SarifLog {
  version: '2.1.0';
  runs: SarifRun[];
}

const message = { type: 'object', properties: { text: { type: 'string' }, id: { type: 'string' } } };
const positive = { type: 'integer', minimum: 1 };
const securitySeverity = { type: ['string', 'number'] };

const SARIF_SCHEMA = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  version: { type: 'string' },
                  semanticVersion: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        name: { type: 'string' },
                        shortDescription: message,
                        fullDescription: message,
                        defaultConfiguration: { type: 'object', properties: { level: { type: 'string' } } },
                        messageStrings: { type: 'object', additionalProperties: message },
                        properties: {
                          type: 'object',
                          properties: {
                            tags: { type: 'array', items: { type: 'string' } },
                            'security-severity': securitySeverity,
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          artifacts: {
            type: 'array',
            items: {
              type: 'object',
              properties: { location: { type: 'object', properties: { uri: { type: 'string' } } } },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                rule: {
                  type: 'object',
                  properties: { id: { type: 'string' }, index: { type: 'integer', minimum: -1 } },
                },
                kind: { type: 'string' },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message,
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        properties: {
                          artifactLocation: {
                            type: 'object',
                            properties: { uri: { type: 'string' }, index: { type: 'integer', minimum: -1 } },
                          },
                          region: {
                            type: 'object',
                            properties: {
                              startLine: positive,
                              startColumn: positive,
                              endLine: positive,
                              endColumn: positive,
                              snippet: { type: 'object', properties: { text: { type: 'string' } } },
                            },
                          },
                        },
                      },
                    },
                  },
                },
                partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
                baselineState: { type: 'string' },
                suppressions: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { kind: { type: 'string' }, status: { type: 'string' } },
                  },
                },
                properties: { type: 'object', properties: { 'security-severity': securitySeverity } },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** Does this parsed document look like SARIF? */
export function isSarif(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'runs' in data && 'version' in data;
}

export interface SarifReport {
  tool: { name: string; version: string };
  ruleSet: RuleSetEntry[];
  scanners: string[];
  findings: ImportedFinding[];
}

/** GitHub's convention for `security-severity` (a CVSS-like score), then the SARIF level. */
function severityOf(result: SarifResult, rule: SarifRule | undefined): Severity {
  const score = Number(
    result.properties?.['security-severity'] ?? rule?.properties?.['security-severity'] ?? Number.NaN,
  );
  if (Number.isFinite(score)) {
    if (score >= 9) return 'critical';
    if (score >= 7) return 'high';
    if (score >= 4) return 'medium';
    if (score > 0) return 'low';
    return 'info';
  }
  switch (result.level ?? rule?.defaultConfiguration?.level ?? 'warning') {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'note':
      return 'low';
    default:
      return 'info';
  }
}

/** CWE ids from rule tags, in the forms tools use: `CWE-79`, `external/cwe/cwe-79`, `cwe:79`. */
function cweOf(rule: SarifRule | undefined): string[] {
  const ids = new Set<string>();
  for (const tag of rule?.properties?.tags ?? []) {
    const match = /(?:^|[/:])cwe[-/:]?0*([1-9][0-9]*)$/i.exec(tag);
    if (match) ids.add(`CWE-${match[1]}`);
  }
  return [...ids].sort();
}

/** A SARIF URI as a repository path: percent-decoded, without `file://` or `./`. */
function pathOf(uri: string | undefined): string {
  if (uri === undefined || uri === '') return '(no location)';
  let path = uri.startsWith('file://') ? uri.slice('file://'.length) : uri;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not percent-encoded after all: keep it as written.
  }
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Whitespace-insensitive content, so that re-indented code keeps its fingerprint. */
function normaliseContent(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

interface Candidate {
  base: string;
  finding: Omit<ImportedFinding, 'fingerprint'>;
}

/**
 * Read a SARIF 2.1.0 log. Fingerprints: the tool's `partialFingerprints` when present; otherwise a hash
 * of tool, rule, path and the snippet (or the message when there is no snippet), never the line, plus an
 * occurrence number when the same content appears several times in a file, so moved code keeps its identity.
 */
export function readSarif(data: unknown): SarifReport {
  const log = validateAgainst<SarifLog>(SARIF_SCHEMA, data, 'SARIF log');
  if (log.runs.length === 0) throw new IngestError('SARIF log has no runs');
  const candidates: Candidate[] = [];
  const drivers = new Map<string, RuleSetEntry>();
  for (const run of log.runs) {
    const driver = run.tool.driver;
    const version = driver.semanticVersion ?? driver.version ?? '';
    const known = drivers.get(driver.name);
    drivers.set(driver.name, {
      id: driver.name,
      version,
      rules: (known?.rules ?? 0) + (driver.rules?.length ?? 0),
    });
    const rules = driver.rules ?? [];
    const byId = new Map(rules.map((r) => [r.id, r]));
    for (const result of run.results ?? []) {
      // Results that are not failures, or that a baseline comparison says are gone, are not findings.
      if (
        result.kind !== undefined &&
        result.kind !== 'fail' &&
        result.kind !== 'review' &&
        result.kind !== 'open'
      )
        continue;
      if (result.baselineState === 'absent') continue;
      const index = result.ruleIndex ?? result.rule?.index;
      const rule =
        (index !== undefined && index >= 0 ? rules[index] : undefined) ??
        byId.get(result.ruleId ?? result.rule?.id ?? '');
      const ruleId = result.ruleId ?? result.rule?.id ?? rule?.id;
      if (ruleId === undefined)
        throw new IngestError(`SARIF log: a result of ${driver.name} names no rule (ruleId)`);
      const title = rule?.shortDescription?.text ?? rule?.name ?? ruleId;
      const text =
        result.message?.text ??
        (result.message?.id !== undefined ? rule?.messageStrings?.[result.message.id]?.text : undefined) ??
        title;
      const physical = result.locations?.[0]?.physicalLocation;
      const artifactIndex = physical?.artifactLocation?.index;
      const uri =
        physical?.artifactLocation?.uri ??
        (artifactIndex !== undefined && artifactIndex >= 0
          ? run.artifacts?.[artifactIndex]?.location?.uri
          : undefined);
      const region = physical?.region;
      const startLine = region?.startLine ?? 1;
      const startColumn = region?.startColumn ?? 1;
      const snippet = region?.snippet?.text ?? null;
      const path = pathOf(uri);
      const suppressed = (result.suppressions ?? []).some(
        (s) => s.status === undefined || s.status === 'accepted',
      );
      const finding: Omit<ImportedFinding, 'fingerprint'> = {
        scanner: driver.name,
        ruleId,
        severity: severityOf(result, rule),
        title,
        message: text,
        path,
        startLine,
        startColumn,
        endLine: Math.max(region?.endLine ?? startLine, startLine),
        endColumn: region?.endColumn ?? startColumn,
        snippet,
        cwe: cweOf(rule),
        details: null,
        suppression: suppressed ? 'external' : null,
      };
      const partial = result.partialFingerprints;
      const base =
        partial !== undefined && Object.keys(partial).length > 0
          ? canonicalJson({ partialFingerprints: partial, ruleId, tool: driver.name })
          : canonicalJson({ content: normaliseContent(snippet ?? text), path, ruleId, tool: driver.name });
      candidates.push({ base, finding });
    }
  }
  // Number repeated content in file order, so that two identical lines stay two findings.
  candidates.sort(
    (a, b) =>
      (a.base < b.base ? -1 : a.base > b.base ? 1 : 0) ||
      a.finding.startLine - b.finding.startLine ||
      a.finding.startColumn - b.finding.startColumn,
  );
  const findings: ImportedFinding[] = [];
  let previous: string | undefined;
  let occurrence = 0;
  for (const { base, finding } of candidates) {
    occurrence = base === previous ? occurrence + 1 : 0;
    previous = base;
    const fingerprint = sha256Hex(occurrence === 0 ? base : `${base}#${occurrence}`).slice(0, 32);
    findings.push({ fingerprint, ...finding });
  }
  const ruleSet = [...drivers.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const first = log.runs[0]!.tool.driver;
  return {
    tool: {
      name: ruleSet.map((d) => d.id).join('+'),
      version:
        ruleSet.length === 1
          ? (first.semanticVersion ?? first.version ?? '')
          : ruleSet.map((d) => `${d.id}@${d.version}`).join('+'),
    },
    ruleSet,
    scanners: ruleSet.map((d) => d.id),
    findings,
  };
}
