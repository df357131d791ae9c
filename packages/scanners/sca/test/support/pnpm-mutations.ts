/**
 * Mutations of the v9 workspace fixture, for the tests that check that the fast pnpm readers agree
 * with the general way on every shape (and error) a lockfile can take.
 */
import { readFileSync } from 'node:fs';

export const v9 = readFileSync(new URL('../fixtures/pnpm/workspace.v9.yaml', import.meta.url), 'utf8');

export const replace =
  (from: string, to: string) =>
  (text: string): string => {
    if (!text.includes(from)) throw new Error(`mutation does not apply: ${JSON.stringify(from)}`);
    return text.replace(from, to);
  };

export const MUTATIONS: Record<string, (text: string) => string> = {
  'as it is': (t) => t,
  'CRLF line ends': (t) => t.replaceAll('\n', '\r\n'),
  comments: (t) => t.replace('packages:\n', '# a comment\npackages: # after\n'),
  'byte order mark': (t) => `\ufeff${t}`,
  'tab indentation': (t) => t.replace('    resolution:', '\tresolution:'),
  'anchor (outside the subset)': replace('autoInstallPeers: true', 'autoInstallPeers: &a true'),
  'only comments': () => '# nothing\n',
  'not a mapping': () => '- a\n- b\n',
  'no lockfileVersion': replace("lockfileVersion: '9.0'\n", ''),
  'lockfileVersion 6.0': replace("lockfileVersion: '9.0'", "lockfileVersion: '6.0'"),
  'lockfileVersion 5.4': replace("lockfileVersion: '9.0'", "lockfileVersion: '5.4'"),
  'lockfileVersion 10': replace("lockfileVersion: '9.0'", "lockfileVersion: '10.0'"),
  'lockfileVersion a mapping': replace("lockfileVersion: '9.0'", 'lockfileVersion:\n  a: b'),
  'empty packages': (t) => t.replace(/\npackages:\n[\s\S]*?\nsnapshots:/, '\npackages:\n\nsnapshots:'),
  'flow empty packages': (t) =>
    t.replace(/\npackages:\n[\s\S]*?\nsnapshots:/, '\npackages: {}\n\nsnapshots:'),
  'flow packages': (t) =>
    t.replace(
      /\npackages:\n[\s\S]*?\nsnapshots:/,
      "\npackages: {'react@18.3.1': {version: 18.3.1}}\n\nsnapshots:",
    ),
  'packages a sequence': (t) =>
    t.replace(/\npackages:\n[\s\S]*?\nsnapshots:/, '\npackages:\n  - a\n\nsnapshots:'),
  'packages a scalar': (t) =>
    t.replace(/\npackages:\n[\s\S]*?\nsnapshots:/, '\npackages: none\n\nsnapshots:'),
  'empty importers': (t) => t.replace(/\nimporters:\n[\s\S]*?\npackages:/, '\nimporters:\n\npackages:'),
  'no importers': (t) => t.replace(/\nimporters:\n[\s\S]*?\npackages:/, '\npackages:'),
  'no importers, top-level dependencies': (t) =>
    t.replace(
      /\nimporters:\n[\s\S]*?\npackages:/,
      '\ndependencies:\n  react:\n    specifier: ^18\n    version: 18.3.1\ndevDependencies:\n\npackages:',
    ),
  'top-level dependencies beside importers': replace(
    '\nimporters:\n',
    '\ndependencies:\n  react: 18.3.1\nimporters:\n',
  ),
  'top-level dependencies invalid': replace('\nimporters:\n', '\ndependencies:\n  - react\nimporters:\n'),
  'empty project': replace(
    '  .:\n    devDependencies:\n      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3\n',
    '  .:\n',
  ),
  'empty project dependencies': replace(
    '    devDependencies:\n      typescript:',
    '    devDependencies:\n    x:\n      typescript:',
  ),
  'project dependency as a version': replace(
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '      typescript: 5.6.3',
  ),
  'project dependency without version': replace(
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '      typescript:\n        specifier: ~5.6.3',
  ),
  'project dependency empty': replace(
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '      typescript:',
  ),
  'project dependency in flow style': replace(
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '      typescript: {specifier: ~5.6.3, version: 5.6.3}',
  ),
  'project dependencies in flow style': replace(
    '    devDependencies:\n      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '    devDependencies: {typescript: 5.6.3}',
  ),
  'project dependency named like a keyed map': replace(
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '      bin:\n        specifier: ~5.6.3\n        version: 5.6.3',
  ),
  'duplicate project dependency': replace(
    '      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
    '      typescript:\n        specifier: ~5.6.3\n        version: 9.9.9\n      typescript:\n        specifier: ~5.6.3\n        version: 5.6.3',
  ),
  'duplicate project': replace(
    '  packages/lib:\n',
    '  packages/lib:\n    dependencies:\n      react: 18.3.1\n\n  packages/lib:\n',
  ),
  '__proto__ project': replace(
    '  packages/lib:\n',
    "  '__proto__':\n    dependencies:\n      react: 18.3.1\n\n  packages/lib:\n",
  ),
  'integer-like project path': replace(
    '  packages/lib:\n',
    "  '7':\n    dependencies:\n      react: 18.3.1\n\n  packages/lib:\n",
  ),
  'duplicate package': replace(
    '  react@18.3.1:\n',
    '  react@18.3.1:\n    version: 0.0.1\n\n  react@18.3.1:\n',
  ),
  'duplicate snapshot': (t) =>
    t.replace(
      '\nsnapshots:\n',
      '\nsnapshots:\n\n  react@18.3.1:\n    dependencies:\n      js-tokens: 4.0.0\n',
    ),
  'integer-like package key': replace(
    '  react@18.3.1:\n',
    "  '42':\n    version: 1.0.0\n\n  react@18.3.1:\n",
  ),
  'package key starting with a digit': replace(
    '  react@18.3.1:\n',
    '  7zip-bin@5.2.0:\n    version: 5.2.0\n\n  react@18.3.1:\n',
  ),
  '__proto__ package': replace(
    '  react@18.3.1:\n',
    "  '__proto__':\n    name: x\n    version: 1.0.0\n\n  react@18.3.1:\n",
  ),
  'snapshot named like an inherited property': (t) =>
    t.replace('\nsnapshots:\n', '\nsnapshots:\n\n  constructor:\n    dependencies:\n      react: 18.3.1\n'),
  'snapshot with peers named like an inherited property': (t) =>
    t.replace('\nsnapshots:\n', '\nsnapshots:\n\n  toString(react@18.3.1): {}\n'),
  'package named like a keyed map': replace(
    '  react@18.3.1:\n',
    '  dependencies:\n    name: x\n    version: 1.0.0\n\n  react@18.3.1:\n',
  ),
  'bare package entry': replace(
    '  react@18.3.1:\n    resolution:',
    '  left-pad@1.3.0:\n\n  react@18.3.1:\n    resolution:',
  ),
  'package name and version': replace(
    '  react@18.3.1:\n',
    '  react@18.3.1:\n    name: react\n    version: 18.3.1\n',
  ),
  'package version a mapping': replace('  react@18.3.1:\n', '  react@18.3.1:\n    version:\n      a: b\n'),
  'package dev flag': replace('  react@18.3.1:\n', "  react@18.3.1:\n    dev: 'true'\n"),
  'resolution empty': replace(
    '  js-tokens@4.0.0:\n    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}',
    '  js-tokens@4.0.0:\n    resolution:',
  ),
  'resolution a scalar': replace(
    '  js-tokens@4.0.0:\n    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}',
    '  js-tokens@4.0.0:\n    resolution: none',
  ),
  'resolution commit a mapping': replace(
    '  js-tokens@4.0.0:\n    resolution: {integrity: sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ==}',
    '  js-tokens@4.0.0:\n    resolution:\n      commit:\n        a: b',
  ),
  'snapshot dependency value a mapping': (t) =>
    t.replace(
      '\nsnapshots:\n',
      '\nsnapshots:\n\n  x@1.0.0:\n    dependencies:\n      react:\n        a: b\n',
    ),
  'snapshot dependencies a sequence': (t) =>
    t.replace('\nsnapshots:\n', '\nsnapshots:\n\n  x@1.0.0:\n    dependencies:\n      - react\n'),
  'snapshot dependencies empty': (t) =>
    t.replace('\nsnapshots:\n', '\nsnapshots:\n\n  x@1.0.0:\n    dependencies:\n'),
  'snapshot dependencies in flow style': (t) =>
    t.replace('\nsnapshots:\n', '\nsnapshots:\n\n  x@1.0.0:\n    dependencies: {react: 18.3.1}\n'),
  'duplicate snapshot dependency': (t) =>
    t.replace(
      '\nsnapshots:\n',
      '\nsnapshots:\n\n  x@1.0.0:\n    dependencies:\n      react: 0.0.1\n      react: 18.3.1\n',
    ),
  'integer-like dependency name': (t) =>
    t.replace(
      '\nsnapshots:\n',
      "\nsnapshots:\n\n  x@1.0.0:\n    dependencies:\n      '1': 1.0.0\n      react: 18.3.1\n",
    ),
  '__proto__ dependency': (t) =>
    t.replace('\nsnapshots:\n', "\nsnapshots:\n\n  x@1.0.0:\n    dependencies:\n      '__proto__': 1.0.0\n"),
  'snapshot optional a mapping': (t) =>
    t.replace('\nsnapshots:\n', '\nsnapshots:\n\n  x@1.0.0:\n    optional:\n      a: b\n'),
  'snapshot a scalar': (t) => t.replace('\nsnapshots:\n', '\nsnapshots:\n\n  x@1.0.0: yes\n'),
  'quoted keys with escapes': replace('  react@18.3.1:\n', '  "react@18.3.\\u0031":\n'),
  'multi-line value (outside the subset)': replace('    hasBin: true', '    hasBin: true\n      more'),
};
