import { readdirSync, readFileSync } from 'node:fs';
import { redosVerdict } from '../../core/test/support/redos.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BASELINE_SCHEMA, SUPPRESSIONS_SCHEMA } from '@rampart/core';
import { SIZE_PATTERN } from '../../core/src/config/schema.js';

// Every regular expression in core, the CLI, the reporters and the scanners' code is checked with recheck (the secrets
// scanner checks its own rule patterns in its package). Literals and `new RegExp('...')` calls are found
// with the TypeScript parser, so a new regex cannot skip the check.
const repo = new URL('../../../', import.meta.url);
const PACKAGES = [
  'packages/core/src',
  'packages/cli/src',
  'packages/reporters/src',
  'packages/scanners/secrets/src',
  'packages/scanners/sca/src',
  'packages/scanners/sast/src',
  'packages/scanners/iac/src',
];

function sourceFiles(dir: string): string[] {
  return (
    readdirSync(new URL(dir, repo), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.endsWith('.d.ts'))
      // Rule patterns are checked by their scanner's own ReDoS test, with adversarial inputs.
      .filter((d) => !d.parentPath.replaceAll('\\', '/').includes('/scanners/secrets/src/rules'))
      .map((d) => `${d.parentPath}/${d.name}`)
  );
}

function regexesIn(path: string): { where: string; source: string; flags: string }[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: { where: string; source: string; flags: string }[] = [];
  const where = (node: ts.Node) =>
    `${path.slice(path.indexOf('packages/'))}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const literal = node.text;
      const end = literal.lastIndexOf('/');
      found.push({ where: where(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [pattern, flags] = node.arguments ?? [];
      if (pattern && ts.isStringLiteralLike(pattern)) {
        found.push({
          where: where(node),
          source: pattern.text,
          flags: flags && ts.isStringLiteralLike(flags) ? flags.text : '',
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function schemaPatterns(schema: unknown, name: string): { where: string; source: string; flags: string }[] {
  const out: { where: string; source: string; flags: string }[] = [];
  const walk = (value: unknown) => {
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'pattern' && typeof child === 'string')
          out.push({ where: name, source: child, flags: 'u' });
        else walk(child);
      }
    }
  };
  walk(schema);
  return out;
}

const all = [
  ...PACKAGES.flatMap(sourceFiles).flatMap(regexesIn),
  { where: 'SIZE_PATTERN', source: SIZE_PATTERN, flags: 'u' },
  ...schemaPatterns(SUPPRESSIONS_SCHEMA, 'SUPPRESSIONS_SCHEMA'),
  ...schemaPatterns(BASELINE_SCHEMA, 'BASELINE_SCHEMA'),
];

describe('ReDoS: every regex in core, cli and reporters', () => {
  it('finds the regexes', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it.each(all.map((r) => [`${r.where} /${r.source}/${r.flags}`, r] as const))(
    '%s',
    { timeout: 120_000 },
    async (_name, r) => {
      expect(await redosVerdict(r.source, r.flags)).toBe('safe');
    },
  );
});
