import type { Finding } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, inlineCode, renderMarkdown } from '../src/markdown.js';
import { emptyResult, sampleResult } from './fixtures/sample-result.js';

const GITHUB_COMMENT_LIMIT = 65_536;

function manyFindings(count: number): Finding[] {
  const template = sampleResult().findings[6]!;
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    message: `Finding number ${i} with a reasonably long message so that the comment grows quickly`,
    location: { ...template.location, path: `src/generated/file-${String(i).padStart(5, '0')}.ts` },
    fingerprint: i.toString(16).padStart(32, '0'),
  }));
}

describe('markdown reporter', () => {
  it('shows the verdict, counts and the baseline comparison', () => {
    const output = renderMarkdown(sampleResult());
    expect(output.split('\n')[0]).toBe('## ❌ rampart: FAIL');
    expect(output).toContain('| 🟠 high | 2 |');
    expect(output).toContain('**New vs. baseline:** 7 new · 1 baselined (`.rampart/baseline.json`)');
    expect(output).toContain('`origin/main`');
    expect(renderMarkdown(emptyResult())).not.toContain('New vs. baseline');
  });

  it('names the commit of a secret found in history, escaped', () => {
    const result = sampleResult();
    const finding = result.findings.find((f) => f.ruleId === 'secrets/aws-access-key')!;
    expect(renderMarkdown(result)).not.toContain('(commit ');
    finding.details = {
      kind: 'secret',
      secretType: 'AWS access key ID',
      masked: 'AKIA************MPLE',
      commit: '3f9a1c2b7d4e5f60718293a4b5c6d7e8f9012345',
      author: 'Ana *bold* <ana@example.com>',
      date: '2026-01-02T03:04:05+01:00',
    };
    expect(renderMarkdown(result)).toContain(
      `line 12 (commit 3f9a1c2b7d4e by ${escapeMarkdown('Ana *bold* <ana@example.com>')} on 2026-01-02): AWS access key ID`,
    );
  });

  it('lists the top findings most severe first, up to maxFindings', () => {
    const output = renderMarkdown(sampleResult(), { color: false, maxFindings: 2 });
    expect(output).toContain('### Top 2 of 7 findings');
    const table = output.slice(output.indexOf('### Top'), output.indexOf('<details>'));
    const rows = table.split('\n').filter((line) => line.startsWith('| 🔴') || line.startsWith('| 🟠'));
    expect(rows.map((row) => row.split(' | ')[1])).toEqual([
      '`secrets/aws-access-key`',
      '`sca/vulnerable-dependency`',
    ]);
  });

  it('escapes pipes, backticks and HTML in table cells', () => {
    const row = renderMarkdown(sampleResult())
      .split('\n')
      .find((line) => line.includes('sast/insecure-random') && line.startsWith('|'))!;
    expect(row).toContain('\\`Math.random()\\` is predictable \\| use');
    expect(row).toContain('&lt;token&gt; values &amp; ids');
    // Four columns: exactly five unescaped pipes.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(5);
  });

  it('does not mention users or teams, or link issues', () => {
    expect(escapeMarkdown('@babel/core and @org/team fix #123')).toBe(
      '@&#8203;babel/core and @&#8203;org/team fix #&#8203;123',
    );
  });

  it('neutralises links, images, emphasis and raw HTML', () => {
    expect(escapeMarkdown('![x](https://evil) <b>*hi*</b> _u_ ~s~ \\ line\nbreak')).toBe(
      '!\\[x\\](https://evil) &lt;b&gt;\\*hi\\*&lt;/b&gt; \\_u\\_ \\~s\\~ \\\\ line break',
    );
  });

  it('fences inline code longer than any backtick run inside', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
  });

  it('stays under GitHub’s comment limit, saying what it left out', () => {
    const result = sampleResult();
    result.findings = manyFindings(3000);
    const output = renderMarkdown(result);
    expect(output.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(output).toMatch(/…and \d+ more entries not shown/);
    // Sections stay closed even when cut.
    expect(output.match(/<details>/g)!.length).toBe(output.match(/<\/details>/g)!.length);
    expect(output.trimEnd().endsWith('<sub>rampart 0.1.0</sub>')).toBe(true);
  });

  it('honours a smaller maxLength', () => {
    const output = renderMarkdown(sampleResult(), { color: false, maxLength: 3000 });
    expect(output.length).toBeLessThanOrEqual(3000);
    expect(output).toContain('not shown');
  });

  it('does not cut what fits', () => {
    expect(renderMarkdown(sampleResult())).not.toContain('not shown');
  });
});
