import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { ScanKind, UploadFormat } from '../db/schema.js';
import { IngestError } from '../errors.js';
import type { ScanImport } from './model.js';
import { isNativeResult, readNativeResult } from './native.js';
import { isSarif, readSarif } from './sarif.js';
import { readSbomComponents } from './sbom.js';
import { parseJsonText, validateAgainst } from './validate.js';

/**
 * One upload from CI (or any tool): the scan's context, a report (native Rampart JSON or SARIF 2.1.0)
 * and/or an SBOM. Documents may be given as text (as received) or already parsed.
 */
export interface Upload {
  /** Project name: letters, digits and `._/-`, e.g. `acme/payments`. Created on first upload. */
  project: string;
  branch?: string;
  /** Commit SHA (hex, 7 to 64 digits). */
  commit?: string;
  /** The CI run that produced the scan (http or https URL). */
  pipelineUrl?: string;
  /** Hash of the scanner configuration used, as the client computed it. */
  configHash?: string;
  /**
   * `full`: the scan covered the whole project, so findings it lacks are fixed. `partial`: only some
   * files (e.g. a pull-request scan). Default: `partial` for a native result made with `--diff-base`,
   * `--history` or `--history-range`, otherwise `full`.
   */
  kind?: ScanKind;
  /** The report's format; detected from the document when absent. */
  format?: 'rampart-json' | 'sarif';
  report?: string | object;
  /** A CycloneDX (JSON or XML) or SPDX JSON SBOM of the same commit. */
  sbom?: string | object;
  /** Names the tool of an SBOM-only upload (the report's tool otherwise). */
  tool?: { name: string; version?: string };
  /** Who uploaded: a user or token name, recorded in the audit log. Default `anonymous`. */
  actor?: string;
}

const CONTEXT_SCHEMA = {
  type: 'object',
  required: ['project'],
  properties: {
    project: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$' },
    branch: { type: 'string', maxLength: 255, pattern: '^[^\\u0000-\\u001f\\u007f]*$' },
    commit: { type: 'string', pattern: '^[0-9a-fA-F]{7,64}$' },
    pipelineUrl: { type: 'string', maxLength: 2048, format: 'uri', pattern: '^https?://' },
    configHash: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { enum: ['full', 'partial'] },
    format: { enum: ['rampart-json', 'sarif'] },
    report: { type: ['string', 'object'] },
    sbom: { type: ['string', 'object'] },
    tool: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        version: { type: 'string', maxLength: 200 },
      },
    },
    actor: { type: 'string', minLength: 1, maxLength: 200 },
  },
  additionalProperties: false,
} as const;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Validate an upload and convert it into what the store records. Throws `IngestError` naming the problem;
 * touches no storage.
 */
export function parseUpload(upload: Upload): ScanImport {
  validateAgainst<Upload>(CONTEXT_SCHEMA, upload, 'upload');
  if (upload.report === undefined && upload.sbom === undefined)
    throw new IngestError('upload has neither a report nor an SBOM');

  let format: UploadFormat = 'sbom';
  let tool = upload.tool ? { name: upload.tool.name, version: upload.tool.version ?? '' } : undefined;
  let ruleSet: ScanImport['ruleSet'] = [];
  let scanners: string[] = [];
  let findings: ScanImport['findings'] = [];
  let partial = false;
  let reportData: unknown;
  if (upload.report !== undefined) {
    reportData = typeof upload.report === 'string' ? parseJsonText(upload.report, 'report') : upload.report;
    format =
      upload.format ?? (isNativeResult(reportData) ? 'rampart-json' : isSarif(reportData) ? 'sarif' : 'sbom');
    if (format === 'rampart-json') {
      const native = readNativeResult(reportData);
      ({ ruleSet, scanners, findings, partial } = native);
      tool ??= native.tool;
    } else if (format === 'sarif') {
      const sarif = readSarif(reportData);
      ({ ruleSet, scanners, findings } = sarif);
      tool ??= sarif.tool;
    } else {
      throw new IngestError(
        'report is neither a Rampart JSON result ("$schema": "https://rampart.dev/schemas/result-1.json") nor a SARIF 2.1.0 log',
      );
    }
  }

  let components: ScanImport['components'] = [];
  let skippedComponents = 0;
  let sbomHash = '';
  if (upload.sbom !== undefined) {
    const text = typeof upload.sbom === 'string' ? upload.sbom : JSON.stringify(upload.sbom);
    const sbom = readSbomComponents(text);
    components = sbom.components;
    skippedComponents = sbom.skipped;
    // XML has no canonical form here: its text identifies it. JSON is hashed canonically.
    sbomHash = sha256(text.trimStart().startsWith('<') ? text : canonicalJson(parseJsonText(text, 'SBOM')));
    tool ??= { name: `sbom:${sbom.format}`, version: '' };
  }

  if (partial && upload.kind === 'full')
    throw new IngestError(
      'the result covers only the files changed since a git ref (--diff-base) or git history (--history): upload it as kind "partial"',
    );
  const contentHash = sha256(canonicalJson({ report: reportData ?? null, sbom: sbomHash }));
  return {
    project: upload.project,
    branch: upload.branch ?? '',
    commit: upload.commit?.toLowerCase() ?? '',
    pipelineUrl: upload.pipelineUrl ?? null,
    configHash: upload.configHash ?? null,
    kind: upload.kind ?? (partial ? 'partial' : 'full'),
    format,
    tool: tool ?? { name: 'unknown', version: '' },
    ruleSet,
    scanners,
    contentHash,
    findings,
    components,
    skippedComponents,
    actor: upload.actor ?? 'anonymous',
  };
}
