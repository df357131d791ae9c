import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText } from '../src/escape.js';
import { renderJunit } from '../src/junit.js';
import { emptyResult, sampleResult } from './fixtures/sample-result.js';
import { junitSchemaErrors } from './validators.js';

describe('junit reporter', () => {
  it.each([
    ['sample', sampleResult],
    ['empty', emptyResult],
  ])('validates against schemas/junit.xsd (%s)', async (_name, build) => {
    expect(await junitSchemaErrors(renderJunit(build()))).toEqual([]);
  });

  it('counts tests, failures and skipped per suite and in total', () => {
    const xml = renderJunit(sampleResult());
    expect(xml).toContain('<testsuites name="rampart" tests="11" failures="7" errors="0" skipped="3">');
    expect(xml).toContain('<testsuite name="sast" tests="5" failures="4" errors="0" skipped="1">');
    expect(xml).toContain('<testcase classname="dast" name="no findings"/>');
  });

  it('stays well-formed and valid with markup, quotes and characters XML 1.0 forbids', async () => {
    const result = sampleResult();
    const nasty = 'a"b\'c<d>&e]]>\u0000\u0007\u001b[31m\uFFFE\uD800 tab\tnew\nline 😀';
    result.findings[0]!.message = nasty;
    result.findings[0]!.location.path = 'dir/<weird> & "odd".py';
    result.suppressed[0]!.suppression.reason = nasty;
    const xml = renderJunit(result);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    // eslint-disable-next-line no-control-regex -- the test looks for the characters XML forbids
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE]/);
    expect(xml).toContain('message="a&quot;b\'c&lt;d&gt;&amp;e]]&gt;[31m tab&#9;new&#10;line 😀"');
  });

  it('reports a scanner that found something but is not in the scanner list', () => {
    const result = sampleResult();
    result.scanners = result.scanners.filter((scanner) => scanner.id !== 'sca');
    expect(renderJunit(result)).toContain('<testsuite name="sca" tests="1" failures="1"');
  });
});

describe('xml escaping', () => {
  it('drops what XML 1.0 cannot carry and keeps astral characters', () => {
    expect(escapeXmlText('x\u0001y\uDC00z\u{1F600}')).toBe('xyz\u{1F600}');
  });

  it('keeps line breaks in attributes as character references', () => {
    expect(escapeXmlAttribute('a\r\n\tb"')).toBe('a&#13;&#10;&#9;b&quot;');
  });
});
