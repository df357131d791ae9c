/**
 * The npm extractor reads plain v2/v3 lockfiles with a fast reader and everything else with the
 * general one. Whatever the document, the result (or the error, with its line) must be the one the
 * general reader gives: these tests mutate a rich lockfile in many ways and compare.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor, readGeneral } from '../../src/extractors/npm/extract.js';
import { readPackageLockFast } from '../../src/extractors/npm/fastlock.js';
import type { Extraction } from '../../src/model.js';

const base = readFileSync(
  fileURLToPath(new URL('../fixtures/npm/workspaces.v3.json', import.meta.url)),
  'utf8',
);

type Outcome = { result: Extraction } | { error: string; line: number | undefined };

async function outcome(read: () => Extraction | Promise<Extraction>): Promise<Outcome> {
  try {
    return { result: await read() };
  } catch (error) {
    const e = error as { message: string; line?: number };
    return { error: e.message, line: e.line };
  }
}

async function expectSame(text: string, label: string): Promise<void> {
  const fast = await outcome(() => extractor.extract({ path: 'package-lock.json', text }));
  const general = await outcome(() => readGeneral('package-lock.json', text));
  expect(fast, label).toEqual(general);
}

const replace =
  (from: string, to: string) =>
  (text: string): string => {
    if (!text.includes(from)) throw new Error(`mutation does not apply: ${from}`);
    return text.replace(from, to);
  };

/** Mutations of the base lockfile: each keeps or breaks it in some way the readers must agree on. */
const MUTATIONS: Record<string, (text: string) => string> = {
  'as it is': (t) => t,
  minified: (t) => JSON.stringify(JSON.parse(t)),
  'CRLF line ends': (t) => t.replaceAll('\n', '\r\n'),
  'tabs for indentation': (t) => t.replaceAll('  ', '\t'),
  'byte order mark': (t) => `\ufeff${t}`,
  'trailing text': (t) => `${t}x`,
  'trailing comma': replace('"link": true\n    },', '"link": true,\n    },'),
  truncated: (t) => t.slice(0, t.length / 2),
  'empty file': () => '',
  'top-level array': (t) => `[${t}]`,
  'no packages (v1)': (t) => t.replace('"packages"', '"dependencies"'),
  'packages is an array': () => '{"lockfileVersion": 3, "packages": []}',
  'empty packages': () => '{"lockfileVersion": 3, "packages": {}}',
  'lockfileVersion 1 with packages': replace('"lockfileVersion": 3', '"lockfileVersion": 1'),
  'lockfileVersion 4': replace('"lockfileVersion": 3', '"lockfileVersion": 4'),
  'lockfileVersion 2.0': replace('"lockfileVersion": 3', '"lockfileVersion": 2.0'),
  'lockfileVersion 2.5': replace('"lockfileVersion": 3', '"lockfileVersion": 2.5'),
  'lockfileVersion 3e0': replace('"lockfileVersion": 3', '"lockfileVersion": 3e0'),
  'lockfileVersion 1e400': replace('"lockfileVersion": 3', '"lockfileVersion": 1e400'),
  'lockfileVersion -0': replace('"lockfileVersion": 3', '"lockfileVersion": -0'),
  'lockfileVersion as a string': replace('"lockfileVersion": 3', '"lockfileVersion": "3"'),
  'lockfileVersion null': replace('"lockfileVersion": 3', '"lockfileVersion": null'),
  'lockfileVersion twice': replace('"lockfileVersion": 3', '"lockfileVersion": 9, "lockfileVersion": 3'),
  'no lockfileVersion': replace('"lockfileVersion": 3,', ''),
  'packages twice': (t) =>
    t.replace('"requires": true,', '"packages": {"node_modules/zz": {"version": "1.0.0"}},'),
  'invalid number': replace('"lockfileVersion": 3', '"lockfileVersion": 03'),
  'number with plus': replace('"lockfileVersion": 3', '"lockfileVersion": +3'),
  'bad literal': replace('"requires": true', '"requires": tru'),
  'literal with tail': replace('"requires": true', '"requires": truex'),
  'null value': replace('"requires": true', '"requires": null'),
  'nested values skipped': replace(
    '"requires": true',
    '"requires": {"a": [1, -2.5e3, true, false, null, {"b": []}, []]}',
  ),
  'escaped key': replace('"node_modules/debug": {', '"node_modules/\\u0064ebug": {'),
  'escaped dependency name': replace('"ms": "2.0.0"', '"\\u006ds": "2.0.0"'),
  'escaped value': replace('"version": "2.6.9"', '"version": "2.6.\\u0039"'),
  'escaped quote and backslash': replace('"version": "2.6.9"', '"version": "2.6.9\\"\\\\"'),
  'escaped slash in resolved': replace(
    'https://registry.npmjs.org/debug/',
    'https:\\/\\/registry.npmjs.org\\/debug\\/',
  ),
  'escape in a skipped value': replace('"requires": true', '"requires": "a\\nb\\t\\u00e9"'),
  'invalid escape': replace('"version": "2.6.9"', '"version": "2.6.\\x"'),
  'invalid unicode escape': replace('"version": "2.6.9"', '"version": "2.6.\\u00zz"'),
  'raw tab in a string': replace('"version": "2.6.9"', '"version": "2.6.9\t"'),
  'raw tab in an escaped string': replace('"version": "2.6.9"', '"version": "2.\\u0036.9\t"'),
  'raw line break in a string': replace('"version": "2.6.9"', '"version": "2.6.\n9"'),
  'unterminated string': () => '{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1',
  'integer-like package path': replace(
    '"node_modules/debug": {',
    '"7": {"version": "1.0.0"}, "node_modules/debug": {',
  ),
  'duplicate package path': replace(
    '"node_modules/debug": {',
    '"node_modules/ms": {"version": "0.0.1"}, "node_modules/debug": {',
  ),
  'duplicate field': replace('"version": "2.6.9"', '"version": "1.0.0", "version": "2.6.9"'),
  'duplicate unknown field': replace('"integrity"', '"x": 1, "x": 2, "integrity"'),
  '__proto__ package': replace(
    '"node_modules/debug": {',
    '"__proto__": {"version": "1.0.0"}, "node_modules/debug": {',
  ),
  '__proto__ field': replace('"version": "2.6.9"', '"__proto__": {"version": "9.9.9"}, "version": "2.6.9"'),
  '__proto__ dependency': replace('"ms": "2.0.0"', '"__proto__": "1.0.0", "ms": "2.0.0"'),
  'version not a string': replace('"version": "2.6.9"', '"version": 2'),
  'name not a string': replace('"name": "acme-monorepo",\n      "version"', '"name": null,\n      "version"'),
  'resolved false': replace(
    '"resolved": "https://registry.npmjs.org/debug/-/debug-2.6.9.tgz"',
    '"resolved": false',
  ),
  'resolved a number': replace(
    '"resolved": "https://registry.npmjs.org/debug/-/debug-2.6.9.tgz"',
    '"resolved": 1',
  ),
  'dev not a boolean': replace('"dev": true', '"dev": "yes"'),
  'inBundle flag': replace('"dev": true', '"dev": true, "inBundle": true'),
  'inBundle not a boolean': replace('"dev": true', '"dev": true, "inBundle": 1'),
  'license an object': replace(
    '"license": "MIT",\n      "dependencies"',
    '"license": {"type": "MIT"},\n      "dependencies"',
  ),
  'license empty': replace('"license": "MIT",\n      "dependencies"', '"license": "",\n      "dependencies"'),
  'dependency value not a string': replace('"ms": "2.0.0"', '"ms": 2'),
  'dependencies an array': replace(
    '"dependencies": {\n        "ms": "2.0.0"\n      }',
    '"dependencies": ["ms"]',
  ),
  'empty dependencies': replace('"dependencies": {\n        "ms": "2.0.0"\n      }', '"dependencies": {}'),
  'entry not an object': replace('"node_modules/debug": {', '"node_modules/zzz": 1, "node_modules/debug": {'),
  'empty entry': replace('"node_modules/debug": {', '"node_modules/zzz": {}, "node_modules/debug": {'),
  'invalid install path': replace(
    '"node_modules/debug": {',
    '"node_modules/": {"version": "1.0.0"}, "node_modules/debug": {',
  ),
  'workspaces as an object': replace(
    '"workspaces": [\n        "packages/*"\n      ]',
    '"workspaces": {"packages": ["packages/*"], "nohoist": ["x"]}',
  ),
  'workspaces object without packages': replace(
    '"workspaces": [\n        "packages/*"\n      ]',
    '"workspaces": {"nohoist": ["x"]}',
  ),
  'workspaces with a number': replace(
    '"workspaces": [\n        "packages/*"\n      ]',
    '"workspaces": ["packages/*", 1]',
  ),
  'workspaces packages not an array': replace(
    '"workspaces": [\n        "packages/*"\n      ]',
    '"workspaces": {"packages": "packages/*"}',
  ),
  'workspaces packages twice': replace(
    '"workspaces": [\n        "packages/*"\n      ]',
    '"workspaces": {"packages": [], "packages": ["packages/*"]}',
  ),
  'workspaces a string': replace(
    '"workspaces": [\n        "packages/*"\n      ]',
    '"workspaces": "packages/*"',
  ),
  'deep nesting within the limit': replace(
    '"requires": true',
    `"requires": ${'['.repeat(499)}${']'.repeat(499)}`,
  ),
  'deep nesting over the limit': replace(
    '"requires": true',
    `"requires": ${'['.repeat(500)}${']'.repeat(500)}`,
  ),
  'deep nesting in an entry': replace(
    '"dev": true',
    `"dev": true, "x": ${'{"a":'.repeat(497)}1${'}'.repeat(497)}`,
  ),
  'deep nesting in an entry over the limit': replace(
    '"dev": true',
    `"dev": true, "x": ${'{"a":'.repeat(498)}1${'}'.repeat(498)}`,
  ),
  comment: replace('"requires": true,', '"requires": true, // no\n'),
  'missing colon': replace('"requires": true', '"requires" true'),
  'missing comma': replace('"requires": true,', '"requires": true'),
  'unquoted key': replace('"requires": true', 'requires: true'),
};

