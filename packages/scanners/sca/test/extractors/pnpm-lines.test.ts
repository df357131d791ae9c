/**
 * The line reader for the usual `pnpm-lock.yaml` (`readPnpmFast`) must give what the general way
 * gives whenever it accepts a file, and the same document as the YAML subset reader with keyed maps
 * (`fromPairs`) where both accept one. These tests read the fixtures, many mutations of them and
 * generated lockfiles of every version and formatting all three ways and compare.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSubset } from '../../src/extractors/npm/lockyaml.js';
import { fromPairs, type PnpmDocument } from '../../src/extractors/pnpm/document.js';
import { extractor, readGeneral, readLinesOnly } from '../../src/extractors/pnpm/extract.js';
import { readPnpmFast } from '../../src/extractors/pnpm/fastlock.js';
import type { Extraction } from '../../src/model.js';
import { SHARED_LOCKFILES } from '../support/conformance.js';
import { MUTATIONS, replace, v9 } from '../support/pnpm-mutations.js';

const local = fileURLToPath(new URL('../fixtures/pnpm/', import.meta.url));

type Outcome = { result: Extraction } | { error: string; line: number | undefined };

function outcome(run: () => Extraction): Outcome {
  try {
    return { result: run() };
  } catch (error) {
    const e = error as { message: string; line?: number };
    return { error: e.message, line: e.line };
  }
}

/** What the extractor reads from a document, in a form `toEqual` compares. */
function view(document: PnpmDocument): unknown {
  const dependencies = (section: 'packages' | 'snapshots', index: number) => {
    const out: Array<[string, string, boolean]> = [];
    document.dependencies(section, index, (name, value, optional) => out.push([name, value, optional]));
    return out;
  };
  return {
    lockfileVersion: document.lockfileVersion,
    versionLine: document.versionLine,
    importers: document.importers,
    packages: document.packageKeys.map((key, i) => {
      const info = document.packageInfo(i);
      return {
        key,
        info: {
          name: info.name,
          version: info.version,
          dev: info.dev,
          optional: info.optional,
          commit: info.resolution?.commit,
          tarball: info.resolution?.tarball,
        },
        at: document.packageAt(key) === info,
        span: document.spanAt(key),
        dependencies: dependencies('packages', i),
      };
    }),
    snapshots: document.snapshotKeys.map((key, i) => ({ key, dependencies: dependencies('snapshots', i) })),
  };
}

/** Whether the line reader accepted the text; either way, what it gives agrees with the others. */
function expectAgreement(text: string, label: string): boolean {
  const lines = readPnpmFast(text);
  if (lines === undefined) {
    expect(readLinesOnly(text), label).toBeUndefined();
  } else {
    const fast = outcome(() => readLinesOnly(text) as Extraction);
    expect(fast, label).toEqual(outcome(() => readGeneral(text)));
    expect(fast, label).toEqual(
      outcome(() => extractor.extract({ path: 'pnpm-lock.yaml', text }) as Extraction),
    );
    const yaml = readSubset(text, { keyedPairs: true });
    const pairs = yaml && fromPairs(yaml);
    if (pairs) expect(view(lines), label).toEqual(view(pairs));
  }
  return lines !== undefined;
}

const entry = (key: string) => `  ${key}:\n`;

