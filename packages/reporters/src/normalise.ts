import type {
  Diagnostic,
  Finding,
  FindingDetails,
  Fix,
  Location,
  RuleMeta,
  SuppressedFinding,
  Suppression,
  TraceStep,
} from '@rampart/core/model';

/*
 * Copies of model objects with their keys in the documented order (docs/json-format.md) and nothing
 * else. Every object is rebuilt key by key, so the literal's order is the output order and fields the
 * format does not define are left out: output never depends on how the input was built.
 */

/** Drops keys whose value is undefined, so optional fields are absent rather than null. */
export function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

function normaliseLocation(location: Location): Location {
  const { path, startLine, startColumn, endLine, endColumn, snippet } = location;
  return defined({ path, startLine, startColumn, endLine, endColumn, snippet });
}

function normaliseTrace(trace: TraceStep[] | undefined): TraceStep[] | undefined {
  return trace?.map((step) => ({ location: normaliseLocation(step.location), message: step.message }));
}

function normaliseFix(fix: Fix | undefined): Fix | undefined {
  if (fix === undefined) return undefined;
  const replacements = fix.replacements?.map((r) => ({
    location: normaliseLocation(r.location),
    text: r.text,
  }));
  return defined({ description: fix.description, replacements });
}

export function normaliseDetails(details: FindingDetails | undefined): FindingDetails | undefined {
  switch (details?.kind) {
    case undefined:
      return undefined;
    case 'secret': {
      const { kind, secretType, entropy, masked, commit, author, date } = details;
      return defined({ kind, secretType, entropy, masked, commit, author, date });
    }
    case 'dependency': {
      const { kind, ecosystem, packageName, version, purl, advisoryIds, aliases, fixedVersions } = details;
      const { dependencyPaths, scope, direct, fixedIn, cvssScore, cvssVector, summary, references } = details;
      return defined({
        kind,
        ecosystem,
        packageName,
        version,
        purl,
        advisoryIds,
        aliases,
        fixedVersions,
        dependencyPaths,
        scope,
        direct,
        fixedIn,
        cvssScore,
        cvssVector,
        summary,
        references,
        licenses: details.licenses,
      });
    }
    case 'code':
      return defined({ kind: details.kind, language: details.language });
    case 'config':
      return defined({ kind: details.kind, platform: details.platform, resource: details.resource });
  }
}

export function normaliseFinding(finding: Finding): Finding {
  return defined({
    ruleId: finding.ruleId,
    scanner: finding.scanner,
    severity: finding.severity,
    message: finding.message,
    location: normaliseLocation(finding.location),
    cwe: finding.cwe,
    fingerprint: finding.fingerprint,
    trace: normaliseTrace(finding.trace),
    fix: normaliseFix(finding.fix),
    details: normaliseDetails(finding.details),
  });
}

function normaliseSuppression(suppression: Suppression): Suppression {
  const { kind, reason, owner, expires, source } = suppression;
  return defined({ kind, reason, owner, expires, source });
}

export function normaliseSuppressed(finding: SuppressedFinding): SuppressedFinding {
  return { ...normaliseFinding(finding), suppression: normaliseSuppression(finding.suppression) };
}

export function normaliseRule(rule: RuleMeta): RuleMeta {
  return defined({
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    cwe: rule.cwe,
    description: rule.description,
    help: { bad: rule.help.bad, good: rule.help.good, fix: rule.help.fix },
    references: rule.references,
    tags: rule.tags,
    precision: rule.precision,
    aliases: rule.aliases,
  });
}

export function normaliseDiagnostic(diagnostic: Diagnostic): Diagnostic {
  const { level, code, message, path, line, scanner } = diagnostic;
  return defined({ level, code, message, path, line, scanner });
}
