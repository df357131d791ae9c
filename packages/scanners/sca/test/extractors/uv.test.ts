import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/uv/extract.js';
import { ExtractError } from '../../src/model.js';
import { extractFile } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/uv/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

const extract = async (text: string) => extractor.extract({ path: 'uv.lock', text });

describe('uv.lock', () => {
  it('reads packages and edges, leaving out the project itself', async () => {
    const result = await extractFile(extractor, fixture('project/uv.lock'));
    expect(result.packages.map((p) => [p.id, p.dependencies])).toEqual([
      ['anyio@4.3.0', ['exceptiongroup@1.2.0', 'idna@3.6', 'sniffio@1.3.1']],
      ['certifi@2024.2.2', []],
      ['colorama@0.4.6', []],
      ['exceptiongroup@1.2.0', []],
      // the project asks for httpx[socks], so httpx's `socks` extra is installed
      ['httpx@0.27.0', ['anyio@4.3.0', 'certifi@2024.2.2', 'idna@3.6', 'sniffio@1.3.1', 'socksio@1.0.0']],
      ['idna@3.6', []],
      ['iniconfig@2.0.0', []],
      ['markdown-it-py@3.0.0', ['mdurl@0.1.2']],
      ['mdurl@0.1.2', []],
      ['numpy@1.26.4', []],
      ['numpy@2.0.0', []],
      ['pluggy@1.4.0', []],
      ['pygments@2.17.2', []],
      ['pytest@8.1.1', ['colorama@0.4.6', 'iniconfig@2.0.0', 'pluggy@1.4.0']],
      ['rich@13.7.1', ['markdown-it-py@3.0.0', 'pygments@2.17.2']],
      ['ruff@0.3.4', []],
      ['sniffio@1.3.1', []],
      ['socksio@1.0.0', []],
      ['telemetry-client@0.4.2', ['httpx@0.27.0']],
    ]);
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('PyPI');
      expect(p.direct).toBeUndefined();
    }
  });

  it('takes the roots from the project and the groups from what reaches each package', async () => {
    const result = await extractFile(extractor, fixture('project/uv.lock'));
    expect(result.roots).toEqual([
      'httpx@0.27.0',
      'numpy@1.26.4',
      'numpy@2.0.0',
      'pytest@8.1.1',
      'rich@13.7.1',
      'ruff@0.3.4',
      'telemetry-client@0.4.2',
    ]);
    const groups = Object.fromEntries(
      result.packages.map((p) => [p.name + (p.name === 'numpy' ? p.version : ''), p.depGroups]),
    );
    expect(groups).toMatchObject({
      httpx: [],
      socksio: [],
      anyio: [],
      'numpy2.0.0': [],
      'numpy1.26.4': [],
      rich: ['optional'],
      'markdown-it-py': ['optional'],
      mdurl: ['optional'],
      pytest: ['dev'],
      colorama: ['dev'],
      ruff: ['lint'],
    });
  });

  it('reports the commit of git packages', async () => {
    const result = await extractFile(extractor, fixture('project/uv.lock'));
    const telemetry = result.packages.find((p) => p.name === 'telemetry-client');
    expect([telemetry?.version, telemetry?.commit]).toEqual([
      '0.4.2',
      '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
    ]);
    expect(result.packages.filter((p) => p.commit).length).toBe(1);
  });

  it('spans each [[package]]', async () => {
    const text = readFileSync(fixture('project/uv.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('project/uv.lock'));
    const httpx = result.packages.find((p) => p.name === 'httpx');
    const span = text.slice(httpx?.start, httpx?.end);
    expect(span.startsWith('[[package]]\nname = "httpx"\nversion = "0.27.0"')).toBe(true);
    expect(span.endsWith('[package.optional-dependencies]\nsocks = [\n    { name = "socksio" },\n]')).toBe(
      true,
    );
  });

  it('reads a workspace: every member is a root project, local packages without versions', async () => {
    const result = await extractFile(extractor, fixture('workspace/uv.lock'));
    expect(result.packages.map((p) => [p.id, p.version, p.depGroups, p.dependencies])).toEqual([
      ['attrs@23.2.0', '23.2.0', [], []],
      ['click@8.1.7', '8.1.7', [], []],
      ['local-helpers', '', [], []],
      ['pytest@8.1.1', '8.1.1', ['dev'], ['attrs@23.2.0']],
    ]);
    expect(result.roots).toEqual(['attrs@23.2.0', 'click@8.1.7', 'local-helpers', 'pytest@8.1.1']);
  });

  it('without a project entry, reports packages with no roots', async () => {
    const result = await extract(
      'version = 1\n\n[[package]]\nname = "six"\nversion = "1.16.0"\nsource = { registry = "https://pypi.org/simple" }\n',
    );
    expect(result).toEqual({
      packages: [
        {
          id: 'six@1.16.0',
          name: 'six',
          version: '1.16.0',
          ecosystem: 'PyPI',
          depGroups: [],
          dependencies: [],
          start: 13,
          end: 106,
        },
      ],
    });
  });

  it('rejects malformed files with the line', async () => {
    await expectError('broken/unsupported-version.lock', /^unsupported uv\.lock version 7$/, 1);
    await expectError('broken/dangling.lock', /^uv\.lock: app depends on requests, which is not locked$/, 4);
    await expectError(
      'broken/bad-dependency.lock',
      /^uv\.lock: package\.0\.dependencies\.0 must be object$/,
      3,
    );
    await expect(extract('[[package]]\nname = "x"\n')).rejects.toThrow(
      /must have required property 'version'/,
    );
    await expect(extract('version = 1\n[[package]]\nname = "x"\nversion = 1\n')).rejects.toThrow(
      /package\.0\.version must be string/,
    );
    await expect(extract('version = 1\npackage = [')).rejects.toThrow(/^invalid TOML in uv\.lock/);
    const noVersion =
      'version = 1\n\n[[package]]\nname = "x"\nsource = { registry = "https://pypi.org/simple" }\n';
    await expect(extract(noVersion)).rejects.toMatchObject({
      message: 'uv.lock: package x has no version',
      line: 3,
    });
  });
});
