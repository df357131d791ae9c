import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/pip/extract.js';
import { ExtractError, type Extraction, type LockPackage } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/pip/${name}`, import.meta.url));

/** Extract from text, with other files (paths relative to the root file's folder) for `-r`/`-c`. */
function run(
  text: string,
  files: Record<string, string> = {},
  path = 'requirements.txt',
): Promise<Extraction> {
  return Promise.resolve(
    extractor.extract({
      path,
      text,
      readRelative: (rel) => Promise.resolve(files[posix.normalize(rel)]),
    }),
  );
}

const brief = (p: LockPackage): string => `${p.name}@${p.version}${p.commit ? `#${p.commit}` : ''}`;

async function error(promise: Promise<unknown>): Promise<ExtractError> {
  const e: unknown = await promise.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ExtractError);
  return e as ExtractError;
}

describe('requirements.txt', () => {
  it('follows -r and -c files and reports each package with the files that declare it', async () => {
    const result = await extractFile(extractor, fixture('project/requirements-dev.txt'));
    expect(result.packages.map((p) => [p.id, p.depGroups, p.direct])).toEqual([
      ['attrs', ['requirements'], true],
      ['black@24.3.0', ['requirements-dev'], true],
      ['django@4.2.11', ['requirements', 'requirements-dev'], true],
      ['importlib-metadata@7.0.1', ['requirements'], true],
      ['internal-lib#0123456789abcdef0123456789abcdef01234567', ['requirements'], true],
      ['pytest-cov', ['requirements-test'], true],
      ['pytest@8.1.1', ['requirements-test'], true],
      ['pyyaml', ['requirements'], true],
      // `requests[socks]>=2.31,<3` installs what constraints.txt pins
      ['requests@2.31.0', ['constraints', 'requirements'], true],
      ['tomli#2a66d3b7a9a8b1e0f1e8c6b8f0bdbbd7b5e0f3e1', ['requirements'], true],
      // only in the constraint file: reported, but nothing says it is asked for
      ['urllib3@2.2.1', ['constraints'], undefined],
      ['zope-interface@6.2', ['requirements'], true],
    ]);
    expect(result.roots).toBeUndefined();
    const tomli = result.packages.find((p) => p.name === 'tomli');
    expect([tomli?.version, tomli?.commit]).toEqual(['', '2a66d3b7a9a8b1e0f1e8c6b8f0bdbbd7b5e0f3e1']);
    for (const p of result.packages) expect(p.ecosystem).toBe('PyPI');
  });

  it('spans requirements of the file itself only, across continuation lines', async () => {
    const file = fixture('project/requirements.txt');
    const text = readFileSync(file, 'utf8');
    const result = await extractFile(extractor, file);
    const django = result.packages.find((p) => p.name === 'django');
    expect(text.slice(django?.start, django?.end)).toBe(
      [
        'Django==4.2.11 \\',
        '    --hash=sha256:6e6ff3db2d8dd0c986b4eec8554c8e4f919b5c1ff62a5b4390c17aff2ed6e5c4 \\',
        '    --hash=sha256:ddc24a0a8280a0430baa37aff11f28574720af05888c62b7cfe71d219f4599d3',
      ].join('\n'),
    );
    const requests = result.packages.find((p) => p.name === 'requests');
    expect(text.slice(requests?.start, requests?.end)).toBe('requests[socks]>=2.31,<3   # any 2.x from 2.31');
    const urllib3 = result.packages.find((p) => p.name === 'urllib3');
    expect(urllib3?.start).toBeUndefined(); // declared in constraints.txt, not in this file
  });

  it('reads pip-compile annotations: transitive packages, edges and roots', async () => {
    const result = await extractFile(extractor, fixture('compiled/requirements.txt'));
    const view = Object.fromEntries(result.packages.map((p) => [p.id, [p.direct, p.dependencies]]));
    expect(view).toEqual({
      'certifi@2024.2.2': [false, []],
      'charset-normalizer@3.3.2': [false, []],
      'flask@3.0.2': [true, ['itsdangerous@2.1.2', 'jinja2@3.1.3', 'werkzeug@3.0.1']],
      'idna@3.6': [false, []],
      'itsdangerous@2.1.2': [false, []],
      'jinja2@3.1.3': [false, ['markupsafe@2.1.5']],
      'markupsafe@2.1.5': [false, []],
      'myapp-plugin@0.3.0': [true, []], // via myapp (pyproject.toml): the project asks for it
      'requests@2.31.0': [
        true,
        ['certifi@2024.2.2', 'charset-normalizer@3.3.2', 'idna@3.6', 'urllib3@2.2.1'],
      ],
      'six@1.16.0': [true, []], // inline `# via legacy-thing, -r requirements.in`
      'urllib3@2.2.1': [false, []], // via -c constraints.txt and requests
      'werkzeug@3.0.1': [false, ['markupsafe@2.1.5']],
    });
    expect(result.roots).toEqual(['flask@3.0.2', 'myapp-plugin@0.3.0', 'requests@2.31.0', 'six@1.16.0']);
    expect(result.packages.map((p) => p.name)).not.toContain('setuptools');
  });

  it('takes a comment that is not a pip-compile annotation as commentary', async () => {
    const result = await run('requests==2.31.0\n# via the corporate mirror\nflask==3.0  # via: see docs!\n');
    expect(result.packages.map((p) => [p.id, p.direct, p.dependencies])).toEqual([
      ['flask@3.0', true, undefined],
      ['requests@2.31.0', true, undefined],
    ]);
    expect(result.roots).toBeUndefined();
  });

  it('pins only exact versions', async () => {
    const result = await run(
      [
        'a==1.0',
        'b===1.0-custom',
        'c == 2.0 ; python_version < "3.8"',
        'd==1.0.*',
        'e>=1.0',
        'f~=1.1',
        'g!=3.5',
        'h>=1,<2',
        'i (==3.1)',
        'j==1.0,!=1.0.1',
        'k',
        'l[x,y]==4.0',
        'm==1.0+local.7',
      ].join('\n'),
    );
    expect(result.packages.map(brief)).toEqual([
      'a@1.0',
      'b@1.0-custom',
      'c@2.0',
      'd@',
      'e@',
      'f@',
      'g@',
      'h@',
      'i@3.1',
      'j@1.0',
      'k@',
      'l@4.0',
      'm@1.0+local.7',
    ]);
  });

  it('normalises names as PEP 503 does', async () => {
    const result = await run(
      'Zope.Interface==5.4.0\nPillow==1.0.0\nTwisted[http2]==20.3.0\nfoo__bar-.baz==1\n',
    );
    expect(result.packages.map(brief)).toEqual([
      'foo-bar-baz@1',
      'pillow@1.0.0',
      'twisted@20.3.0',
      'zope-interface@5.4.0',
    ]);
  });

  it('joins continuation lines and strips comments afterwards', async () => {
    const result = await run(
      [
        'foo==\\',
        '  1.2.3',
        'bar == 7.8.9 # \\',
        'bar == 1.2.3',
        'baz\\',
        '# a comment line ends the continuation',
        'qux==1#not-a-comment',
        'last==9.9\\',
      ].join('\r\n'),
    );
    expect(result.packages.map(brief)).toEqual([
      'bar@7.8.9',
      'baz@',
      'foo@1.2.3',
      'last@9.9',
      'qux@1#not-a-comment',
    ]);
  });

  it('skips options, local paths, archives and URLs without a VCS egg name', async () => {
    const result = await run(
      [
        '-i https://pypi.org/simple',
        '--extra-index-url=https://example.org/simple',
        '--find-links ./wheels',
        '--pre',
        '--require-hashes',
        '--trusted-host example.org',
        '-e .',
        '-e ./libs/thing',
        '--editable=git+https://github.com/o/r.git@main#egg=branch-pinned',
        '.',
        './downloads/numpy-1.9.2-cp34-none-win32.whl',
        'downloads/numpy-1.9.2-cp34-none-win32.whl',
        'numpy-1.9.2.tar.gz',
        'C:\\wheels\\thing-1.0-py3-none-any.whl',
        '~/src/thing',
        'https://example.org/pkg-1.0.tar.gz',
        'file:///tmp/pkg',
        '-r https://example.org/requirements.txt',
        'kept==1.0',
      ].join('\n'),
    );
    expect(result.packages.map(brief)).toEqual(['branch-pinned@', 'kept@1.0']);
  });

  it('reads VCS requirements with pinned commits', async () => {
    const sha = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';
    const result = await run(
      [
        `-e git+https://github.com/o/one.git@${sha}#egg=One[extra]`,
        `two @ git+ssh://git@github.com/o/two.git@${sha.toLowerCase()}`,
        'three @ git+https://github.com/o/three.git@v1.0',
        `hg+https://hg.example.org/four@${sha}#egg=four`,
        'five @ https://example.org/five-1.0.tar.gz',
      ].join('\n'),
    );
    const commit = sha.toLowerCase();
    expect(result.packages.map(brief)).toEqual([
      `five@`,
      `four@#${commit}`,
      `one@#${commit}`,
      'three@',
      `two@#${commit}`,
    ]);
  });

  it('resolves nested includes relative to the including file and cuts cycles', async () => {
    const files = {
      'requirements.txt': '-r sub/a.txt\nroot==1\n',
      'sub/a.txt': '-r ../sub/./b.txt\n--requirement ../requirements.txt\na==1\n',
      'sub/b.txt': '-ra.txt\n-c ../constraints.txt\nb==1\n',
      'constraints.txt': 'c==1\n',
    };
    const result = await run(files['requirements.txt'], files);
    expect(result.packages.map((p) => [brief(p), p.depGroups])).toEqual([
      ['a@1', ['a']],
      ['b@1', ['b']],
      ['c@1', ['constraints']],
      ['root@1', ['requirements']],
    ]);
  });

  it('merges a package listed in several files once, with every stem', async () => {
    const files = { 'base.txt': 'django==4.2\nrequests==2.0\n', 'test.txt': '-r base.txt\nrequests==2.0\n' };
    const result = await run(
      '-r base.txt\n-r test.txt\nrequests==2.0\nrequests==2.1\n',
      files,
      'dev-requirements.txt',
    );
    expect(result.packages.map((p) => [brief(p), p.depGroups])).toEqual([
      ['django@4.2', ['base']],
      ['requests@2.0', ['base', 'dev-requirements', 'test']],
      ['requests@2.1', ['dev-requirements']],
    ]);
  });

  it('ignores includes when it has no way to read them', async () => {
    const result = await extractor.extract({ path: 'requirements.txt', text: '-r other.txt\nflask==3.0\n' });
    expect(result.packages.map((p) => p.id)).toEqual(['flask@3.0']);
  });

  it('rejects malformed requirements with their line', async () => {
    let e = await error(extractFile(extractor, fixture('broken/bad-operator.txt')));
    expect([e.message, e.line]).toEqual([
      'invalid requirement "foo >>> 1": invalid version specifier ">>> 1"',
      2,
    ]);
    e = await error(extractFile(extractor, fixture('broken/unclosed-extras.txt')));
    expect([e.message, e.line]).toEqual([
      'invalid requirement "requests[socks==2.0": unclosed "[" in extras',
      1,
    ]);
    e = await error(extractFile(extractor, fixture('broken/empty-include.txt')));
    expect([e.message, e.line]).toEqual(['-r needs a file name', 1]);
    for (const bad of ['foo-', 'foo ==', 'foo @', 'foo; ', 'foo (>=1', 'foo bar', '[x]==1']) {
      await error(run(`${bad}\n`));
    }
  });

  it('fails on a missing include, naming the file that includes it', async () => {
    let e = await error(extractFile(extractor, fixture('broken/missing-include.txt')));
    expect([e.message, e.line]).toEqual(['-r missing.txt: file not found', 2]);
    e = await error(run('-r sub/a.txt\n', { 'sub/a.txt': 'x==1\n\n-c gone.txt\n' }));
    expect([e.message, e.line]).toEqual(['sub/a.txt: -c gone.txt: file not found', undefined]);
    e = await error(run('-r a.txt\n', { 'a.txt': 'x==1\ny >> 2\n' }));
    expect([e.message, e.line]).toEqual([
      'a.txt line 2: invalid requirement "y >> 2": invalid version specifier ">> 2"',
      undefined,
    ]);
  });

  it('refuses endless include chains', async () => {
    // every level names a new path (as a symlink loop would)
    const e = await error(
      extractor.extract({
        path: 'requirements.txt',
        text: '-r d/r.txt\n',
        readRelative: (rel) => Promise.resolve(`-r d/r.txt\npkg${rel.length}==1\n`),
      }) as Promise<Extraction>,
    );
    expect(e.message).toMatch(/nested more than 32 deep/);
  });

  it('reads a file saved with a byte-order mark', async () => {
    const result = await run('\uFEFFflask==3.0.2\n');
    expect(result.packages.map((p) => [p.id, p.start])).toEqual([['flask@3.0.2', 0]]);
  });

  it('reports an include it is refused', async () => {
    const e = await error(
      extractor.extract({
        path: 'requirements.txt',
        text: 'x==1\n-r ../../etc/passwd\n',
        readRelative: () => Promise.reject(new Error('outside the scan root')),
      }) as Promise<Extraction>,
    );
    expect([e.message, e.line]).toEqual(['-r ../../etc/passwd: cannot read (outside the scan root)', 2]);
  });

  it('handles empty and comment-only files', async () => {
    expect(await run('')).toEqual({ packages: [] });
    expect(await run('# only\n   # comments\n\n')).toEqual({ packages: [] });
  });

  it('claims requirements files', () => {
    expect(extractor.files).toEqual([
      'requirements*.txt',
      '*-requirements.txt',
      '*_requirements.txt',
      '*.requirements.txt',
    ]);
  });
});

