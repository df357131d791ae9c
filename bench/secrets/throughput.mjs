#!/usr/bin/env node
// Secrets scanner speed: working-tree throughput against secretlint 13 on the same files, a full history
// scan against `git log -p` alone on the same repository, and the pre-commit hook on a typical change.
//
//   node bench/secrets/throughput.mjs [--runs 3] [--skip-secretlint]
//
// Corpora (git-ignored, under bench/.corpus/): `npm-tree`, the pinned dependencies of a typical web
// application (about 209 MB in 34k files, the shape of the tree issue 3 measured secretlint on); a copy
// of this repository's node_modules (real
// JavaScript, TypeScript, JSON and docs from the npm registry; `node_modules` folders renamed so they
// are not skipped as vendored), and a git repository whose commits are successive published versions
// of a package (real diffs). Peers are installed under bench/.peers/ (secretlint 13 needs Node 22+, so
// it runs on the registry's node@24 package).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const corpora = join(repo, 'bench', '.corpus');
const peers = join(repo, 'bench', '.peers');
const rampart = join(repo, 'packages', 'cli', 'bin', 'rampart.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const skipSecretlint = args.includes('--skip-secretlint');

function sh(cmd, argv, options = {}) {
  return execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
}

// NODE_EXTRA_CA_CERTS: Node 20 reads and parses the whole file when the process starts (Node 22 and later
// when TLS first needs it). Some machines point it at the system's full bundle (this benchmark's host:
// 144 certificates, ~90 ms of every Node 20 start), which would count against rampart (Node 20) and not
// against secretlint (Node 24). No measured command uses TLS, so they run without it; the hook is also
// measured with it (`withCaCerts`), and the start-up cost is printed.
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
const withoutCaCerts = (env) => {
  const { NODE_EXTRA_CA_CERTS: _dropped, ...rest } = env;
  return rest;
};

function timed(cmd, argv, options = {}) {
  const { withCaCerts = false, ...spawnOptions } = options;
  const env = spawnOptions.env ?? process.env;
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...spawnOptions,
    env: withCaCerts ? env : withoutCaCerts(env),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssMb = Number(result.stderr.trim().split('\n').pop()) / 1024;
  return { seconds, rssMb, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(cmd, argv, options = {}) {
  timed(cmd, argv, options); // warm-up
  const samples = Array.from({ length: runs }, () => timed(cmd, argv, options));
  return {
    seconds: median(samples.map((x) => x.seconds)),
    rssMb: Math.max(...samples.map((x) => x.rssMb)),
    last: samples.at(-1),
  };
}

/**
 * Commands measured in alternation (a, b, c, a, b, c, ...) after one warm-up each, so that a change in
 * the shared host's load during the run hits them all: ratios are the medians of per-round ratios.
 */
function measureRounds(commands) {
  for (const c of commands) timed(...c);
  const rounds = Array.from({ length: runs }, () => commands.map((c) => timed(...c)));
  const summary = (samples) => ({
    seconds: median(samples.map((x) => x.seconds)),
    rssMb: Math.max(...samples.map((x) => x.rssMb)),
    last: samples.at(-1),
  });
  return {
    results: commands.map((_, i) => summary(rounds.map((r) => r[i]))),
    /** Per-round ratios of command `j`'s time to command `i`'s. */
    ratios: (i, j) => rounds.map((r) => r[j].seconds / r[i].seconds),
  };
}

function textBytes(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') walk(p);
      } else if (e.isFile()) {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

function renameNodeModules(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    let p = join(dir, e.name);
    if (e.name === 'node_modules') {
      const renamed = join(dir, 'deps');
      renameSync(p, renamed);
      p = renamed;
    }
    renameNodeModules(p);
  }
}

function workingTree() {
  const tree = join(corpora, 'secrets-tree');
  if (!existsSync(join(tree, '.done'))) {
    rmSync(tree, { recursive: true, force: true });
    console.log('copying node_modules into bench/.corpus/secrets-tree ...');
    cpSync(join(repo, 'node_modules'), join(tree, 'deps'), {
      recursive: true,
      dereference: false,
      verbatimSymlinks: true,
    });
    renameNodeModules(tree);
    writeFileSync(join(tree, '.done'), '');
  }
  return tree;
}

/**
 * A tree shaped like the one issue 3 measured secretlint on (about 230 MB in 38k files): the
 * installed dependencies of a typical web application, pinned, without native binaries (skipped by
 * both tools as binary) and source maps (which rampart skips by default and secretlint would read).
 */
const NPM_TREE_PACKAGES = [
  '@babel/core@7.29.16',
  '@babel/preset-env@7.29.14',
  '@mui/material@9.6.0',
  'core-js@3.51.0',
  'date-fns@4.4.0',
  'eslint@10.16.0',
  'express@5.3.0',
  'jest@30.5.2',
  'lodash@4.18.1',
  'moment@2.31.0',
  'next@16.4.6',
  'react@19.3.1',
  'react-dom@19.3.1',
  'rxjs@7.8.2',
  'typescript@7.0.2',
  'webpack@5.113.0',
];

function npmTree() {
  const tree = join(corpora, 'npm-tree');
  if (existsSync(join(tree, '.done'))) return tree;
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  console.log(`installing ${NPM_TREE_PACKAGES.length} packages into bench/.corpus/npm-tree ...`);
  writeFileSync(join(tree, 'package.json'), '{"private":true}\n');
  sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--silent', ...NPM_TREE_PACKAGES], {
    cwd: tree,
  });
  const prune = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) prune(p);
      else if (e.isFile() && (/\.(?:map|node|so(?:\.\d+)*)$/.test(e.name) || statSync(p).size > 20e6))
        rmSync(p);
    }
  };
  prune(join(tree, 'node_modules'));
  rmSync(join(tree, 'package.json'));
  rmSync(join(tree, 'package-lock.json'), { force: true });
  renameNodeModules(tree);
  writeFileSync(join(tree, '.done'), '');
  return tree;
}

