#!/usr/bin/env node
// Secrets scanner speed: working-tree throughput against secretlint 13 on the same files, a full history
// scan against `git log -p` alone on the same repository, and the pre-commit hook on a typical change.
//
//   node bench/secrets/throughput.mjs [--runs 3] [--skip-secretlint]
//
// Corpora (git-ignored, under bench/.corpus/): a copy of this repository's node_modules (real
// JavaScript, TypeScript, JSON and docs from the npm registry; `node_modules` folders renamed so they
// are not skipped as vendored), and a git repository whose commits are successive published versions
// of a package (real diffs). Peers are installed under bench/.peers/ (secretlint 13 needs Node 22+, so
// it runs on the registry's node@24 package).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
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

function timed(cmd, argv, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...options,
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

function historyRepo() {
  const dir = join(corpora, 'secrets-history');
  if (existsSync(join(dir, '.git', 'rampart-done'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pkg = 'eslint';
  const versions = JSON.parse(sh('npm', ['view', pkg, 'versions', '--json']))
    .filter((v) => /^(8|9)\.\d+\.\d+$/.test(v))
    .slice(-40);
  console.log(
    `building a history of ${versions.length} ${pkg} versions in bench/.corpus/secrets-history ...`,
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
const row = (label, seconds, extra = '') =>
  console.log(`${label.padEnd(58)} ${seconds.toFixed(2).padStart(7)} s ${extra}`);

console.log(
  `machine: ${cpus().length} cores, node ${process.version}; median of ${runs} runs after one warm-up\n`,
);

// 1. Working tree.
const tree = workingTree();
const size = textBytes(tree);
console.log(
  `working tree: ${size.files} files, ${mb(size.bytes).toFixed(0)} MB (bench/.corpus/secrets-tree)`,
);
const ours = measure(process.execPath, [
  rampart,
  'scan',
  tree,
  '--scanners',
  'secrets',
  '--format',
  'json',
  '--fail-on',
  'none',
  '--progress',
  'never',
]);
const ourFindings = JSON.parse(ours.last.stdout).findings.length;
row(
  'rampart scan (secrets, 2 threads)',
  ours.seconds,
  `${(mb(size.bytes) / ours.seconds).toFixed(0).padStart(5)} MB/s  ${ours.rssMb.toFixed(0)} MB RSS  ${ourFindings} findings`,
);
if (!skipSecretlint) {
  const { node24, cli } = secretlintNode();
  writeFileSync(
    join(tree, '.secretlintrc.json'),
    JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
  );
  const theirs = measure(
    node24,
    [cli, '**/*', '--format', 'json', '--no-color', '--secretlintrc', join(tree, '.secretlintrc.json')],
    { cwd: tree, env: { ...process.env, NODE_PATH: join(peers, 'node_modules') } },
  );
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
  console.log(`  rampart is ${(theirs.seconds / ours.seconds).toFixed(1)}x faster`);
}

// 2. History.
const history = historyRepo();
const commits = sh('git', ['rev-list', '--all', '--count'], { cwd: history }).trim();
const gitLog = measure(
  'sh',
  ['-c', 'git log -p --all --no-color --no-ext-diff --no-textconv -M --unified=0 > /dev/null'],
  { cwd: history },
);
row(`git log -p --all -U0 alone (${commits} commits)`, gitLog.seconds);
const ourHistory = measure(process.execPath, [
  rampart,
  'scan',
  history,
  '--history',
  '--scanners',
  'secrets',
  '--format',
  'json',
  '--fail-on',
  'none',
  '--progress',
  'never',
]);
row(
  'rampart scan --history',
  ourHistory.seconds,
  `${(ourHistory.seconds / gitLog.seconds).toFixed(2)}x git log -p; ${JSON.parse(ourHistory.last.stdout).findings.length} findings`,
);

// 3. Pre-commit hook on a typical staged change (3 files edited).
const hookRepo = join(corpora, 'secrets-hook');
rmSync(hookRepo, { recursive: true, force: true });
sh('git', ['clone', '-q', history, hookRepo]);
for (const f of ['package.json', 'README.md', 'lib/api.js']) {
  const p = join(hookRepo, f);
  if (existsSync(p)) writeFileSync(p, `${sh('cat', [p])}\n// edited for the hook benchmark\n`);
}
sh('git', ['add', '-A'], { cwd: hookRepo });
const hook = measure(process.execPath, [rampart, 'scan', '--staged', '--progress', 'never'], {
  cwd: hookRepo,
});
row('rampart scan --staged (pre-commit hook, 3 files)', hook.seconds);
const bare = measure(process.execPath, ['-e', '0']);
row('  for scale: node -e 0', bare.seconds);
