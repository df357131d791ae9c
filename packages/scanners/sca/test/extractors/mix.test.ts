import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/mix/extract.js';
import { parseTerm } from '../../src/extractors/mix/term.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/mix/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('mix.lock', () => {
  it('reads hex and git dependencies with their edges', async () => {
    const result = await extractFile(extractor, fixture('mix.lock'));
    expect(result.packages.map((p) => [p.id, p.name, p.version, p.commit ?? '', p.dependencies])).toEqual([
      ['castore@1.0.5', 'castore', '1.0.5', '', []],
      ['hpax@0.1.2', 'hpax', '0.1.2', '', []],
      ['jason@1.4.1', 'jason', '1.4.1', '', []],
      ['mint@1.5.2', 'mint', '1.5.2', '', ['castore@1.0.5', 'hpax@0.1.2']],
      [
        'my_fork@fc94cce7830fa4dc455024bc2a83720afe244531',
        'my_fork',
        '',
        'fc94cce7830fa4dc455024bc2a83720afe244531',
        [],
      ],
      ['poison@3.1.0', 'poison', '3.1.0', '', []],
      ['postgrex@0.17.4', 'postgrex', '0.17.4', '', ['jason@1.4.1']],
    ]);
    expect(result.roots).toBeUndefined();
    expect(result.packages.every((p) => p.ecosystem === 'Hex' && p.depGroups.length === 0)).toBe(true);
  });

  it('spans each entry', async () => {
    const text = readFileSync(fixture('mix.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('mix.lock'));
    const git = result.packages.find((p) => p.name === 'my_fork');
    expect(text.slice(git?.start, git?.end)).toBe(
      '"my_fork": {:git, "https://github.com/example/my_fork.git", "fc94cce7830fa4dc455024bc2a83720afe244531", [branch: "main"]}',
    );
  });

  it('reads empty files', () => {
    expect(extractor.extract({ path: 'mix.lock', text: '' })).toEqual({ packages: [] });
    expect(extractor.extract({ path: 'mix.lock', text: '%{}\n' })).toEqual({ packages: [] });
  });

  it('rejects malformed files with the line', async () => {
    await expectError('not-mix-lock.txt', /unexpected 'this'/, 1);
    await expectError('truncated.lock', /never closed/, 2);
    await expectError('no-version.lock', /hex entry 'plug' has no version/, 2);
    await expectError('not-a-map.lock', /must be a map/, 1);
  });
});

describe('Elixir term reader', () => {
  it('reads keyword lists, quoted atoms, escapes, numbers and comments', () => {
    const term = parseTerm('[a: 1, "b c": :"d e", f: "x\\"y", g: [nil, true, -2.5]] # done', 'test');
    expect(term).toMatchObject({
      kind: 'list',
      items: [
        { kind: 'tuple', items: [{ value: 'a' }, { kind: 'number', value: '1' }] },
        { kind: 'tuple', items: [{ value: 'b c' }, { kind: 'atom', value: 'd e' }] },
        { kind: 'tuple', items: [{ value: 'f' }, { kind: 'string', value: 'x"y' }] },
        {
          kind: 'tuple',
          items: [
            { value: 'g' },
            { kind: 'list', items: [{ value: 'nil' }, { value: 'true' }, { value: '-2.5' }] },
          ],
        },
      ],
    });
  });

  it('refuses deep nesting and trailing garbage', () => {
    expect(() => parseTerm('['.repeat(200) + ']'.repeat(200), 'test')).toThrow(/nested too deeply/);
    expect(() => parseTerm('%{} %{}', 'test')).toThrow(/after the end/);
    expect(() => parseTerm('{1 2}', 'test')).toThrow(/expected ','/);
  });
});

// osv-scanner reports a Hex package's tarball checksum as its `commit`; the shared comparison
// (test/support/conformance.ts) maps that to our empty commit, since it is not a VCS revision.
const cases = sharedCases()?.filter((c) => c.parser === 'ParseMixLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseMixLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('mix: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