/** A git repository whose commits are successive published versions of a package (real diffs). */
function historyRepo(count) {
  const dir = join(corpora, `secrets-history-${count}`);
  if (existsSync(join(dir, '.git', 'rampart-done'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pkg = 'eslint';
  const versions = JSON.parse(sh('npm', ['view', pkg, 'versions', '--json']))
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .slice(-count);
  console.log(
    `building a history of ${versions.length} ${pkg} versions in bench/.corpus/secrets-history-${count} ...`,
  );
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  sh('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const tarballs = join(corpora, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  for (const version of versions) {
    const file = sh('npm', ['pack', `${pkg}@${version}`, '--pack-destination', tarballs, '--silent'], {
      cwd: tarballs,
    })
      .trim()
      .split('\n')
      .pop();
    for (const e of readdirSync(dir))
      if (e !== '.git') rmSync(join(dir, e), { recursive: true, force: true });
    sh('tar', ['-xzf', join(tarballs, file), '-C', dir, '--strip-components=1']);
    sh('git', ['add', '-A'], { cwd: dir, env });
    sh('git', ['commit', '-q', '--allow-empty', '-m', `${pkg} ${version}`], { cwd: dir, env });
  }
  writeFileSync(join(dir, '.git', 'rampart-done'), '');
  return dir;
}

function secretlintNode() {
  const node24 = join(peers, 'node_modules', '.bin', 'node');
  const cli = join(peers, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  if (!existsSync(node24) || !existsSync(cli)) {
    console.log('installing secretlint@13, its recommended preset and node@24 into bench/.peers ...');
    mkdirSync(peers, { recursive: true });
    sh('npm', [
      'install',
      '--prefix',
      peers,
      '--no-audit',
      '--no-fund',
      '--silent',
      'node@24',
      'secretlint@13',
      '@secretlint/secretlint-rule-preset-recommend@13',
    ]);
  }
  return { node24, cli };
}

const mb = (bytes) => bytes / 1e6;
/** `rampart scan` of `dir` with the secrets scanner only, JSON out, no gate and no progress line. */
const scanArgs = (dir, ...extra) => [
  rampart,
  'scan',
  dir,
  ...extra,
  ...['--scanners', 'secrets', '--format', 'json', '--fail-on', 'none', '--progress', 'never'],
];
const row = (label, seconds, extra = '') =>
  console.log(`${label.padEnd(58)} ${seconds.toFixed(2).padStart(7)} s ${extra}`);

console.log(
  `machine: ${cpus().length} cores, node ${process.version}; median of ${runs} runs after one warm-up (rampart and secretlint alternate)\n`,
);
if (extraCaCerts)
  console.log(
    `NODE_EXTRA_CA_CERTS is set (${extraCaCerts}): the measured commands run without it (Node 20 would read it at every start; see the hook rows)\n`,
  );

// 1. Working trees.
const trees = [
  { label: 'npm-tree', dir: npmTree() },
  { label: 'secrets-tree', dir: workingTree() },
];
for (const { label, dir: tree } of trees) {
  const size = textBytes(tree);
  console.log(
    `\nworking tree: ${size.files} files, ${mb(size.bytes).toFixed(0)} MB (bench/.corpus/${label})`,
  );
  const ourCommand = [process.execPath, scanArgs(tree)];
  let ours;
  let theirs;
  let ours24;
  let ratios;
  let ratios24;
  const { node24, cli } = skipSecretlint ? {} : secretlintNode();
  if (skipSecretlint) ours = measure(...ourCommand);
  else {
    const rc = join(corpora, `${label}.secretlintrc.json`);
    writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const theirCommand = [
      node24,
      [cli, '**/*', '--format', 'json', '--no-color', '--secretlintrc', rc],
      { cwd: tree, env: { ...process.env, NODE_PATH: join(peers, 'node_modules') } },
    ];
    // rampart also on secretlint's runtime (the registry's Node 24), for a same-runtime comparison.
    const ours24Command = [node24, scanArgs(tree)];
    const measured = measureRounds([ourCommand, theirCommand, ours24Command]);
    [ours, theirs, ours24] = measured.results;
    ratios = measured.ratios(0, 1);
    ratios24 = measured.ratios(2, 1);
  }
  const ourFindings = JSON.parse(ours.last.stdout).findings.length;
  row(
    'rampart scan (secrets, 2 threads)',
    ours.seconds,
    `${(mb(size.bytes) / ours.seconds).toFixed(0).padStart(5)} MB/s  ${ours.rssMb.toFixed(0)} MB RSS  ${ourFindings} findings`,
  );
  if (skipSecretlint) continue;
  let theirFindings;
  try {
    theirFindings = JSON.parse(theirs.last.stdout).reduce((n, r) => n + r.messages.length, 0);
  } catch {
    theirFindings = `exit ${theirs.last.status}`;
  }
  row(
    'secretlint 13 + preset-recommend (node 24)',
    theirs.seconds,
    `${(mb(size.bytes) / theirs.seconds).toFixed(0).padStart(5)} MB/s  ${theirs.rssMb.toFixed(0)} MB RSS  ${theirFindings} findings`,
  );
  console.log(
    `  rampart is ${median(ratios).toFixed(1)}x faster (median of ${runs} alternating rounds: ${ratios
      .map((r) => r.toFixed(1))
      .join(', ')})`,
  );
  row(
    'rampart on node 24 (the same runtime as secretlint)',
    ours24.seconds,
    `${(mb(size.bytes) / ours24.seconds).toFixed(0).padStart(5)} MB/s  ${ours24.rssMb.toFixed(0)} MB RSS`,
  );
  console.log(
    `  rampart on node 24 is ${median(ratios24).toFixed(1)}x faster (rounds: ${ratios24
      .map((r) => r.toFixed(1))
      .join(', ')})`,
  );
}

/**
 * A generated repository with many small commits, like a real project's history: a base of 400 real
 * source files from npm-tree, then 4,000 commits that each rewrite a few lines in three files with
 * lines taken from other files (deterministic: a fixed-seed generator), written with git fast-import.
 */
function generatedHistory(tree) {
  const dir = join(corpora, 'secrets-history-generated');
  if (existsSync(join(dir, '.git', 'rampart-done'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log('generating a history of 4,000 commits in bench/.corpus/secrets-history-generated ...');
  const sources = [];
  const collect = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (sources.length >= 400) return;
      const p = join(d, e.name);
      if (e.isDirectory()) collect(p);
      else if (/\.(?:js|ts|json|md)$/.test(e.name) && statSync(p).size < 60_000)
        sources.push({ path: p.slice(tree.length + 1), lines: readFileSync(p, 'utf8').split('\n') });
    }
  };
  collect(tree);
  let seed = 42;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const chunks = [];
  const blob = (text) => {
    const data = Buffer.from(text, 'utf8');
    chunks.push(Buffer.from(`data ${data.length}\n`), data, Buffer.from('\n'));
  };
  let when = 1_600_000_000;
  const commit = (message, files) => {
    when += 3600;
    chunks.push(
      Buffer.from(
        `commit refs/heads/main\nauthor Bench <bench@example.com> ${when} +0000\n` +
          `committer Bench <bench@example.com> ${when} +0000\n`,
      ),
    );
    blob(message);
    for (const f of files) {
      chunks.push(Buffer.from(`M 100644 inline ${f.path}\n`));
      blob(f.lines.join('\n'));
    }
  };
  commit('import', sources);
  for (let i = 1; i <= 4000; i++) {
    const changed = [];
    for (let k = 0; k < 3; k++) {
      const file = sources[random(sources.length)];
      const donor = sources[random(sources.length)];
      const at = random(Math.max(1, file.lines.length - 10));
      const from = random(Math.max(1, donor.lines.length - 15));
      file.lines.splice(at, random(10), ...donor.lines.slice(from, from + 1 + random(15)));
      changed.push(file);
    }
    commit(`change ${i}`, changed);
  }
  sh('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: Buffer.concat(chunks) });
  sh('git', ['checkout', '-q', 'main'], { cwd: dir });
  writeFileSync(join(dir, '.git', 'rampart-done'), '');
  return dir;
}

// 2. History: small repositories, where process start-up weighs most, and one with many commits.
console.log('');

for (const count of [40, 150, 'generated']) {
  const history = count === 'generated' ? generatedHistory(trees[0].dir) : historyRepo(count);
  const commits = sh('git', ['rev-list', '--all', '--count'], { cwd: history }).trim();
  const diffBytes = spawnSync(
    'sh',
    ['-c', 'git log -p --all --no-color --no-ext-diff --no-textconv -M --unified=0 | wc -c'],
    { cwd: history, encoding: 'utf8' },
  ).stdout.trim();
  const gitLog = measure(
    'sh',
    ['-c', 'git log -p --all --no-color --no-ext-diff --no-textconv -M --unified=0 > /dev/null'],
    { cwd: history },
  );
  row(
    `git log -p --all -U0 alone (${commits} commits, ${(Number(diffBytes) / 1e6).toFixed(0)} MB of diff)`,
    gitLog.seconds,
  );
  const ourHistory = measure(process.execPath, scanArgs(history, '--history'));
  row(
    'rampart scan --history',
    ourHistory.seconds,
    `${(ourHistory.seconds / gitLog.seconds).toFixed(2)}x git log -p; ${JSON.parse(ourHistory.last.stdout).findings.length} findings; ${ourHistory.rssMb.toFixed(0)} MB RSS`,
  );
}

// 3. Pre-commit hook on a typical staged change (3 files edited), in a clone of the larger history.
const hookRepo = join(corpora, 'secrets-hook');
rmSync(hookRepo, { recursive: true, force: true });
sh('git', ['clone', '-q', historyRepo(150), hookRepo]);
for (const f of ['package.json', 'README.md', 'lib/api.js']) {
  const p = join(hookRepo, f);
  if (existsSync(p)) writeFileSync(p, `${sh('cat', [p])}\n// edited for the hook benchmark\n`);
}
sh('git', ['add', '-A'], { cwd: hookRepo });
const hook = measure(process.execPath, [rampart, 'scan', '--staged', '--progress', 'never'], {
  cwd: hookRepo,
});
row('rampart scan --staged (pre-commit hook, 3 files)', hook.seconds);
// The same with the rampart.yml that `rampart init` writes (not staged), as in a project that has one.
sh(process.execPath, [rampart, 'init'], { cwd: hookRepo });
const hookWithConfig = measure(process.execPath, [rampart, 'scan', '--staged', '--progress', 'never'], {
  cwd: hookRepo,
});
row('  the same with a rampart.yml', hookWithConfig.seconds);
const bare = measure(process.execPath, ['-e', '0']);
row('  for scale: node -e 0', bare.seconds);
if (extraCaCerts) {
  // The hook as this environment runs it, and what NODE_EXTRA_CA_CERTS costs Node's start here.
  const hookAsIs = measure(process.execPath, [rampart, 'scan', '--staged', '--progress', 'never'], {
    cwd: hookRepo,
    withCaCerts: true,
  });
  row("  the hook with this environment's NODE_EXTRA_CA_CERTS", hookAsIs.seconds);
  const bareAsIs = measure(process.execPath, ['-e', '0'], { withCaCerts: true });
  row(`  node -e 0 with NODE_EXTRA_CA_CERTS=${extraCaCerts}`, bareAsIs.seconds);
}
