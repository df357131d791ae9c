import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/nuget/extract.js';
import { jsonSpans, pathKey } from '../../src/extractors/nuget/json-spans.js';
import { ExtractError, lineAt } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/nuget/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('packages.lock.json', () => {
  it('reads each package once across frameworks, with edges and direct status', async () => {
    const result = await extractFile(extractor, fixture('packages.lock.json'));
    expect(result.packages.map((p) => [p.id, p.direct, p.dependencies])).toEqual([
      ['Microsoft.NETCore.App.Runtime.linux-x64@8.0.0', false, []],
      ['Newtonsoft.Json@13.0.3', false, []], // CentralTransitive
      ['Serilog.Sinks.Console@5.0.1', true, ['Serilog@3.1.1']],
      ['Serilog@3.1.1', true, []], // Transitive for net8.0, Direct for net48
      ['System.Buffers@4.5.1', false, []],
      ['System.Memory@4.5.5', false, ['System.Buffers@4.5.1']],
      ['System.Text.Json@6.0.10', true, ['System.Buffers@4.5.1', 'System.Memory@4.5.5']], // names are case-insensitive
    ]);
    expect(result.roots).toEqual(['Serilog.Sinks.Console@5.0.1', 'Serilog@3.1.1', 'System.Text.Json@6.0.10']);
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('NuGet');
      expect(p.depGroups).toEqual([]);
    }
    expect(result.packages.some((p) => p.name === 'orders.domain')).toBe(false); // a Project reference
  });

  it('spans the entry of the first framework that lists a package', async () => {
    const text = readFileSync(fixture('packages.lock.json'), 'utf8');
    const { packages } = await extractFile(extractor, fixture('packages.lock.json'));
    const serilog = packages.find((p) => p.name === 'Serilog');
    expect(lineAt(text, serilog?.start ?? 0)).toBe(20);
    const entry = JSON.parse(text.slice(serilog?.start, serilog?.end)) as unknown;
    expect(entry).toMatchObject({ type: 'Transitive', resolved: '3.1.1' });
  });

  it('reads a file with a byte-order mark, keeping offsets', async () => {
    const text =
      '\uFEFF{"version": 1, "dependencies": {"net6.0": {"A": {"type": "Direct", "resolved": "1.0.0"}}}}';
    const { packages } = await extractor.extract({ path: 'packages.lock.json', text });
    expect(packages.map((p) => [p.id, text.slice(p.start, p.end)])).toEqual([
      ['A@1.0.0', '{"type": "Direct", "resolved": "1.0.0"}'],
    ]);
  });

  it('rejects unsupported versions, entries without a resolved version and invalid JSON', async () => {
    await expectError('unsupported-version.json', /unsupported packages\.lock\.json version 3/, 2);
    await expectError(
      'missing-resolved.json',
      /dependencies\.net6\.0\.Test\.Core has no resolved version/,
      5,
    );
    await expectError('truncated.json', /invalid JSON/, 8);
  });
});

describe('jsonSpans', () => {
  it('finds values by path to the requested depth, with escapes, arrays and scalars', () => {
    const text = '{ "a\\"b": {"x": [1, {"y": "}"}], "z": null}, "n": -1.5e3 , "s": "q\\\\"}';
    const spans = jsonSpans(text, 3);
    const at = (...path: (string | number)[]): string | undefined => {
      const span = spans.get(pathKey(path));
      return span && text.slice(span.start, span.end);
    };
    expect(at('a"b')).toBe('{"x": [1, {"y": "}"}], "z": null}');
    expect(at('a"b', 'x')).toBe('[1, {"y": "}"}]');
    expect(at('a"b', 'x', 1)).toBe('{"y": "}"}');
    expect(at('a"b', 'x', 1, 'y')).toBeUndefined(); // deeper than asked
    expect(at('a"b', 'z')).toBe('null');
    expect(at('n')).toBe('-1.5e3');
    expect(at('s')).toBe('"q\\\\"');
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseNuGetLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseNuGetLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('nuget: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
