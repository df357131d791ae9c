import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/poetry/extract.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/poetry/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('poetry.lock', () => {
  it('reads a Poetry 2 lock: groups, optional packages and edges', async () => {
    const result = await extractFile(extractor, fixture('project/poetry.lock'));
    expect(result.packages.map((p) => [p.id, p.depGroups, p.dependencies])).toEqual([
      ['annotated-types@0.6.0', [], []],
      ['click@8.1.7', ['docs'], ['colorama@0.4.6']],
      ['colorama@0.4.6', ['dev', 'docs'], []],
      ['fastapi@0.110.0', [], ['pydantic@2.6.4', 'starlette@0.36.3', 'typing-extensions@4.10.0']],
      ['mkdocs@1.5.3', ['docs'], ['click@8.1.7', 'colorama@0.4.6']],
      ['psycopg2-binary@2.9.9', ['optional'], []],
      ['pydantic-core@2.16.3', [], ['typing-extensions@4.10.0']],
      ['pydantic@2.6.4', [], ['annotated-types@0.6.0', 'pydantic-core@2.16.3', 'typing-extensions@4.10.0']],
      ['pytest@8.1.1', ['dev'], ['colorama@0.4.6']],
      ['starlette@0.36.3', [], ['typing-extensions@4.10.0']],
      ['typing-extensions@4.10.0', [], []],
    ]);
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('PyPI');
      expect(p.direct).toBeUndefined();
    }
  });

  it('takes the roots from the sibling pyproject.toml', async () => {
    const result = await extractFile(extractor, fixture('project/poetry.lock'));
    expect(result.roots).toEqual([
      'fastapi@0.110.0',
      'mkdocs@1.5.3',
      'psycopg2-binary@2.9.9',
      'pydantic@2.6.4',
      'pytest@8.1.1',
    ]);
  });

  it('reads a lock 1.1 file: categories, git commits, names normalised; no pyproject, no roots', async () => {
    const result = await extractFile(extractor, fixture('legacy/poetry.lock'));
    expect(result.packages.map((p) => [p.id, p.depGroups, p.commit ?? ''])).toEqual([
      ['asgiref@3.7.2', [], ''],
      ['django@3.2.25', [], ''],
      ['flake8@6.1.0', ['dev'], ''],
      ['internal-tools@0.9.0', [], '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b'],
      ['pyflakes@3.1.0', ['dev'], ''],
      ['pytz@2024.1', [], ''],
      ['sqlparse@0.4.4', [], ''],
    ]);
    const django = result.packages.find((p) => p.name === 'django');
    expect(django?.dependencies).toEqual(['asgiref@3.7.2', 'pytz@2024.1', 'sqlparse@0.4.4']);
    const flake8 = result.packages.find((p) => p.name === 'flake8');
    expect(flake8?.dependencies).toEqual(['pyflakes@3.1.0']); // array-of-tables constraint
    expect(result.roots).toBeUndefined();
  });

  it('spans each [[package]] with its sub-tables', async () => {
    const text = readFileSync(fixture('legacy/poetry.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('legacy/poetry.lock'));
    const tools = result.packages.find((p) => p.name === 'internal-tools');
    const span = text.slice(tools?.start, tools?.end);
    expect(span.startsWith('[[package]]\nname = "internal-tools"')).toBe(true);
    expect(span.endsWith('resolved_reference = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"')).toBe(true);
  });

  it('links a dependency to the locked version its constraint allows', async () => {
    const text = [
      '[[package]]\nname = "app-lib"\nversion = "1.0.0"\ngroups = ["main"]\n',
      '[package.dependencies]\nurllib3 = ">=2"\nsix = {version = "*", optional = true}\nmissing = "^1.0"\n',
      '[[package]]\nname = "urllib3"\nversion = "1.26.18"\ngroups = ["main"]\n',
      '[[package]]\nname = "urllib3"\nversion = "2.2.1"\ngroups = ["main"]\n',
      '[[package]]\nname = "six"\nversion = "1.16.0"\ngroups = ["main"]\n',
    ].join('\n');
    const result = await extractor.extract({ path: 'poetry.lock', text });
    expect(result.packages.find((p) => p.name === 'app-lib')?.dependencies).toEqual([
      'six@1.16.0',
      'urllib3@2.2.1',
    ]);
  });

  it('reads pyproject dependencies of every flavour', async () => {
    const lock = ['a', 'b', 'c', 'd', 'e', 'f']
      .map((n) => `[[package]]\nname = "${n}"\nversion = "1.0"\n`)
      .join('\n');
    const pyproject = [
      '[tool.poetry.dependencies]\npython = "^3.10"\nA = "^1.0"\n',
      '[tool.poetry.dev-dependencies]\nb = "*"\n',
      '[tool.poetry.group.test.dependencies]\nc = { version = "*" }\n',
      '[dependency-groups]\nlint = ["D>=1"]\n',
    ].join('\n');
    const result = await extractor.extract({
      path: 'poetry.lock',
      text: lock,
      readRelative: (rel) => Promise.resolve(rel === 'pyproject.toml' ? pyproject : undefined),
    });
    expect(result.roots).toEqual(['a@1.0', 'b@1.0', 'c@1.0', 'd@1.0']);
  });

  it('leaves roots unknown when the pyproject is unreadable or declares nothing', async () => {
    const text = '[[package]]\nname = "a"\nversion = "1.0"\n';
    for (const pyproject of ['not [ toml', '[tool.black]\nline-length = 100\n']) {
      const result = await extractor.extract({
        path: 'poetry.lock',
        text,
        readRelative: () => Promise.resolve(pyproject),
      });
      expect(result.roots).toBeUndefined();
    }
  });

  it('ignores a pyproject it cannot read', async () => {
    const result = await extractor.extract({
      path: 'poetry.lock',
      text: '[[package]]\nname = "a"\nversion = "1.0"\n',
      readRelative: () => Promise.reject(new Error('denied')),
    });
    expect(result).toEqual({
      packages: [
        {
          id: 'a@1.0',
          name: 'a',
          version: '1.0',
          ecosystem: 'PyPI',
          depGroups: [],
          dependencies: [],
          start: 0,
          end: 38,
        },
      ],
    });
  });

  it('reads a lockfile without packages', async () => {
    expect(
      await extractor.extract({ path: 'poetry.lock', text: '[metadata]\nlock-version = "2.0"\n' }),
    ).toEqual({
      packages: [],
    });
  });

  it('rejects malformed files with the line', async () => {
    await expectError('broken/missing-version.lock', /package\.0 must have required property 'version'/, 1);
    await expectError('broken/truncated.lock', /^invalid TOML in poetry\.lock/, 10);
    await expectError('broken/package-not-array.lock', /package must be array/);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParsePoetryLock');

describe.skipIf(!cases)('osv-scanner conformance: ParsePoetryLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});

if (!cases)
  it.skip('osv-scanner conformance: ParsePoetryLock (../shared/data/lockfiles is absent)', () => {});
