import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/yarn/extract.js';
import { parseYarnV1 } from '../../src/extractors/yarn/v1.js';
import { ExtractError, type Extraction } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/yarn/${name}`, import.meta.url));
const IS_NUMBER_COMMIT = '98e8ff1da1a89f93d1397a24d7413ed15421c139';

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

const summary = (result: Extraction): unknown[] =>
  result.packages.map((p) => [p.id, p.commit ?? '', p.dependencies]);

describe('yarn.lock v1 (classic)', () => {
  it('reads entries, aliases, git commits, and edges from dependencies and optionalDependencies', async () => {
    const result = await extractFile(extractor, fixture('classic.v1.lock'));
    expect(summary(result)).toEqual([
      [
        '@babel/code-frame@7.26.2',
        '',
        ['@babel/helper-validator-identifier@7.25.9', 'js-tokens@4.0.0', 'picocolors@1.1.1'],
      ],
      ['@babel/helper-validator-identifier@7.25.9', '', []],
      ['ansi-styles@4.3.0', '', ['color-convert@2.0.1']],
      ['chalk@4.1.2', '', ['ansi-styles@4.3.0', 'supports-color@7.2.0']], // installed as chalk-cjs
      ['chokidar@3.6.0', '', ['fsevents@2.3.3', 'glob-parent@5.1.2']],
      ['color-convert@2.0.1', '', ['color-name@1.1.4']],
      ['color-name@1.1.4', '', []],
      ['fsevents@2.3.3', '', []],
      ['glob-parent@5.1.2', '', ['is-glob@4.0.3']],
      ['has-flag@3.0.0', '', []],
      ['has-flag@4.0.0', '', []],
      ['is-glob@4.0.3', '', []],
      [`is-number@7.0.0#${IS_NUMBER_COMMIT}`, IS_NUMBER_COMMIT, []],
      ['js-tokens@4.0.0', '', []],
      [
        'left-pad@1.3.0#5e4d4a1e3f7a1e7c2d9e1a8cf9f9f6a2e4b5c6d7',
        '5e4d4a1e3f7a1e7c2d9e1a8cf9f9f6a2e4b5c6d7',
        [],
      ],
      ['local-utils@0.3.0', '', ['picocolors@1.1.1']],
      ['picocolors@1.1.1', '', []],
      ['supports-color@7.2.0', '', ['has-flag@4.0.0']],
    ]);
    // Classic lockfiles record neither direct dependencies nor groups.
    expect(result.roots).toBeUndefined();
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('npm');
      expect(p.depGroups).toEqual([]);
      expect(p.scope).toBeUndefined();
    }
  });

  it('spans each entry from its header to its last line', async () => {
    const text = readFileSync(fixture('classic.v1.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('classic.v1.lock'));
    const chokidar = result.packages.find((p) => p.name === 'chokidar');
    expect(text.slice(chokidar?.start, chokidar?.end).split('\n')).toEqual([
      'chokidar@^3.6.0:',
      '  version "3.6.0"',
      expect.stringMatching(
        /^ {2}resolved "https:\/\/registry\.yarnpkg\.com\/chokidar\/-\/chokidar-3\.6\.0\.tgz#/,
      ),
      expect.stringMatching(/^ {2}integrity sha512-/),
      '  dependencies:',
      '    glob-parent "~5.1.2"',
      '  optionalDependencies:',
      '    fsevents "~2.3.2"',
    ]);
  });

  it('reads git sources of every shape', async () => {
    const result = await extractFile(extractor, fixture('upstream/commits.v1.lock'));
    const commits = new Map(result.packages.map((p) => [`${p.name}@${p.version}`, p.commit]));
    expect(commits.get('mine3@1.2.3')).toBe('094e581aaf927d010e4b61d706ba584551dac502'); // codeload
    expect(commits.get('babel-preset-php@1.1.1')).toBe('c5a7ba5e0ad98b8db1cb8ce105403dd4b768cced'); // ?ref=
    expect(commits.get('minimist@0.0.8')).toBe('3754568bfd43a841d2d72d7fb54598635aea8fa4'); // ssh://…#sha
    expect(result.packages).toHaveLength(18);
  });

  it('parses the format: quoted and bare words, comments, CRLF, nested blocks', () => {
    const blocks = parseYarnV1(
      '# yarn lockfile v1\r\n\r\n"a@^1", a@~1.2:\r\n  version "1.2.3"\r\n  "dependencies":\r\n    "@s/b" "npm:c@^2"\r\n',
    );
    expect(blocks).toEqual([
      {
        keys: ['a@^1', 'a@~1.2'],
        fields: { version: '1.2.3', dependencies: { '@s/b': 'npm:c@^2' } },
        line: 3,
        start: 22,
        end: 98,
      },
    ]);
  });
});

