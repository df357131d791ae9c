import { existsSync } from 'node:fs';
import { readUserFile } from '../config/read-file.js';
import picomatch from 'picomatch';
import { ConfigError, UsageError } from '../errors.js';
import type { Finding, SuppressedFinding } from '../finding.js';
import { parsePositioned, schemaIssues } from '../config/yaml-source.js';
import { matchesRuleSelector, type RuleCatalog } from '../rule-catalog.js';
import type { Diagnostic } from '../scanner.js';

/**
 * The suppressions file (`.rampart-suppressions.yml`): reviewed exceptions with a reason, an owner and
 * an optional expiry date. An expired entry stops suppressing and is reported, so accepted risks are
 * looked at again.
 */
export interface SuppressionEntry {
  rule: string;
  path?: string;
  fingerprint?: string;
  /** An advisory id or alias (GHSA-..., CVE-...): only dependency findings for that flaw. */
  advisory?: string;
  /** A package name: only dependency findings for that package. */
  package?: string;
  reason: string;
  owner: string;
  expires?: string;
  /** Line of the entry in the file. */
  line: number;
}

export const SUPPRESSIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['suppressions'],
  properties: {
    version: { const: 1 },
    suppressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'reason', 'owner'],
        properties: {
          rule: { type: 'string', minLength: 1, description: 'Rule id, alias or `<scanner>/*`.' },
          path: { type: 'string', minLength: 1, description: 'Glob of repository-relative paths.' },
          fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$' },
          advisory: {
            type: 'string',
            minLength: 1,
            description: 'Advisory id or alias (GHSA-..., CVE-...) of a dependency finding.',
          },
          package: { type: 'string', minLength: 1, description: 'Package name of a dependency finding.' },
          reason: { type: 'string', minLength: 3 },
          owner: { type: 'string', minLength: 1 },
          expires: {
            type: 'string',
            pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
            description: 'Last day the entry applies (YYYY-MM-DD).',
          },
        },
      },
    },
  },
} as const;

/** Load a suppressions file; schema problems throw a ConfigError with lines. */
export function loadSuppressions(path: string, displayPath: string, explicit: boolean): SuppressionEntry[] {
  if (!existsSync(path)) {
    if (explicit) throw new UsageError(`suppressions file not found: ${displayPath}`);
    return [];
  }
  const doc = parsePositioned(readUserFile(path, displayPath, 'suppressions'), displayPath);
  const issues = schemaIssues(SUPPRESSIONS_SCHEMA, doc);
  const raw = (doc.value as { suppressions?: Omit<SuppressionEntry, 'line'>[] } | null)?.suppressions ?? [];
  raw.forEach((entry, i) => {
    if (entry.expires !== undefined && !isRealDate(entry.expires)) {
      const pos = doc.locate(['suppressions', i, 'expires']);
      issues.push({
        source: displayPath,
        line: pos?.line,
        column: pos?.column,
        key: `suppressions[${i}].expires`,
        message: 'not a valid date',
      });
    }
  });
  if (issues.length > 0) throw new ConfigError(issues, `invalid suppressions file ${displayPath}`);
  return raw.map((entry, i) => ({ ...entry, line: doc.locate(['suppressions', i])?.line ?? 0 }));
}

/**
 * Apply suppression entries. Returns the findings still open and the suppressed ones. Expired entries
 * and entries naming unknown rules become warnings.
 */
export function applySuppressions(
  findings: readonly Finding[],
  entries: readonly SuppressionEntry[],
  displayPath: string,
  catalog: RuleCatalog,
  today: string,
  diagnostics: Diagnostic[],
  /** False for partial scans (staged, diff, named files), where most entries rightly match nothing. */
  reportUnused = true,
): { open: Finding[]; suppressed: SuppressedFinding[] } {
  const active = entries.filter((entry) => {
    if (!catalog.isKnown(entry.rule)) {
      diagnostics.push({
        level: 'warning',
        code: 'unknown-rule',
        path: displayPath,
        line: entry.line,
        message: `suppression names unknown rule "${entry.rule}"`,
      });
    }
    if (entry.expires !== undefined && entry.expires < today) {
      diagnostics.push({
        level: 'warning',
        code: 'suppression-expired',
        path: displayPath,
        line: entry.line,
        message: `suppression of ${entry.rule}${entry.path ? ` in ${entry.path}` : ''} (owner ${entry.owner}) expired on ${entry.expires}; its findings are reported again`,
      });
      return false;
    }
    return true;
  });
  const matchers = active.map((entry) => ({
    entry,
    path: entry.path === undefined ? undefined : picomatch(entry.path, { dot: true }),
  }));
  const open: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const used = new Set<SuppressionEntry>();
  for (const finding of findings) {
    const aliases = catalog.get(finding.ruleId)?.rule.aliases ?? [];
    const hit = matchers.find(
      ({ entry, path }) =>
        matchesRuleSelector(finding.ruleId, aliases, entry.rule) &&
        (path === undefined || path(finding.location.path)) &&
        (entry.fingerprint === undefined || entry.fingerprint === finding.fingerprint) &&
        matchesDependency(entry, finding),
    );
    if (hit) {
      used.add(hit.entry);
      suppressed.push({
        ...finding,
        suppression: {
          kind: 'file',
          reason: hit.entry.reason,
          owner: hit.entry.owner,
          ...(hit.entry.expires === undefined ? {} : { expires: hit.entry.expires }),
          source: `${displayPath}:${hit.entry.line}`,
        },
      });
    } else {
      open.push(finding);
    }
  }
  for (const { entry } of matchers) {
    if (!reportUnused || used.has(entry) || !catalog.isKnown(entry.rule)) continue;
    diagnostics.push({
      level: 'warning',
      code: 'suppression-unused',
      path: displayPath,
      line: entry.line,
      message: `suppression of ${describeEntry(entry)} matched no finding; remove it if the issue is gone`,
    });
  }
  return { open, suppressed };
}

function describeEntry(entry: SuppressionEntry): string {
  const parts = [entry.rule];
  if (entry.advisory) parts.push(entry.advisory);
  if (entry.package) parts.push(`package ${entry.package}`);
  if (entry.path) parts.push(`in ${entry.path}`);
  return parts.join(' ');
}

/** `advisory` and `package` narrow an entry to dependency findings of that flaw or package. */
function matchesDependency(entry: SuppressionEntry, finding: Finding): boolean {
  if (entry.advisory === undefined && entry.package === undefined) return true;
  const details = finding.details;
  if (details?.kind !== 'dependency') return false;
  if (entry.package !== undefined && entry.package !== details.packageName) return false;
  if (entry.advisory === undefined) return true;
  const wanted = entry.advisory.toUpperCase();
  return [...details.advisoryIds, ...details.aliases].some((id) => id.toUpperCase() === wanted);
}

/** `2024-02-30` matches the pattern but is no date: it must not roll over to March. */
function isRealDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
