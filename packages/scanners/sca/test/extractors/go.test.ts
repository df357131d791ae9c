import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/go/extract.js';
import { ExtractError, lineAt, type LockPackage } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/go/${name}`, import.meta.url));

function summary(p: LockPackage): string {
  return `${p.name}@${p.version}${p.direct === false ? ' (indirect)' : ''}`;
}

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  if (line !== undefined) expect((error as ExtractError).line).toBe(line);
}

describe('go.mod', () => {
  it('reads requires, indirect markers, replacements and the toolchain', async () => {
    const result = await extractFile(extractor, fixture('go.mod'));
    expect(result.packages.map(summary)).toEqual([
      '../yaml@',
      'example.com/fork/lib@2.3.1+incompatible',
      'github.com/BurntSushi/toml@1.3.2',
      'github.com/inconshreveable/mousetrap@1.1.0 (indirect)',
      'github.com/spf13/cobra@1.8.0',
      'github.com/spf13/pflag@1.0.5 (indirect)',
      'golang.org/x/net@0.17.0',
      'golang.org/x/sys@0.13.0 (indirect)',
      'golang.org/x/text@0.14.1',
      'stdlib@1.21.5',
    ]);
    expect(result.roots).toEqual(result.packages.filter((p) => p.direct).map((p) => p.id));
    expect(result.packages.every((p) => p.ecosystem === 'Go' && p.depGroups.length === 0)).toBe(true);
  });

  it('points each package at the line that decides its version', async () => {
    const text = readFileSync(fixture('go.mod'), 'utf8');
    const result = await extractFile(extractor, fixture('go.mod'));
    const at = (name: string): string => {
      const p = result.packages.find((q) => q.name === name);
      return text.slice(p?.start, p?.end);
    };
    expect(at('github.com/spf13/cobra')).toBe('require github.com/spf13/cobra v1.8.0');
    expect(at('github.com/spf13/pflag')).toBe('github.com/spf13/pflag v1.0.5 // indirect');
    expect(at('golang.org/x/text')).toBe('replace golang.org/x/text v0.14.0 => golang.org/x/text v0.14.1');
    expect(at('../yaml')).toBe('gopkg.in/yaml.v3 => ../yaml');
    expect(at('stdlib')).toBe('toolchain go1.21.5');
    const net = result.packages.find((p) => p.name === 'golang.org/x/net');
    expect(lineAt(text, net?.start ?? 0)).toBe(17);
  });

  it('uses the go directive for stdlib when there is no toolchain, and handles CRLF', async () => {
    const result = await extractFile(extractor, fixture('crlf.mod'));
    expect(result.packages.map(summary)).toEqual(['github.com/a/b@1.0.0 (indirect)', 'stdlib@1.20']);
    expect(result.roots).toEqual(['stdlib@1.20']);
  });

  it('reports nothing for an empty file', async () => {
    expect(await extractor.extract({ path: 'go.mod', text: '' })).toEqual({ packages: [], roots: [] });
  });

  it('reports a required module replaced in two ways once per resulting version', async () => {
    const text = [
      'module x',
      'require (',
      '  golang.org/x/net v1.2.3',
      '  golang.org/x/net v0.5.6 // indirect',
      ')',
      'replace golang.org/x/net => example.com/fork/net v1.4.5',
    ].join('\n');
    const result = await extractor.extract({ path: 'go.mod', text });
    expect(result.packages.map(summary)).toEqual(['example.com/fork/net@1.4.5']);
  });

  it('rejects malformed files with the line', async () => {
    await expectError('not-go-mod.txt', /unknown go.mod directive 'this'/, 1);
    await expectError('unclosed-block.mod', /require block opened here is never closed/, 3);
    await expectError('bad-require.mod', /malformed require directive/, 3);
    await expectError('bad-replace.mod', /has no version and is not a directory path/, 5);
    await expectError('block-comment.mod', /must use \/\/ comments/, 2);
    await expect(extractor.extract({ path: 'go.mod', text: 'go 1.20\ngo 1.21\n' })).rejects.toThrow(
      /repeated go directive/,
    );
    await expect(extractor.extract({ path: 'go.mod', text: 'require "a/b v1.0.0\n' })).rejects.toThrow(
      /unterminated string/,
    );
    await expect(extractor.extract({ path: 'go.mod', text: 'module x\n)\n' })).rejects.toThrow(
      /unexpected '\)'/,
    );
  });
});

describe('go.sum', () => {
  it('lists module versions whose code is in the build when there is no go.mod beside it', async () => {
    const result = await extractFile(extractor, fixture('sum-only/go.sum'));
    expect(result.packages.map(summary)).toEqual([
      'github.com/google/uuid@1.6.0',
      'golang.org/x/crypto@0.14.0',
      'golang.org/x/crypto@0.17.0',
    ]);
    expect(result.roots).toBeUndefined();
    const text = readFileSync(fixture('sum-only/go.sum'), 'utf8');
    const uuid = result.packages[0];
    expect(text.slice(uuid?.start, uuid?.end)).toBe(
      'github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=',
    );
  });

  it('defers to a sibling go.mod', async () => {
    expect(await extractFile(extractor, fixture('with-mod/go.sum'))).toEqual({ packages: [] });
    const mod = await extractFile(extractor, fixture('with-mod/go.mod'));
    expect(mod.packages.map(summary)).toEqual(['github.com/google/uuid@1.6.0', 'stdlib@1.22.1']);
  });

  it('rejects malformed lines with the line', async () => {
    const text = 'github.com/a/b v1.0.0 h1:abc=\ngithub.com/a/b v1.0.0\n';
    const error: unknown = await Promise.resolve(extractor.extract({ path: 'go.sum', text })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as ExtractError).line).toBe(2);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseGoLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseGoLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases) console.warn('go: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
