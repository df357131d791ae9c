import type {
  Diagnostic,
  Finding,
  Location,
  Replacement,
  RuleMeta,
  ScanResult,
  Severity,
  SuppressedFinding,
  Suppression,
} from '@rampart/core/model';
import type { ReportContext } from './context.js';
import { normaliseDetails } from './normalise.js';
import { groupBy, orderResult } from './ordering.js';

/** The official OASIS schema of SARIF 2.1.0 (errata 01), which the output validates against. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Paths in the log are relative to this base, which stands for the root of the scanned repository. */
const SOURCE_ROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'rampartFingerprint/v1';

// GitHub reads semanticVersion as Semantic Versioning 2.0; a build like "dev" must not claim to be one.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

type SarifLevel = 'error' | 'warning' | 'note';
type Json = Record<string, unknown>;

const LEVELS: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub maps these scores back to its own critical/high/medium/low bands (0.0 means none). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

const DIAGNOSTIC_LEVELS: Record<Diagnostic['level'], SarifLevel> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** `secrets/aws-access-key` -> `AwsAccessKey`: SARIF wants a readable name without the scanner. */
export function ruleName(ruleId: string): string {
  const kebab = ruleId.slice(ruleId.indexOf('/') + 1);
  return kebab
    .split(/[-.]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

// A repository path becomes a relative URI reference: each segment percent-encoded so that spaces,
// `#`, `?` or a `:` in the first segment cannot change its meaning.
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function codeFence(code: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}\n${code}\n${fence}`;
}

function ruleHelpText(rule: RuleMeta): string {
  const sections = [
    rule.description,
    `Bad:\n${rule.help.bad}`,
    `Good:\n${rule.help.good}`,
    `Fix: ${rule.help.fix}`,
  ];
  if (rule.references.length > 0)
    sections.push(`References:\n${rule.references.map((url) => `- ${url}`).join('\n')}`);
  return sections.join('\n\n');
}

function ruleHelpMarkdown(rule: RuleMeta): string {
  const sections = [
    rule.description,
    `**Bad**\n\n${codeFence(rule.help.bad)}`,
    `**Good**\n\n${codeFence(rule.help.good)}`,
    `**Fix:** ${rule.help.fix}`,
  ];
  if (rule.references.length > 0) {
    sections.push(`**References**\n\n${rule.references.map((url) => `- <${url}>`).join('\n')}`);
  }
  return sections.join('\n\n');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function toReportingDescriptor(rule: RuleMeta): Json {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: ruleHelpText(rule), markdown: ruleHelpMarkdown(rule) },
    ...(rule.references[0] !== undefined && { helpUri: rule.references[0] }),
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: {
      // GitHub code scanning reads CWE ids from the `external/cwe/cwe-<n>` tag convention.
      tags: unique([
        'security',
        ...rule.cwe,
        ...rule.cwe.map((c) => `external/cwe/${c.toLowerCase()}`),
        ...(rule.tags ?? []),
      ]),
      ...(rule.precision !== undefined && { precision: rule.precision }),
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function toRegion(location: Location, withSnippet: boolean): Json {
  return {
    startLine: location.startLine,
    startColumn: location.startColumn,
    endLine: location.endLine,
    endColumn: location.endColumn,
    ...(withSnippet && location.snippet !== undefined && { snippet: { text: location.snippet } }),
  };
}

function toArtifactLocation(path: string): Json {
  return { uri: toUri(path), uriBaseId: SOURCE_ROOT };
}

function toLocation(location: Location, message?: string): Json {
  return {
    physicalLocation: {
      artifactLocation: toArtifactLocation(location.path),
      region: toRegion(location, true),
    },
    ...(message !== undefined && { message: { text: message } }),
  };
}

function toCodeFlows(finding: Finding): Json[] | undefined {
  if (finding.trace === undefined || finding.trace.length === 0) return undefined;
  const locations = finding.trace.map((step) => ({ location: toLocation(step.location, step.message) }));
  return [{ threadFlows: [{ locations }] }];
}

function toFixes(finding: Finding): Json[] | undefined {
  const replacements = finding.fix?.replacements;
  if (finding.fix === undefined || replacements === undefined || replacements.length === 0) return undefined;
  const byFile = groupBy<Replacement>(replacements, (replacement) => replacement.location.path);
  const artifactChanges = byFile.map(([path, fileReplacements]) => ({
    artifactLocation: toArtifactLocation(path),
    replacements: fileReplacements.map((replacement) => ({
      deletedRegion: toRegion(replacement.location, false),
      insertedContent: { text: replacement.text },
    })),
  }));
  return [{ description: { text: finding.fix.description }, artifactChanges }];
}

function toSuppression(suppression: Suppression): Json {
  const { kind, reason, owner, expires, source } = suppression;
  return {
    // Inline comments live in the scanned file; the suppressions file and the baseline do not.
    kind: kind === 'inline' ? 'inSource' : 'external',
    status: 'accepted',
    ...(reason !== undefined && { justification: reason }),
    // SARIF's kind cannot tell the suppressions file from the baseline, so ours travels along.
    properties: {
      rampartKind: kind,
      ...(owner !== undefined && { owner }),
      ...(expires !== undefined && { expires }),
      ...(source !== undefined && { source }),
    },
  };
}

// SARIF requires baselineState on every result once one has it. Core baselines after applying the
// other suppressions, so only findings the baseline matched are known to be "unchanged"; the rest
// were not in the baseline as far as this scan knows.
function baselineState(finding: Finding | SuppressedFinding): 'new' | 'unchanged' {
  return 'suppression' in finding && finding.suppression.kind === 'baseline' ? 'unchanged' : 'new';
}

function toResult(
  finding: Finding | SuppressedFinding,
  ruleIndex: ReadonlyMap<string, number>,
  withBaseline: boolean,
): Json {
  const index = ruleIndex.get(finding.ruleId);
  const codeFlows = toCodeFlows(finding);
  const fixes = toFixes(finding);
  return {
    ruleId: finding.ruleId,
    ...(index !== undefined && { ruleIndex: index }),
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [toLocation(finding.location)],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(codeFlows && { codeFlows }),
    ...(fixes && { fixes }),
    // An empty array says "checked, not suppressed"; SARIF wants all results to say one or the other.
    suppressions: 'suppression' in finding ? [toSuppression(finding.suppression)] : [],
    ...(withBaseline && { baselineState: baselineState(finding) }),
    properties: {
      severity: finding.severity,
      scanner: finding.scanner,
      ...(finding.cwe.length > 0 && { cwe: finding.cwe }),
      ...(finding.details !== undefined && { details: normaliseDetails(finding.details) }),
    },
  };
}

function toNotification(diagnostic: Diagnostic): Json {
  const { path, line } = diagnostic;
  const physicalLocation = path !== undefined && {
    artifactLocation: toArtifactLocation(path),
    ...(line !== undefined && { region: { startLine: line } }),
  };
  return {
    level: DIAGNOSTIC_LEVELS[diagnostic.level],
    message: { text: diagnostic.message },
    ...(physicalLocation && { locations: [{ physicalLocation }] }),
    descriptor: { id: diagnostic.code },
    ...(diagnostic.scanner !== undefined && { properties: { scanner: diagnostic.scanner } }),
  };
}

/** The SARIF log as an object, before serialisation. */
export function toSarifLog(result: ScanResult): Json {
  const ordered = orderResult(result);
  const all = [...ordered.findings, ...ordered.suppressed];
  const referenced = new Set(all.map((finding) => finding.ruleId));
  const rules = ordered.rules.filter((rule) => referenced.has(rule.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const withBaseline = ordered.baseline !== undefined;
  const { tool } = ordered;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(SEMVER.test(tool.version) && { semanticVersion: tool.version }),
            ...(tool.informationUri !== undefined && { informationUri: tool.informationUri }),
            rules: rules.map(toReportingDescriptor),
          },
        },
        invocations: [
          {
            // The scan ran to completion; whether the policy passed is not an execution failure.
            executionSuccessful: true,
            toolExecutionNotifications: ordered.diagnostics.map(toNotification),
          },
        ],
        originalUriBaseIds: {
          [SOURCE_ROOT]: { description: { text: 'The root of the scanned repository.' } },
        },
        columnKind: 'utf16CodeUnits',
        results: all.map((finding) => toResult(finding, ruleIndex, withBaseline)),
      },
    ],
  };
}

/**
 * Renders SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the referenced rules
 * with help and `security-severity`, open and suppressed results with fingerprints, code flows,
 * fixes and baseline state, and the diagnostics as tool notifications.
 */
export function renderSarif(result: ScanResult, _context?: ReportContext): string {
  return `${JSON.stringify(toSarifLog(result), null, 2)}\n`;
}
