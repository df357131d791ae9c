import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { REPORT_SCRIPT, REPORT_STYLE } from '../src/html-assets.js';
import { renderHtml } from '../src/html.js';
import { toJsonDocument } from '../src/json.js';
import type { FakeElement } from './fake-dom.js';
import { createFakeDocument, FakeNode, FakeText } from './fake-dom.js';
import { emptyResult, sampleResult } from './fixtures/sample-result.js';

const PAYLOAD = '</script><img src=x onerror=alert(1)>';

function dataBlock(html: string): string {
  const match = /<script type="application\/json" id="rampart-data">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no data block');
  return match[1]!;
}

function resultWithPayload() {
  const result = sampleResult();
  result.findings[0]!.message = PAYLOAD;
  result.findings[1]!.location.snippet = `<!-- ${PAYLOAD} \u2028 \u2029 -->`;
  result.rules[0]!.description = PAYLOAD;
  result.policy.reasons.push(PAYLOAD);
  result.diagnostics[0]!.message = PAYLOAD;
  return result;
}

/** Runs the report's script against the fake DOM; returns the page's elements to inspect. */
function runScript(html: string) {
  const page = createFakeDocument(dataBlock(html));
  runInNewContext(REPORT_SCRIPT, { document: page.document, Node: FakeNode });
  const rows = page.byId.get('finding-rows')!.children as FakeElement[];
  const mainRows = rows.filter((row) => row.getAttribute('class') !== 'detail');
  return { ...page, rows, mainRows };
}

describe('html reporter', () => {
  it('never lets a finding close the script or open a tag', () => {
    const html = renderHtml(resultWithPayload());
    expect(html).not.toContain(PAYLOAD);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/[\u2028\u2029]/);
    // Exactly the two script elements the reporter writes, and nothing after the last one.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html.trimEnd().endsWith('</script>\n</body>\n</html>')).toBe(true);
  });

  it('embeds the JSON format, escaped but meaning the same', () => {
    const result = resultWithPayload();
    expect(JSON.parse(dataBlock(renderHtml(result)))).toEqual(toJsonDocument(result));
  });

  it('loads nothing from the network', () => {
    const html = renderHtml(sampleResult());
    expect(html).not.toMatch(/\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/<(?:link|iframe|object|embed|img)\b/i);
  });

  it('pins its only style and script by hash in a CSP without unsafe-inline', () => {
    const html = renderHtml(sampleResult());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${hash(REPORT_SCRIPT)}`);
    expect(csp).toContain(`style-src ${hash(REPORT_STYLE)}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
    expect(html).toContain(`<style>${REPORT_STYLE}</style>`);
  });

  it('renders the same bytes twice', () => {
    expect(renderHtml(sampleResult())).toBe(renderHtml(sampleResult()));
  });

  it('has a script that never builds markup from strings', () => {
    expect(REPORT_SCRIPT).not.toMatch(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/,
    );
  });
});

describe('html report script (on a fake DOM)', () => {
  it('lists the open findings, most severe first, and counts them', () => {
    const page = runScript(renderHtml(sampleResult()));
    expect(page.mainRows).toHaveLength(10);
    const visible = page.mainRows.filter((row) => !row.hidden);
    expect(visible).toHaveLength(7);
    expect(visible[0]!.textContent).toContain('secrets/aws-access-key');
    expect(page.byId.get('shown')!.textContent).toBe('Showing 7 of 10 findings');
  });

  it('keeps a hostile message as plain text', () => {
    const page = runScript(renderHtml(resultWithPayload()));
    const texts = page.mainRows.flatMap((row) => row.descendants()).flatMap((el) => el.children);
    expect(texts.some((node) => node instanceof FakeText && node.data === PAYLOAD)).toBe(true);
  });

  it('filters by status, severity, scanner, rule and text', () => {
    const page = runScript(renderHtml(sampleResult()));
    const visibleCount = () => page.mainRows.filter((row) => !row.hidden).length;
    page.controls.get('status')!.value = 'all';
    page.form.dispatch('input');
    expect(visibleCount()).toBe(10);
    page.severityBoxes.find((box) => box.value === 'low')!.checked = false;
    page.form.dispatch('input');
    expect(visibleCount()).toBe(8);
    page.controls.get('scanner')!.value = 'secrets';
    page.form.dispatch('input');
    expect(visibleCount()).toBe(2);
    page.controls.get('scanner')!.value = '';
    page.controls.get('rule')!.value = 'sast/weak-hash';
    page.form.dispatch('input');
    expect(visibleCount()).toBe(2);
    page.controls.get('rule')!.value = '';
    page.controls.get('q')!.value = '  PACKAGE-LOCK ';
    page.form.dispatch('input');
    expect(visibleCount()).toBe(1);
    page.controls.get('q')!.value = 'no such text';
    page.form.dispatch('input');
    expect(visibleCount()).toBe(0);
    expect(page.byId.get('no-match')!.hidden).toBe(false);
  });

  it('fills the scanner and rule filters from the data', () => {
    const page = runScript(renderHtml(sampleResult()));
    const options = page.controls.get('scanner')!.children.map((option) => option.textContent);
    expect(options).toEqual(['iac', 'sast', 'sca', 'secrets']);
  });

  it('expands a row into snippet, trace, fix, CWE and rule help', () => {
    const page = runScript(renderHtml(sampleResult()));
    const index = page.rows.findIndex((row) => row.textContent.includes('sast/sql-injection'));
    const toggle = page.rows[index]!.querySelector('[aria-expanded=false]')!;
    const detail = page.rows[index + 1]!;
    expect(detail.hidden).toBe(true);
    toggle.dispatch('click');
    expect(detail.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const text = detail.textContent;
    for (const expected of [
      'Snippet',
      'Trace',
      'src/routes/users.ts:8:22',
      'CWE-89',
      'Rule: SQL injection',
      'Pass untrusted values',
    ]) {
      expect(text).toContain(expected);
    }
    const links = detail.descendants().filter((el) => el.tagName === 'a');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://owasp.org/www-community/attacks/SQL_Injection',
      'https://cwe.mitre.org/data/definitions/89.html',
    ]);
    toggle.dispatch('click');
    expect(detail.hidden).toBe(true);
  });

  it('never turns a non-web reference into a link', () => {
    const result = sampleResult();
    result.rules.find((rule) => rule.id === 'sast/sql-injection')!.references = ['javascript:alert(1)'];
    const page = runScript(renderHtml(result));
    const index = page.rows.findIndex((row) => row.textContent.includes('sast/sql-injection'));
    page.rows[index]!.querySelector('[aria-expanded=false]')!.dispatch('click');
    const detail = page.rows[index + 1]!;
    expect(detail.descendants().some((el) => el.tagName === 'a')).toBe(false);
    expect(detail.textContent).toContain('javascript:alert(1)');
  });

  it('works for a clean scan', () => {
    const page = runScript(renderHtml(emptyResult()));
    expect(page.mainRows).toHaveLength(0);
    expect(page.byId.get('shown')!.textContent).toBe('Showing 0 of 0 findings');
  });
});
