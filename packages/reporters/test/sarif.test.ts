import { describe, expect, it } from 'vitest';
import { renderSarif, ruleName } from '../src/sarif.js';
import { emptyResult, sampleResult } from './fixtures/sample-result.js';
import { sarifSchemaValidator } from './validators.js';

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  suppressions: { kind: string; justification?: string; properties: { rampartKind: string } }[];
  baselineState?: string;
  partialFingerprints: Record<string, string>;
  codeFlows?: { threadFlows: { locations: { location: { message: { text: string } } }[] }[] }[];
  fixes?: unknown[];
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
}

interface SarifRule {
  id: string;
  name: string;
  properties: { tags: string[]; 'security-severity': string; precision?: string };
  defaultConfiguration: { level: string };
}

function sarifRun(output: string) {
  const log = JSON.parse(output);
  return log.runs[0] as {
    tool: { driver: { rules: SarifRule[] } };
    results: SarifResult[];
    invocations: { toolExecutionNotifications: { locations?: unknown[] }[] }[];
  };
}

describe('sarif reporter', () => {
  it.each([
    ['sample', sampleResult],
    ['empty', emptyResult],
  ])('validates against the official SARIF 2.1.0 schema (%s)', (_name, build) => {
    const validate = sarifSchemaValidator();
    const valid = validate(JSON.parse(renderSarif(build())));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('lists only the referenced rules, sorted, and points each result at its rule', () => {
    const result = sampleResult();
    result.rules.push({ ...result.rules[0]!, id: 'iac/unused-rule' });
    const run = sarifRun(renderSarif(result));
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    expect(ids).not.toContain('iac/unused-rule');
    expect(ids).toEqual([...ids].sort());
    for (const sarifResult of run.results) {
      expect(run.tool.driver.rules[sarifResult.ruleIndex!]!.id).toBe(sarifResult.ruleId);
    }
  });

  it('maps severities to levels and security-severity scores', () => {
    const rules = sarifRun(renderSarif(sampleResult())).tool.driver.rules;
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    expect(byId.get('secrets/aws-access-key')!.properties['security-severity']).toBe('9.5');
    expect(byId.get('secrets/aws-access-key')!.defaultConfiguration.level).toBe('error');
    expect(byId.get('sast/weak-hash')!.defaultConfiguration.level).toBe('warning');
    expect(byId.get('sast/debug-enabled')!.properties['security-severity']).toBe('0.0');
    expect(byId.get('sast/sql-injection')!.properties.tags).toEqual([
      'security',
      'CWE-89',
      'external/cwe/cwe-89',
      'injection',
    ]);
    expect(byId.get('sast/sql-injection')!.name).toBe('SqlInjection');
  });

  it('marks suppressions by kind and baseline state on every result', () => {
    const results = sarifRun(renderSarif(sampleResult())).results;
    const suppressed = results.filter((r) => r.suppressions.length > 0);
    expect(
      suppressed.map((r) => [
        r.suppressions[0]!.properties.rampartKind,
        r.suppressions[0]!.kind,
        r.baselineState,
      ]),
    ).toEqual([
      ['baseline', 'external', 'unchanged'],
      ['file', 'external', 'new'],
      ['inline', 'inSource', 'new'],
    ]);
    // SARIF: once one result has baselineState or suppressions, all must.
    expect(results.every((r) => r.baselineState !== undefined && Array.isArray(r.suppressions))).toBe(true);
    expect(results.filter((r) => r.suppressions.length === 0).every((r) => r.baselineState === 'new')).toBe(
      true,
    );
  });

  it('omits baselineState when no baseline was used', () => {
    const result = sampleResult();
    delete result.baseline;
    expect(sarifRun(renderSarif(result)).results.some((r) => r.baselineState !== undefined)).toBe(false);
  });

  it('turns a trace into one thread flow and replacements into a fix', () => {
    const results = sarifRun(renderSarif(sampleResult())).results;
    const injection = results.find((r) => r.ruleId === 'sast/sql-injection')!;
    const steps = injection.codeFlows![0]!.threadFlows[0]!.locations;
    expect(steps.map((step) => step.location.message.text)).toHaveLength(3);
    expect(
      results.find((r) => r.ruleId === 'sast/weak-hash' && r.suppressions.length === 0)!.fixes,
    ).toHaveLength(1);
    // A fix without replacements has nothing SARIF can apply.
    expect(results.find((r) => r.ruleId === 'sca/vulnerable-dependency')!.fixes).toBeUndefined();
    expect(injection.partialFingerprints['rampartFingerprint/v1']).toBe('1b2c3d4e5f60718293a4b5c6d7e8f901');
  });

  it('percent-encodes paths into relative URI references', () => {
    const result = sampleResult();
    result.findings[0]!.location.path = 'docs/my notes/a#b?.md';
    const validate = sarifSchemaValidator();
    const log = JSON.parse(renderSarif(result));
    expect(validate(log)).toBe(true);
    const uris = (log.runs[0].results as SarifResult[]).map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('docs/my%20notes/a%23b%3F.md');
  });

  it('reports diagnostics as notifications, with a location only when there is a path', () => {
    const notifications = sarifRun(renderSarif(sampleResult())).invocations[0]!.toolExecutionNotifications;
    expect(notifications.map((n) => n.locations !== undefined)).toEqual([true, true, false]);
  });

  it('claims a semanticVersion only for a semantic version', () => {
    const result = sampleResult();
    const driverOf = (version: string): { version: string; semanticVersion?: string } => {
      result.tool.version = version;
      return JSON.parse(renderSarif(result)).runs[0].tool.driver as {
        version: string;
        semanticVersion?: string;
      };
    };
    expect(driverOf('1.2.3-rc.1+build.5').semanticVersion).toBe('1.2.3-rc.1+build.5');
    expect(driverOf('dev').semanticVersion).toBeUndefined();
    expect(driverOf('dev').version).toBe('dev');
  });

  it('names rules in PascalCase without the scanner', () => {
    expect(ruleName('secrets/aws-access-key')).toBe('AwsAccessKey');
    expect(ruleName('iac/k8s.run-as-root')).toBe('K8sRunAsRoot');
  });
});

describe('the SARIF schema check itself', () => {
  it('rejects a log the reporter must never write', () => {
    const validate = sarifSchemaValidator();
    const log = JSON.parse(renderSarif(sampleResult()));
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(log)).toBe(false);
  });
});
