import {
  compareStrings,
  type Diagnostic,
  type Finding,
  type RuleMeta,
  type ScanResult,
  type SuppressedFinding,
} from '@rampart/core/model';
import type { ReportContext } from './context.js';
import { escapeXmlAttribute, escapeXmlText } from './escape.js';
import { orderResult } from './ordering.js';
import { formatDiagnosticLocation, formatLocation } from './summary.js';

type Attributes = readonly (readonly [name: string, value: string | number])[];

function tag(name: string, attributes: Attributes): string {
  const rendered = attributes
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`)
    .join('');
  return `${name}${rendered}`;
}

/** An element on one line: empty, or with escaped text content. */
function leaf(indent: string, name: string, attributes: Attributes, text?: string): string {
  return text === undefined
    ? `${indent}<${tag(name, attributes)}/>`
    : `${indent}<${tag(name, attributes)}>${escapeXmlText(text)}</${name}>`;
}

/** An element whose children are already-rendered lines. */
function branch(indent: string, name: string, attributes: Attributes, children: readonly string[]): string[] {
  if (children.length === 0) return [leaf(indent, name, attributes)];
  return [`${indent}<${tag(name, attributes)}>`, ...children, `${indent}</${name}>`];
}

/** The text a CI test tab shows under a failure: everything needed to act on the finding. */
function findingDetails(finding: Finding, rule: RuleMeta | undefined): string {
  const lines = [
    `${finding.severity}: ${finding.message}`,
    `Rule: ${finding.ruleId}${rule ? ` (${rule.title})` : ''}`,
    `Location: ${formatLocation(finding.location)}`,
  ];
  if (finding.cwe.length > 0) lines.push(`CWE: ${finding.cwe.join(', ')}`);
  if (finding.location.snippet !== undefined)
    lines.push('Snippet:', ...indentLines(finding.location.snippet));
  if (finding.trace !== undefined && finding.trace.length > 0) {
    lines.push('Trace:');
    finding.trace.forEach((step, index) => {
      lines.push(`  ${index + 1}. ${formatLocation(step.location)} ${step.message}`);
    });
  }
  if (finding.fix !== undefined) lines.push(`Fix: ${finding.fix.description}`);
  else if (rule !== undefined) lines.push(`Fix: ${rule.help.fix}`);
  if (rule?.references[0] !== undefined) lines.push(`Help: ${rule.references[0]}`);
  lines.push(`Fingerprint: ${finding.fingerprint}`);
  return lines.join('\n');
}

function indentLines(text: string): string[] {
  return text.split('\n').map((line) => `  ${line}`);
}

function suppressionMessage(finding: SuppressedFinding): string {
  const { kind, reason, owner, expires, source } = finding.suppression;
  const parts = [`suppressed (${kind})`];
  if (reason !== undefined) parts.push(reason);
  if (owner !== undefined) parts.push(`owner ${owner}`);
  if (expires !== undefined) parts.push(`expires ${expires}`);
  if (source !== undefined) parts.push(`declared at ${source}`);
  return parts.join('; ');
}

const CASE_INDENT = '    ';
const RESULT_INDENT = '      ';

function findingCase(finding: Finding, outcome: string): string[] {
  const name = `${finding.ruleId} at ${formatLocation(finding.location, false)}`;
  const attributes: Attributes = [
    ['classname', finding.location.path],
    ['name', name],
  ];
  return branch(CASE_INDENT, 'testcase', attributes, [outcome]);
}

function failureCase(finding: Finding, rule: RuleMeta | undefined): string[] {
  const attributes: Attributes = [
    ['message', finding.message],
    ['type', finding.severity],
  ];
  return findingCase(finding, leaf(RESULT_INDENT, 'failure', attributes, findingDetails(finding, rule)));
}

function skippedCase(finding: SuppressedFinding): string[] {
  return findingCase(finding, leaf(RESULT_INDENT, 'skipped', [['message', suppressionMessage(finding)]]));
}

/** A scanner that found nothing still shows up in the test tab, as one passing test. */
function passingCase(scanner: string): string[] {
  const attributes: Attributes = [
    ['classname', scanner],
    ['name', 'no findings'],
  ];
  return [leaf(CASE_INDENT, 'testcase', attributes)];
}

function diagnosticLine(diagnostic: Diagnostic): string {
  const where = formatDiagnosticLocation(diagnostic);
  return `${diagnostic.level} ${diagnostic.code}${where !== undefined ? ` ${where}` : ''}: ${diagnostic.message}`;
}

interface SuiteInput {
  scanner: string;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  diagnostics: Diagnostic[];
}

interface RenderedSuite {
  lines: string[];
  tests: number;
  failures: number;
  skipped: number;
}

function renderSuite(suite: SuiteInput, rules: ReadonlyMap<string, RuleMeta>): RenderedSuite {
  const failures = suite.findings.map((finding) => failureCase(finding, rules.get(finding.ruleId)));
  const skipped = suite.suppressed.map(skippedCase);
  const testcases = [...failures, ...skipped];
  if (testcases.length === 0) testcases.push(passingCase(suite.scanner));
  const systemErr = suite.diagnostics.map(diagnosticLine).join('\n');
  const children = [
    ...testcases.flat(),
    ...(systemErr === '' ? [] : [leaf(CASE_INDENT, 'system-err', [], systemErr)]),
  ];
  const counts = { tests: testcases.length, failures: failures.length, skipped: skipped.length };
  const attributes: Attributes = [
    ['name', suite.scanner],
    ['tests', counts.tests],
    ['failures', counts.failures],
    ['errors', 0],
    ['skipped', counts.skipped],
  ];
  return { lines: branch('  ', 'testsuite', attributes, children), ...counts };
}

/** One suite per scanner that ran, plus any scanner that reported without being listed. */
function suiteInputs(result: ScanResult): SuiteInput[] {
  const ids = new Set([
    ...result.scanners.map((scanner) => scanner.id),
    ...result.findings.map((f) => f.scanner),
    ...result.suppressed.map((f) => f.scanner),
  ]);
  return [...ids].sort(compareStrings).map((scanner) => ({
    scanner,
    findings: result.findings.filter((finding) => finding.scanner === scanner),
    suppressed: result.suppressed.filter((finding) => finding.scanner === scanner),
    diagnostics: result.diagnostics.filter((diagnostic) => diagnostic.scanner === scanner),
  }));
}

/**
 * Renders JUnit XML for CI test tabs (the Jenkins/Ant shape, `schemas/junit.xsd`): a suite per
 * scanner, a failing test per open finding, a skipped test per suppressed finding and a passing
 * "no findings" test for a scanner without any. Scanner diagnostics go to the suite's `system-err`.
 */
export function renderJunit(result: ScanResult, _context?: ReportContext): string {
  const ordered = orderResult(result);
  const rules = new Map(ordered.rules.map((rule) => [rule.id, rule]));
  const suites = suiteInputs(ordered).map((suite) => renderSuite(suite, rules));
  const total = (key: 'tests' | 'failures' | 'skipped'): number =>
    suites.reduce((sum, suite) => sum + suite[key], 0);
  const attributes: Attributes = [
    ['name', ordered.tool.name],
    ['tests', total('tests')],
    ['failures', total('failures')],
    ['errors', 0],
    ['skipped', total('skipped')],
  ];
  const body = branch(
    '',
    'testsuites',
    attributes,
    suites.flatMap((suite) => suite.lines),
  );
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...body].join('\n') + '\n';
}
