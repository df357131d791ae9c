import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/bun/extract.js';
import { ExtractError, type Extraction } from '../../src/model.js';
import { extractFile } from '../support/conformance.js';

// osv-scanner v1.9.2 has no bun.lock parser, so there are no shared conformance cases for this one.

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/bun/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

const summary = (result: Extraction): unknown[] =>
  result.packages.map((p) => [p.id, `${p.name}@${p.version}`, p.scope, p.dependencies]);

describe('bun.lock', () => {
  it('reads packages, nested versions, edges and scopes from the workspace', async () => {
    const result = await extractFile(extractor, fixture('simple.lock'));
    expect(summary(result)).toEqual([
      ['ansi-styles', 'ansi-styles@4.3.0', 'prod', ['color-convert']],
      ['chalk', 'chalk@4.1.2', 'prod', ['ansi-styles', 'supports-color']],
      ['color-convert', 'color-convert@2.0.1', 'prod', ['color-name']],
      ['color-name', 'color-name@1.1.4', 'prod', []],
      ['debug', 'debug@2.6.9', 'dev', ['debug/ms']],
      ['debug/ms', 'ms@2.0.0', 'dev', []], // debug's own ms, not the hoisted 2.1.3
      ['fsevents', 'fsevents@2.3.3', 'optional', []],
      ['has-flag', 'has-flag@4.0.0', 'prod', []],
      ['ms', 'ms@2.1.3', 'prod', []],
      ['supports-color', 'supports-color@7.2.0', 'prod', ['has-flag']],
      ['typescript', 'typescript@5.6.3', 'dev', []],
    ]);
    expect(result.roots).toEqual(['chalk', 'debug', 'fsevents', 'ms', 'typescript']);
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('npm');
      expect(p.depGroups).toEqual([]);
      expect(p.direct).toBeUndefined();
    }
  });

  it('spans each entry from its key', async () => {
    const text = readFileSync(fixture('simple.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('simple.lock'));
    const chalk = result.packages.find((p) => p.id === 'chalk');
    const slice = text.slice(chalk?.start, chalk?.end);
    expect(slice.startsWith('"chalk": ["chalk@4.1.2", "", { "dependencies":')).toBe(true);
    expect(slice.endsWith('"]')).toBe(true);
  });

  it('reads workspaces, git and GitHub commits, aliases and local packages, with comments', async () => {
    const result = await extractFile(extractor, fixture('workspaces.lock'));
    expect(summary(result)).toEqual([
      ['emoji-regex', 'emoji-regex@10.4.0', 'prod', []],
      ['is-number', 'is-number@', 'prod', []],
      ['js-tokens', 'js-tokens@4.0.0', 'peer', []],
      ['left-pad', 'left-pad@', 'prod', []],
      ['loose-envify', 'loose-envify@1.4.0', 'peer', ['js-tokens']],
      ['ms', 'ms@2.1.3', 'prod', []], // also at @acme/app/ms, reported once
      ['react', 'react@18.3.1', 'peer', ['loose-envify']],
      ['string-width', 'string-width@7.2.0', 'prod', ['emoji-regex']],
      ['string-width-cjs', 'string-width@4.2.3', 'prod', ['string-width-cjs/emoji-regex']],
      ['string-width-cjs/emoji-regex', 'emoji-regex@8.0.0', 'prod', []],
      ['typescript', 'typescript@5.6.3', 'dev', []],
      ['vendored', 'vendored@', 'prod', ['ms']],
    ]);
    const commits = Object.fromEntries(
      result.packages.filter((p) => p.commit).map((p) => [p.name, p.commit]),
    );
    expect(commits).toEqual({
      'is-number': '98e8ff1',
      'left-pad': '5e4d4a1e3f7a1e7c2d9e1a8cf9f9f6a2e4b5c6d7',
    });
    // Workspaces, the root and symlinks (`link:`) are not packages.
    expect(result.packages.some((p) => p.name.startsWith('@acme/') || p.name === 'tools')).toBe(false);
    expect(result.roots).toEqual([
      'is-number',
      'left-pad',
      'react',
      'string-width',
      'string-width-cjs',
      'typescript',
      'vendored',
    ]);
  });

  it('reads a lockfile without workspaces or packages', async () => {
    expect(await extractor.extract({ path: 'bun.lock', text: '{ "lockfileVersion": 1, }' })).toEqual({
      packages: [],
    });
  });

  it('rejects malformed files with a clear message and the line', async () => {
    await expectError('truncated.lock', /invalid JSON in truncated.lock: unterminated string/, 12);
    await expectError('future-version.lock', /unsupported lockfileVersion 3/, 2);
    await expectError('bad-shape.lock', /packages\["debug"\]: .*must be string/, 6);
    await expectError('bad-ident.lock', /invalid package "2.1.3" at "ms"/, 4);
    expect(() => extractor.extract({ path: 'bun.lock', text: '{ "lockfileVersion": 1, /* open' })).toThrow(
      /unterminated comment/,
    );
    expect(() => extractor.extract({ path: 'bun.lock', text: '{ "lockfileVersion": 1,, }' })).toThrow(
      /expected a property name/,
    );
  });

  it('handles bun.lock only', () => {
    expect(extractor.files).toEqual(['bun.lock']);
  });
});