/** Mutations aimed at the line reader's own paths (keys, values, spans), beside the shared ones. */
const LINE_MUTATIONS: Record<string, (text: string) => string> = {
  'double-quoted package key': replace(entry('react@18.3.1'), entry('"react@18.3.1"')),
  'single-quoted package key': replace(entry('react@18.3.1'), entry("'react@18.3.1'")),
  'single-quoted key with a doubled quote': replace(entry('react@18.3.1'), entry("'re''act@18.3.1'")),
  'quoted key followed by text': replace(entry('react@18.3.1'), "  'react@18.3.1'x:\n"),
  'space before the colon': replace(entry('react@18.3.1'), '  react@18.3.1 :\n'),
  'key with a comment': replace(entry('react@18.3.1'), '  react@18.3.1 #x:\n'),
  'trailing spaces': (t) => t.replaceAll('\n', '   \n'),
  'trailing tab': replace('      js-tokens: 4.0.0\n', '      js-tokens: 4.0.0\t\n'),
  'no-break space after a value': replace('      js-tokens: 4.0.0\n', '      js-tokens: 4.0.0\u00a0\n'),
  'no-break space before a value': replace('      js-tokens: 4.0.0\n', '      js-tokens:\u00a04.0.0\n'),
  'non-ASCII in a skipped value': replace('    hasBin: true', '    deprecated: déprécié — use x'),
  'single-quoted dependency version': replace('      js-tokens: 4.0.0', "      js-tokens: '4.0.0'"),
  'double-quoted dependency version': replace('      js-tokens: 4.0.0', '      js-tokens: "4.0.0"'),
  'quoted version with a comment': replace('      js-tokens: 4.0.0', "      js-tokens: '4.0.0' # c"),
  'quoted version with a doubled quote': replace('      js-tokens: 4.0.0', "      js-tokens: '4.0''0'"),
  'plain version with a comment': replace('      js-tokens: 4.0.0', '      js-tokens: 4.0.0 # c'),
  'plain version with a colon inside': replace('      js-tokens: 4.0.0', '      js-tokens: a: b'),
  'plain version ending in a colon': replace('      js-tokens: 4.0.0', '      js-tokens: 4.0.0:'),
  'plain version starting with an indicator': replace('      js-tokens: 4.0.0', '      js-tokens: *a'),
  'dependency without a value': replace('      js-tokens: 4.0.0', '      js-tokens:'),
  'dependency with a flow value': replace('      js-tokens: 4.0.0', '      js-tokens: [4.0.0]'),
  'dependency named with a quote': replace('      js-tokens: 4.0.0', "      'js''tokens': 4.0.0"),
  'dependency named __proto__ in quotes': replace('      js-tokens: 4.0.0', '      "__proto__": 4.0.0'),
  'many dependencies with a duplicate': replace(
    '      js-tokens: 4.0.0',
    Array.from({ length: 20 }, (_, i) => `      dep-${i % 19}: 1.0.${i}`).join('\n'),
  ),
  'many dependencies': replace(
    '      js-tokens: 4.0.0',
    ['      js-tokens: 4.0.0', ...Array.from({ length: 20 }, (_, i) => `      dep-${i}: 1.0.${i}`)].join(
      '\n',
    ),
  ),
  'empty dependencies in flow style': replace(
    '    dependencies:\n      js-tokens: 4.0.0',
    '    dependencies: {}',
  ),
  'empty dependencies in flow style with a space': replace(
    '    dependencies:\n      js-tokens: 4.0.0',
    '    dependencies: { }',
  ),
  'optional dependencies of a snapshot': replace(
    '  loose-envify@1.4.0:\n    dependencies:\n      js-tokens: 4.0.0',
    '  loose-envify@1.4.0:\n    optionalDependencies:\n      js-tokens: 4.0.0\n    optional: true',
  ),
  'dependencies given twice': replace(
    '    dependencies:\n      js-tokens: 4.0.0',
    '    dependencies:\n      js-tokens: 4.0.0\n    dependencies:\n      js-tokens: 4.0.0',
  ),
  'transitive peer dependencies': replace(
    '    dependencies:\n      js-tokens: 4.0.0',
    '    dependencies:\n      js-tokens: 4.0.0\n    transitivePeerDependencies:\n      - supports-color\n      - encoding',
  ),
  'a sequence item without a value': replace(
    '    dependencies:\n      js-tokens: 4.0.0',
    '    transitivePeerDependencies:\n      -\n    dependencies:\n      js-tokens: 4.0.0',
  ),
  'a sequence item that is a mapping': replace(
    '    dependencies:\n      js-tokens: 4.0.0',
    '    transitivePeerDependencies:\n      - a: b\n    dependencies:\n      js-tokens: 4.0.0',
  ),
  'deeper indentation': (t) => t.replaceAll('\n    ', '\n        ').replaceAll('\n      ', '\n            '),
  'a line between two indentations': replace('    hasBin: true', '     hasBin: true'),
  'fields indented differently per entry': replace(
    '  loose-envify@1.4.0:\n    resolution',
    '  loose-envify@1.4.0:\n      resolution',
  ),
  'comments inside entries': (t) => t.replaceAll('    resolution:', '  # c\n    resolution:'),
  'comment lines at odd indentations': (t) => t.replaceAll('\n  react', '\n       # c\n  react'),
  'blank lines of spaces': (t) => t.replaceAll('\n\n', '\n   \n'),
  'no newline at the end': (t) => t.trimEnd(),
  'CR at the very end': (t) => `${t.trimEnd()}\r`,
  'tarball resolution': replace(
    '  js-tokens@4.0.0:\n    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}',
    '  js-tokens@4.0.0:\n    resolution: {tarball: https://codeload.github.com/a/b/tar.gz/0123456789abcdef0123456789abcdef01234567}',
  ),
  'git resolution': replace(
    '  js-tokens@4.0.0:\n    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}',
    '  js-tokens@4.0.0:\n    resolution: {commit: 0123456789abcdef0123456789abcdef01234567, repo: https://github.com/a/b, type: git}',
  ),
  'resolution in block style': replace(
    '  js-tokens@4.0.0:\n    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}',
    '  js-tokens@4.0.0:\n    resolution:\n      integrity: sha512-x',
  ),
  'integrity with a space': replace('{integrity: sha512-RdJU', '{integrity: sha512- RdJU'),
  'integrity starting with a dash': replace('{integrity: sha512-RdJU', '{integrity: -sha512-RdJU'),
  'integrity and more': replace('CausW/PKQ==}', 'CausW/PKQ==, tarball: https://x/y.tgz}'),
  'integrity with a comment': replace('CausW/PKQ==}', 'CausW/PKQ==} # c'),
  'resolution a sequence': replace('    resolution: {integrity: sha512-RdJU', '    resolution: [sha512-RdJU'),
  'package version and name quoted': replace(
    entry('react@18.3.1'),
    `${entry('react@18.3.1')}    name: 'react'\n    version: "18.3.1"\n`,
  ),
  'package version empty': replace(entry('react@18.3.1'), `${entry('react@18.3.1')}    version:\n`),
  'package version given twice': replace(
    entry('react@18.3.1'),
    `${entry('react@18.3.1')}    version: 18.3.1\n    version: 18.3.2\n`,
  ),
  'package optional flag': replace(entry('react@18.3.1'), `${entry('react@18.3.1')}    optional: true\n`),
  'package entry in flow style, empty': replace(
    '  js-tokens@4.0.0:\n    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}',
    '  js-tokens@4.0.0: {}   ',
  ),
  'package entry in flow style': replace(
    '  js-tokens@4.0.0:\n    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}',
    '  js-tokens@4.0.0: {version: 4.0.0}',
  ),
  'bare snapshot': replace('  js-tokens@4.0.0: {}', '  js-tokens@4.0.0:'),
  'snapshot with peers of an unknown package': (t) =>
    t.replace('\nsnapshots:\n', '\nsnapshots:\n\n  left-pad@1.3.0(react@18.3.1): {}\n'),
  'lockfileVersion plain': replace("lockfileVersion: '9.0'", 'lockfileVersion: 9.0'),
  'lockfileVersion with a suffix': replace("lockfileVersion: '9.0'", "lockfileVersion: '9.0-beta'"),
  'lockfileVersion 4': replace("lockfileVersion: '9.0'", "lockfileVersion: '4.0'"),
  'lockfileVersion empty': replace("lockfileVersion: '9.0'", 'lockfileVersion:'),
  'lockfileVersion twice': replace(
    "lockfileVersion: '9.0'",
    "lockfileVersion: '9.0'\nlockfileVersion: '9.0'",
  ),
  'lockfileVersion after the packages': (t) =>
    `${t.replace("lockfileVersion: '9.0'\n", '')}\nlockfileVersion: '9.0'\n`,
  'importers given twice': (t) => `${t}\nimporters:\n  .: {}\n`,
  'importer in flow style': replace('  packages/lib:\n', '  packages/other: {}\n\n  packages/lib:\n'),
  'importer a scalar': replace('  packages/lib:\n', '  packages/other: x\n\n  packages/lib:\n'),
  'project dependency in flow style without version': replace(
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '      typescript: {specifier: ~5.6.3}',
  ),
  'project dependency spec with more fields': replace(
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3\n        note:\n          a: b',
  ),
  'project dependency version given twice': replace(
    '        specifier: ~5.6.3\n        version: 5.6.3',
    '        specifier: ~5.6.3\n        version: 5.6.3\n        version: 5.6.3',
  ),
  'project dependency version a mapping': replace(
    '        specifier: ~5.6.3\n        version: 5.6.3',
    '        specifier: ~5.6.3\n        version:\n          a: b',
  ),
  'project dependency spec a sequence': replace(
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '      typescript:\n        - 5.6.3',
  ),
  'project dependencies given twice': replace(
    '  .:\n    devDependencies:',
    '  .:\n    devDependencies:\n      a: 1.0.0\n    devDependencies:',
  ),
  'project fields beside the dependencies': replace(
    '  .:\n    devDependencies:',
    '  .:\n    dependenciesMeta:\n      a:\n        injected: true\n    publishDirectory: dist\n    devDependencies:',
  ),
  'settings nested deeper': replace(
    '  autoInstallPeers: true',
    '  autoInstallPeers: true\n  deep:\n    a:\n      b:\n        c: [x, {y: z}]',
  ),
  'very deep nesting': replace(
    '  autoInstallPeers: true',
    `  autoInstallPeers: true\n${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} x`,
  ),
  'top-level sequence': (t) => `${t}\nonlyBuiltDependencies:\n  - esbuild\n  - 'sharp'\n`,
  'top-level scalar with a tab': (t) => `${t}\nnote: a\tb\n`,
  'top level indented': (t) => `  ${t}`,
  'section with a sequence of entries': replace('\nsnapshots:\n', '\nsnapshots:\n  - a\n\nunused:\n'),
};

