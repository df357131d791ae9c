#!/usr/bin/env node
// Bundles the compiled CLI (dist/ of every @rampart workspace package) into dist/bundle/, which the
// `rampart` binary loads instead of ~170 separate ES modules: resolving, reading and compiling each module
// costs about a millisecond, which is most of a pre-commit hook's run and of a small history scan's
// overhead, and is paid again by every worker thread.
//
// Only our own code is bundled. npm dependencies stay external: Node resolves them from node_modules as
// usual, their licence files stay where they are, and native modules (better-sqlite3, oxc-parser) and
// packages that locate files beside themselves (piscina's worker) keep working. Entry points:
//   main.js             the CLI (packages/cli/dist/main.js)
//   worker.js           the scan worker thread (core's pipeline/worker.js, found beside the pipeline code)
//   scanner-<id>.js     one per registered scanner, imported by URL by the registry (RAMPART_BUNDLE)
// Dynamic imports (engines, server, database commands) become chunks loaded on first use.
//
//   node packages/cli/scripts/bundle.mjs      (run by `npm run build` after `tsc -b`)
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = join(cli, '..');
const outdir = join(cli, 'dist', 'bundle');
const version = (dir) => JSON.parse(readFileSync(join(packages, dir, 'package.json'), 'utf8')).version;

// The registry's list, read from its compiled module so that the two cannot disagree.
const { SCANNER_REGISTRY } = await import(join(cli, 'dist', 'registry.js'));

/** Keep every bare import but our own packages external. */
const externalDependencies = {
  name: 'external-dependencies',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@rampart/') ? undefined : { path: args.path, external: true },
    );
  },
};

const started = Date.now();
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    main: join(cli, 'dist', 'main.js'),
    worker: join(packages, 'core', 'dist', 'pipeline', 'worker.js'),
    ...Object.fromEntries(
      SCANNER_REGISTRY.map(({ id }) => [`scanner-${id}`, join(packages, 'scanners', id, 'dist', 'index.js')]),
    ),
  },
  outdir,
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
  define: {
    RAMPART_BUNDLE: 'true',
    RAMPART_CLI_VERSION: JSON.stringify(version('cli')),
    RAMPART_SERVER_VERSION: JSON.stringify(version('server')),
  },
});
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
process.stdout.write(
  `bundled the CLI into ${outputs.length} files under packages/cli/dist/bundle (${Date.now() - started} ms)\n`,
);
