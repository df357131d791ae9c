import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanText, type RawFinding } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import scanner from '../src/index.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const UPDATE = process.env.UPDATE_SNAPSHOT === '1';
const folders = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The one input file of a fixture folder, with its fixture-relative path. */
function readInput(folder: string): { path: string; text: string } {
  const files = readdirSync(join(FIXTURES, folder)).filter((name) => name !== 'expected.json');
  expect(files, `${folder} must hold exactly one input file`).toHaveLength(1);
  const path = `${folder}/${files[0]!}`;
  return { path, text: readFileSync(join(FIXTURES, path), 'utf8') };
}

/** What expected.json pins: everything but the fingerprint and the path. */
function summarize(finding: Awaited<ReturnType<typeof scanText>>['findings'][number]) {
  const { startLine, startColumn, endLine, endColumn, snippet } = finding.location;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    location: { startLine, startColumn, endLine, endColumn, snippet },
    details: finding.details,
  };
}

describe('fixture folders', () => {
  it('are all named ok.<case> or ng.<case>', () => {
    expect(folders.filter((name) => !/^(?:ok|ng)\.[a-z0-9-]+$/.test(name))).toEqual([]);
  });

  it.each(folders.filter((name) => name.startsWith('ng.')))('%s matches expected.json', async (folder) => {
    const { path, text } = readInput(folder);
    const { findings, diagnostics } = await scanText(scanner, path, text);
    expect(diagnostics).toEqual([]);
    const actual = findings.map(summarize);
    const expectedFile = join(FIXTURES, folder, 'expected.json');
    if (UPDATE) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual.length).toBeGreaterThan(0);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });

  it.each(folders.filter((name) => name.startsWith('ok.')))('%s has no findings', async (folder) => {
    const { path, text } = readInput(folder);
    const { findings, diagnostics } = await scanText(scanner, path, text);
    expect(diagnostics).toEqual([]);
    expect(findings.map(summarize)).toEqual([]);
  });
});

describe('secrets never leave unmasked', () => {
  const inputs = [
    ...folders.filter((name) => name.startsWith('ng.')).map(readInput),
    ...scanner.rules.map((rule) => ({ path: `${rule.id}.bad`, text: rule.help.bad })),
  ];

  it.each(inputs.map((input) => [input.path, input] as const))('%s', async (_name, { path, text }) => {
    const raw: RawFinding[] = [];
    const fileScanner = await scanner.createFileScanner!({
      options: {},
      enabledRules: new Set(scanner.rules.map((r) => r.id)),
    });
    await fileScanner.scanFile({ path, text }, (finding) => raw.push(finding));
    const secrets = [
      ...new Set(raw.flatMap((f) => (f.secrets ?? []).map((s) => text.slice(s.start, s.end)))),
    ];
    expect(secrets.length).toBeGreaterThan(0);

    // What the scanner itself says, before core's defensive masking of messages...
    const fromScanner = raw.map((f) => f.message + JSON.stringify(f.details));
    // ...and what a user sees.
    const { findings } = await scanText(scanner, path, text);
    const shown = findings.map((f) => f.message + (f.location.snippet ?? '') + JSON.stringify(f.details));
    for (const secret of secrets) {
      for (const visible of [...fromScanner, ...shown]) expect(visible).not.toContain(secret);
    }
  });
});
