#!/usr/bin/env node
// Bundles the compiled CLI (dist/ of every @rampart workspace package) into dist/bundle/, which the
// `rampart` binary loads instead of ~170 separate ES modules: resolving, reading and compiling each module
// costs about a millisecond, which is most of a pre-commit hook's run and of a small history scan's
// overhead, and is paid again by every worker thread.
//
// Our own code is bundled, and the few small dependencies every command loads (INLINE: the argument
// parser, colours, glob and ignore-file matching, and the YAML parser that reads config files), whose licences are collected into
// dist/bundle/THIRD-PARTY-NOTICES.txt. Other npm dependencies stay external: Node resolves them from
// node_modules as usual, and native modules (better-sqlite3, oxc-parser) and packages that locate files
// beside themselves (piscina's worker) keep working. Entry points:
//   main.js             the CLI (packages/cli/dist/main.js)
//   worker.js           the scan worker thread (core's pipeline/worker.js, found beside the pipeline code)
//   scanner-<id>.js     one per registered scanner, imported by URL by the registry (RAMPART_BUNDLE)
//   git-log.js          the `git log` of --history, started by the binary before it loads main.js
// Dynamic imports (engines, server, database commands) become chunks loaded on first use.
//
//   node packages/cli/scripts/bundle.mjs      (run by `npm run build` after `tsc -b`)
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = join(cli, '..');
const repoRoot = join(packages, '..');
const outdir = join(cli, 'dist', 'bundle');
const version = (dir) => JSON.parse(readFileSync(join(packages, dir, 'package.json'), 'utf8')).version;

// The registry's list, read from its compiled module so that the two cannot disagree.
const { SCANNER_REGISTRY } = await import(join(cli, 'dist', 'registry.js'));

/** Small CommonJS dependencies loaded by every command, bundled (with their licences, see above). */
const INLINE = new Set(['commander', 'picocolors', 'picomatch', 'ignore', 'yaml']);
/** Licences we may ship inside our own files. */
const SHIPPABLE = /^(?:MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD)$/;

/** Keep every bare import but our own packages and INLINE external. */
const externalDependencies = {
  name: 'external-dependencies',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      if (args.path.startsWith('@rampart/') || INLINE.has(name)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** The packages under node_modules that went into the bundle, with their licence texts. */
function notices(inputs) {
  const roots = new Set();
  for (const input of inputs) {
    const parts = input.split('/'); // esbuild's metafile paths: relative to absWorkingDir, with slashes
    const at = parts.lastIndexOf('node_modules');
    if (at === -1) continue;
    const depth = parts[at + 1]?.startsWith('@') ? 3 : 2;
    roots.add(parts.slice(0, at + depth).join('/'));
  }
  const sections = [];
  for (const root of [...roots].sort()) {
    const dir = join(repoRoot, root);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (!SHIPPABLE.test(pkg.license ?? ''))
      throw new Error(`${pkg.name}: licence ${pkg.license} may not be bundled`);
    const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    if (!file) throw new Error(`${pkg.name}: no licence file to ship with it`);
    sections.push(
      `${pkg.name} ${pkg.version} (${pkg.license})\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`,
    );
  }
  return sections;
}

const started = Date.now();
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    main: join(cli, 'dist', 'main.js'),
    worker: join(packages, 'core', 'dist', 'pipeline', 'worker.js'),
    'git-log': join(packages, 'core', 'dist', 'git', 'log-source.js'),
    'git-staged': join(packages, 'core', 'dist', 'git', 'staged-source.js'),
    ...Object.fromEntries(
      SCANNER_REGISTRY.map(({ id }) => [`scanner-${id}`, join(packages, 'scanners', id, 'dist', 'index.js')]),
    ),
  },
  outdir,
  absWorkingDir: repoRoot,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [externalDependencies],
  // The bundled CommonJS dependencies require Node's built-ins, which needs a `require` in an ES module.
  banner: {
    js: "import { createRequire as __rampartRequire } from 'node:module'; const require = __rampartRequire(import.meta.url);",
  },
  define: {
    RAMPART_BUNDLE: 'true',
    RAMPART_CLI_VERSION: JSON.stringify(version('cli')),
    RAMPART_SERVER_VERSION: JSON.stringify(version('server')),
  },
});
const bundled = notices(Object.keys(result.metafile.inputs));
writeFileSync(
  join(outdir, 'THIRD-PARTY-NOTICES.txt'),
  `Third-party code bundled into these files, with its licence:\n\n${bundled.join('\n---\n\n')}`,
);
if (!existsSync(join(outdir, 'main.js'))) throw new Error('the bundle has no main.js');
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
process.stdout.write(
  `bundled the CLI into ${outputs.length} files under packages/cli/dist/bundle (${Date.now() - started} ms)\n`,
);