describe('yarn.lock v2+ (Berry)', () => {
  it('reads npm, patch, git and file packages; workspaces are first-party, links and portals are not packages', async () => {
    const all = await extractFile(extractor, fixture('berry.v8.lock'));
    const members = all.packages.filter((p) => p.firstParty);
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((p) => p.version === '0.0.0-use.local' && p.direct === false)).toBe(true);
    const result = { ...all, packages: all.packages.filter((p) => !p.firstParty) };
    expect(summary(result)).toEqual([
      ['ansi-regex@5.0.1', '', []],
      ['emoji-regex@8.0.0', '', []],
      ['is-fullwidth-code-point@3.0.0', '', []],
      [`is-number@7.0.0#${IS_NUMBER_COMMIT}`, IS_NUMBER_COMMIT, []],
      ['js-tokens@4.0.0', '', []],
      ['loose-envify@1.4.0', '', ['js-tokens@4.0.0']],
      ['prettier@3.3.3', '', []],
      ['react@18.3.1', '', ['loose-envify@1.4.0']],
      ['string-width@4.2.3', '', ['emoji-regex@8.0.0', 'is-fullwidth-code-point@3.0.0', 'strip-ansi@6.0.1']],
      ['strip-ansi@6.0.1', '', ['ansi-regex@5.0.1']],
      ['typescript@5.6.3', '', []], // the npm: entry and its patch: entry, once
      ['vendored@1.0.0', '', []],
    ]);
    expect(result.packages.some((p) => p.version === '0.0.0-use.local')).toBe(false);
  });

  it("takes the workspaces' dependencies as roots", async () => {
    const result = await extractFile(extractor, fixture('berry.v8.lock'));
    expect(result.roots).toEqual([
      `is-number@7.0.0#${IS_NUMBER_COMMIT}`,
      'prettier@3.3.3',
      'react@18.3.1',
      'string-width@4.2.3',
      'typescript@5.6.3',
      'vendored@1.0.0',
    ]);
  });

  it('spans each entry', async () => {
    const text = readFileSync(fixture('berry.v8.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('berry.v8.lock'));
    const react = result.packages.find((p) => p.name === 'react');
    const slice = text.slice(react?.start, react?.end);
    expect(slice.startsWith('"react@npm:^18.2.0, react@npm:^18.3.1":\n  version: 18.3.1')).toBe(true);
    expect(slice.trimEnd().endsWith('linkType: hard')).toBe(true);
  });

  it('reads a lockfile with only __metadata', async () => {
    expect(await extractor.extract({ path: 'yarn.lock', text: '__metadata:\n  version: 8\n' })).toEqual({
      packages: [],
    });
  });
});

describe('malformed yarn.lock', () => {
  it('rejects files with a clear message and the line', async () => {
    await expectError('unterminated.v1.lock', /unterminated string/, 5);
    await expectError('no-version.v1.lock', /ms@\^2\.1\.3 has no version/, 4);
    await expectError('not-a-lockfile.txt', /expected an entry header/, 1);
    await expectError('no-resolution.v2.lock', /ms@npm:\^2\.1\.3: .*required property 'resolution'/, 5);
    await expectError('bad-yaml.v2.lock', /invalid YAML/, 5);
  });

  it('rejects misplaced indentation and malformed lines', () => {
    const read = (text: string): unknown => extractor.extract({ path: 'yarn.lock', text });
    expect(() => read('  version "1.0.0"\n')).toThrow(/outside an entry/);
    expect(() => read('a@^1:\n  version "1.0.0" extra\n')).toThrow(/expected `key value`/);
    expect(() => read('a@^1, :\n  version "1.0.0"\n')).toThrow(/malformed key list/);
    expect(() => read('a@^1:\n  version:\n    x "1"\n')).toThrow(/version of a@\^1 must be a value/);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseYarnLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseYarnLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('yarn: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
