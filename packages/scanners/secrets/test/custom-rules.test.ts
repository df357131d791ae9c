import { scanText } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import scanner from '../src/index.js';
import { validateOptions, type SecretsOptions } from '../src/options.js';

const options: SecretsOptions = {
  rules: [
    {
      id: 'secrets/acme-api-key',
      title: 'ACME API key',
      pattern: 'acme_(?<secret>[a-z0-9]{32})',
      keywords: ['acme_'],
      severity: 'critical',
    },
    {
      id: 'secrets/acme-legacy',
      title: 'ACME legacy token',
      pattern: 'ACMEL-[A-Z0-9]{20}',
      keywords: ['acmel-'],
    },
  ],
};

describe('custom rules from the config file', () => {
  it('adds rules with metadata and finds their secrets, masked', async () => {
    expect(scanner.extraRules!(options).map((r) => [r.id, r.severity])).toEqual([
      ['secrets/acme-api-key', 'critical'],
      ['secrets/acme-legacy', 'high'],
    ]);
    const text = "key = 'acme_q8v3k2m9x7w1z5r4t6y0u2i8o3p9a1s7'\ntoken: ACMEL-Q7W8E9R0T1Y2U3I4O5P6\n";
    const { findings } = await scanText(scanner, 'app.cfg', text, { scannerOptions: options });
    expect(findings.map((f) => [f.ruleId, f.location.startLine, f.severity])).toEqual([
      ['secrets/acme-api-key', 1, 'critical'],
      ['secrets/acme-legacy', 2, 'high'],
    ]);
    expect(JSON.stringify(findings)).not.toContain('q8v3k2m9x7w1z5r4t6y0u2i8o3p9a1s7');
    expect(JSON.stringify(findings)).not.toContain('Q7W8E9R0T1Y2U3I4O5P6');
  });

  it('reports patterns that do not compile and ids that repeat a built-in rule', () => {
    expect(
      validateOptions({
        allowlist: ['ok', '(unclosed'],
        rules: [{ id: 'secrets/github-token', title: 'x', pattern: '[z-a]', keywords: ['x'] }],
      }).map((p) => p.path.join('.')),
    ).toEqual(['allowlist.1', 'rules.0.pattern', 'rules.0.id']);
  });
});