describe('the fast npm reader', () => {
  it('reads the plain lockfile', () => {
    expect(readPackageLockFast(base)).toBeDefined();
  });

  for (const [label, mutate] of Object.entries(MUTATIONS)) {
    it(`agrees with the general reader: ${label}`, async () => {
      await expectSame(mutate(base), label);
    });
  }

  it('agrees on lockfiles with nested installs, links and aliases', async () => {
    const packages: Record<string, unknown> = {
      '': {
        name: 'app',
        dependencies: { a: '^1', linked: 'file:libs/linked' },
        devDependencies: { b: '^1' },
      },
      'node_modules/a': { version: '1.0.0', dependencies: { b: '^2', c: '^1' } },
      'node_modules/a/node_modules/b': { version: '2.0.0', dependencies: { c: '^1' } },
      'node_modules/a/node_modules/b/node_modules/c': { version: '1.1.0' },
      'node_modules/b': { version: '1.0.0', dev: true, dependencies: { c: '^1', linked: '*' } },
      'node_modules/c': { version: '1.0.0', optional: true },
      'node_modules/linked': { resolved: 'libs/linked', link: true },
      'libs/linked': { name: 'linked', version: '0.1.0', dependencies: { a: '^1' } },
      'node_modules/alias': { name: 'real-name', version: '3.0.0', peer: true },
      'node_modules/git': { version: '1.0.0', resolved: 'git+ssh://git@github.com/a/b.git#0123456789abcdef' },
    };
    const text = JSON.stringify({ lockfileVersion: 3, packages }, null, 2);
    expect(readPackageLockFast(text)).toBeDefined();
    await expectSame(text, 'nested');
  });
});