/**
 * Cases where osv-scanner's expectation differs from this extractor on purpose. osv-scanner reports
 * the bound of `>=`/`~=` as the version; our model says a requirement that does not pin a version
 * has version '' (unknown), since `keyring>=4.1.1` may install any later release.
 */
const DIVERGENCES: Record<string, RegExp> = {
  TestParseRequirementsTxt_FileFormatExample:
    /^missing .*"keyring\\",\\"4\.1\.1\\".*"mopidy-dirble\\",\\"1\.1\\"/,
  TestParseRequirementsTxt_WithPerRequirementOptions: /^missing .*"barproject\\",\\"1\.2\\"/,
};

const cases = sharedCases()?.filter((c) => c.parser === 'ParseRequirementsTxt');

describe.skipIf(!cases)('osv-scanner conformance: ParseRequirementsTxt', () => {
  it.each(cases ?? [])('$test', async (c) => {
    const outcome = await runCase(extractor, c);
    const divergence = DIVERGENCES[c.test];
    if (divergence) {
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? '' : outcome.why).toMatch(divergence);
    } else {
      expect(outcome).toEqual({ ok: true });
    }
  });
});

if (!cases) {
  it.skip('osv-scanner conformance: ParseRequirementsTxt (../shared/data/lockfiles is absent)', () => {});
}
