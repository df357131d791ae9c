import { describe, expect, it } from 'vitest';
import { renderTable } from '../src/table.js';
import { emptyResult, sampleResult } from './fixtures/sample-result.js';

const ESC = '\u001b';

describe('table reporter', () => {
  it('colours only when asked', () => {
    expect(renderTable(sampleResult(), { color: false })).not.toContain(ESC);
    expect(renderTable(sampleResult())).not.toContain(ESC);
    expect(renderTable(sampleResult(), { color: true })).toContain(`${ESC}[31m`);
  });

  it('says so when there are no findings', () => {
    expect(renderTable(emptyResult())).toContain('\nNo findings.\n');
    expect(renderTable(emptyResult())).toContain('\nPASS (fail on high or above)\n');
  });

  it('shows the trace as an indented list and the policy reasons', () => {
    const output = renderTable(sampleResult());
    expect(output).toContain(
      '  Trace:\n    1. src/routes/users.ts:8:22  Untrusted input enters here (source)\n',
    );
    expect(output).toContain('FAIL (fail on high or above)\n  - 3 open findings at or above high');
    expect(output).toContain('  Suppressed:   3 (1 inline, 1 file, 1 baseline)\n');
  });

  it('shows the commit, author and day of a secret found in history, escaped', () => {
    const result = sampleResult();
    const finding = result.findings.find((f) => f.ruleId === 'secrets/aws-access-key')!;
    expect(renderTable(result)).not.toContain('commit ');
    finding.details = {
      kind: 'secret',
      secretType: 'AWS access key ID',
      masked: 'AKIA************MPLE',
      commit: '3f9a1c2b7d4e5f60718293a4b5c6d7e8f9012345',
      author: `Ana ${ESC}[2J <ana@example.com>`,
      date: '2026-01-02T03:04:05+01:00',
    };
    expect(renderTable(result)).toContain(
      '  AWS access key ID committed to source\n  commit 3f9a1c2b7d4e by Ana \\u001b[2J <ana@example.com> on 2026-01-02\n',
    );
  });

  it('shows terminal control and bidi characters from scanned files escaped', () => {
    const result = sampleResult();
    result.findings[0]!.location.snippet = `key = "x"${ESC}]0;pwned\u0007 \u202Eevil`;
    const output = renderTable(result);
    expect(output).not.toContain(ESC);
    expect(output).not.toContain('\u202E');
    expect(output).toContain('key = "x"\\u001b]0;pwned\\u0007 \\u202eevil');
  });
});