/** A small deterministic PRNG (xorshift32). */
function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

type Version = 'v5' | 'v6' | 'v9';

/**
 * A random lockfile of one version, written with random but valid formatting: indentation, quoting,
 * comments, blank lines, line ends, flow or block empty maps, extra fields the extractor does not read.
 */
function generate(seed: number, version: Version): string {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const step = pick([2, 2, 2, 4, 3]);
  const pad = (level: number) => ' '.repeat(step * level);
  const crlf = chance(0.15);
  const count = 3 + Math.floor(random() * 25);
  const names = Array.from({ length: count }, (_, i) =>
    pick([`pkg-${i}`, `pkg-${i}`, `@scope/pkg-${i}`, `dependencies-${i}`, `${i}zip`]),
  );
  const versions = names.map(() =>
    pick(['1.0.0', '2.3.4', '0.0.1', '1.0.0-beta.1', '3.0.0+build.5', '10.20.30', 'latest']),
  );
  const quoteKey = (key: string): string => {
    const style = pick(['plain', 'plain', 'single', 'double']);
    if (style === 'double') return JSON.stringify(key);
    if (style === 'single' || key.startsWith('@') || /^\d+$/.test(key)) return `'${key}'`;
    return key;
  };
  const quoteValue = (value: string): string => {
    const style = pick(['plain', 'plain', 'plain', 'single', 'double']);
    if (style === 'double') return JSON.stringify(value);
    if (style === 'single' || value.startsWith('@')) return `'${value}'`;
    return value;
  };
  const comment = () => (chance(0.05) ? `${pad(Math.floor(random() * 3))}# note\n` : '');
  const blank = () => (chance(0.5) ? '\n' : '');
  const peer = (i: number) => (version === 'v5' ? `_react@18.2.0` : `(react@${i}.0.0)`);
  const path = (i: number, peers = false): string => {
    const name = names[i] as string;
    const v = versions[i] as string;
    const suffix = peers ? peer(i) : '';
    if (version === 'v5') return `/${name}/${v}${suffix}`;
    if (version === 'v6') return `/${name}@${v}${suffix}`;
    return `${name}@${v}${suffix}`;
  };
  // How an entry refers to another: its version (with peers), sometimes an alias or a missing one.
  const reference = (j: number, peers: boolean): string => {
    if (chance(0.05)) return `link:../p${j}`;
    if (chance(0.05)) return '9.9.9';
    if (version === 'v9' && chance(0.05)) return `${names[j] as string}@${versions[j] as string}`;
    return `${versions[j] as string}${peers ? peer(j) : ''}`;
  };
  const peered = names.map(() => chance(0.2));
  const map = (level: number, members: Array<[string, string]>): string => {
    if (members.length === 0) return pick([' {}\n', '\n']);
    return `\n${members.map(([k, v]) => `${comment()}${pad(level)}${quoteKey(k)}: ${quoteValue(v)}\n`).join('')}`;
  };
  const depsOf = (i: number): Array<[string, string]> => {
    const out: Array<[string, string]> = [];
    const seen = new Set<string>();
    for (let k = Math.floor(random() * 4); k > 0; k--) {
      const j = Math.floor(random() * count);
      const name = names[j] as string;
      if (j === i || seen.has(name)) continue;
      seen.add(name);
      out.push([name, reference(j, peered[j] === true)]);
    }
    return out;
  };
  const project = (level: number): string => {
    let out = '';
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      if (chance(0.3)) continue;
      const members = depsOf(-1);
      if (version === 'v5' || chance(0.1)) {
        out += `${pad(level)}${field}:${map(level + 1, members)}`;
      } else if (members.length === 0) {
        out += `${pad(level)}${field}:${pick([' {}\n', '\n'])}`;
      } else {
        out += `${pad(level)}${field}:\n`;
        for (const [name, value] of members)
          out += `${pad(level + 1)}${quoteKey(name)}:\n${pad(level + 2)}specifier: ^${quoteValue(value)}\n${pad(level + 2)}version: ${quoteValue(value)}\n`;
      }
    }
    return out;
  };
  const resolution = (i: number): string => {
    switch (pick(['integrity', 'integrity', 'integrity', 'tarball', 'git', 'none'])) {
      case 'integrity':
        return `{integrity: sha512-${Buffer.from(`p${i}`).toString('base64')}==}`;
      case 'tarball':
        return `{tarball: https://codeload.github.com/a/b${i}/tar.gz/${'0123456789abcdef'.repeat(3).slice(0, 40)}}`;
      case 'git':
        return `{commit: ${'fedcba9876543210'.repeat(3).slice(0, 40)}, repo: https://github.com/a/b, type: git}`;
      default:
        return '';
    }
  };
  const extras = (level: number): string => {
    let out = '';
    if (chance(0.3)) out += `${pad(level)}engines: {node: '>=8'}\n`;
    if (chance(0.1)) out += `${pad(level)}os: [darwin, linux]\n`;
    if (chance(0.1)) out += `${pad(level)}hasBin: true\n`;
    if (chance(0.1)) out += `${pad(level)}peerDependencies:\n${pad(level + 1)}react: ^18.0.0\n`;
    if (chance(0.1))
      out += `${pad(level)}transitivePeerDependencies:\n${pad(level + 1)}- supports-color\n${pad(level + 1)}- encoding\n`;
    if (chance(0.05)) out += `${pad(level)}deprecated: 'no longer: supported'\n`;
    return out;
  };

  let text = `lockfileVersion: ${pick({ v5: ['5.4', "'5.3'"], v6: ["'6.0'", '6.1'], v9: ["'9.0'", '9.0'] }[version])}\n\n`;
  if (chance(0.5))
    text += `settings:\n${pad(1)}autoInstallPeers: true\n${pad(1)}excludeLinksFromLockfile: false\n\n`;
  if (version === 'v9' || chance(0.3)) {
    text += 'importers:\n\n';
    for (const dir of ['.', 'packages/a', 'packages/b'].slice(0, 1 + Math.floor(random() * 3))) {
      const body = project(2);
      text += `${pad(1)}${dir}:${body === '' ? pick([' {}\n', '\n']) : `\n${body}`}${blank()}`;
    }
  } else {
    if (version === 'v5') text += `specifiers:\n${pad(1)}a: ^1.0.0\n\n`;
    text += project(0);
  }
  text += `${blank()}packages:\n${blank()}`;
  const snapshots: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = quoteKey(path(i, version !== 'v9' && peered[i] === true));
    const fields: string[] = [];
    const resolved = resolution(i);
    if (resolved) fields.push(`${pad(2)}resolution: ${resolved}\n`);
    if (chance(0.1)) fields.push(`${pad(2)}name: ${quoteValue(names[i] as string)}\n`);
    if (chance(0.1)) fields.push(`${pad(2)}version: ${quoteValue(versions[i] as string)}\n`);
    fields.push(extras(2));
    const deps = version === 'v9' ? '' : `${pad(2)}dependencies:${map(3, depsOf(i))}`;
    if (version !== 'v9' && chance(0.8)) fields.push(deps);
    if (version !== 'v9' && chance(0.1)) fields.push(`${pad(2)}optionalDependencies:${map(3, depsOf(i))}`);
    if (version !== 'v9' && chance(0.7)) fields.push(`${pad(2)}dev: ${pick(['true', 'false', "'true'"])}\n`);
    if (version !== 'v9' && chance(0.1)) fields.push(`${pad(2)}optional: true\n`);
    const body = fields.join('');
    text += `${comment()}${pad(1)}${key}:${body === '' ? pick([' {}\n', '\n']) : `\n${body}`}${blank()}`;
    if (version === 'v9') {
      const snapshotKey = quoteKey(path(i, peered[i] === true));
      const members = depsOf(i);
      let snapshot = members.length > 0 || chance(0.5) ? `${pad(2)}dependencies:${map(3, members)}` : '';
      if (chance(0.1)) snapshot += `${pad(2)}optionalDependencies:${map(3, depsOf(i))}`;
      if (chance(0.1)) snapshot += `${pad(2)}optional: true\n`;
      if (chance(0.1)) snapshot += `${pad(2)}transitivePeerDependencies:\n${pad(3)}- supports-color\n`;
      snapshots.push(`${pad(1)}${snapshotKey}:${snapshot === '' ? pick([' {}\n', '\n']) : `\n${snapshot}`}`);
    }
  }
  if (version === 'v9') text += `\nsnapshots:\n\n${snapshots.join(pick(['\n', '']))}`;
  return crlf ? text.replaceAll('\n', '\r\n') : text;
}

describe('the pnpm line reader', () => {
  it('reads the usual lockfiles', () => {
    expect(readPnpmFast(v9)).toBeDefined();
    for (const name of ['dev-flags.v6.yaml', 'peers.v5.yaml'])
      expect(readPnpmFast(readFileSync(join(local, name), 'utf8')), name).toBeDefined();
  });

  it('agrees with the others on every fixture', () => {
    const files = readdirSync(local)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(local, f));
    for (const dir of [join(local, 'upstream'), join(SHARED_LOCKFILES, 'fixtures', 'pnpm')])
      if (existsSync(dir)) files.push(...readdirSync(dir).map((f) => join(dir, f)));
    let accepted = 0;
    for (const file of files) if (expectAgreement(readFileSync(file, 'utf8'), file)) accepted++;
    expect(accepted).toBeGreaterThan(5);
  });

  for (const [label, mutate] of Object.entries({ ...MUTATIONS, ...LINE_MUTATIONS })) {
    it(`agrees with the others: ${label}`, () => {
      expectAgreement(mutate(v9), label);
    });
  }

  it('reads the mutations it should read', () => {
    for (const label of [
      'as it is',
      'CRLF line ends',
      'comments',
      'double-quoted package key',
      'single-quoted key with a doubled quote',
      'trailing spaces',
      'no-break space after a value',
      'non-ASCII in a skipped value',
      'quoted version with a comment',
      'tarball resolution',
      'git resolution',
      'deeper indentation',
      'no newline at the end',
      'many dependencies',
      'transitive peer dependencies',
      'project dependency in flow style',
      'lockfileVersion 6.0',
      'lockfileVersion 5.4',
    ]) {
      const mutate = { ...MUTATIONS, ...LINE_MUTATIONS }[label] as (t: string) => string;
      expect(readPnpmFast(mutate(v9)), label).toBeDefined();
    }
  });

  for (const version of ['v5', 'v6', 'v9'] as const) {
    it(`agrees with the others on generated ${version} lockfiles`, () => {
      let accepted = 0;
      const runs = 150;
      for (let seed = 1; seed <= runs; seed++) {
        const text = generate(seed * 7919 + version.charCodeAt(1), version);
        if (expectAgreement(text, `${version} seed ${seed}:\n${text}`)) accepted++;
      }
      // Generated files hold nothing that the line reader leaves to the other readers.
      expect(accepted).toBeGreaterThan(runs * 0.9);
    });
  }
});
