#!/usr/bin/env node
// Pipeline-overhead benchmark: `rampart scan` with an empty rule set over a large generated tree.
// Measures walking (.gitignore-aware), reading every file once and the worker pool, with no rule running.
// Compares with ripgrep (a well-tuned walker/reader) when `rg` is installed.
//
// Usage: node bench/walk-bench.mjs [--files 50000] [--runs 3] [--rules none|all]
// The corpus is generated once under bench/.corpus/ (git-ignored) and reused.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const fileCount = Number(opt('files', '50000'));
const runs = Number(opt('runs', '3'));
const rules = opt('rules', 'none');
const corpus = join(here, '.corpus', `tree-${fileCount}`);

function generate() {
  if (existsSync(join(corpus, '.done'))) return;
  console.log(`generating ${fileCount} files in ${corpus} ...`);
  const perDir = 100;
  const body = (i) =>
    `// file ${i}\nimport { helper } from './helper';\n\nexport function handler${i}(input) {\n` +
    `  const value = helper(input, ${i});\n  if (value > ${i % 97}) {\n    return value * 2;\n  }\n` +
    `  return String(value).padStart(8, '0');\n}\n`.repeat(8);
  for (let i = 0; i < fileCount; i++) {
    const dir = join(corpus, `pkg${Math.floor(i / (perDir * 50))}`, `mod${Math.floor(i / perDir) % 50}`);
    if (i % perDir === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `file${i}.js`), body(i));
  }
  // An ignore file at the root, so .gitignore handling is on the measured path.
  writeFileSync(join(corpus, '.gitignore'), 'dist/\n*.log\n');
  writeFileSync(join(corpus, '.done'), '');
}

function time(cmd, argv) {
  const timed = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const result = timed
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${cmd} ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  const rssKb = timed ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, rssMb: rssKb / 1024, stdout: result.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function bench(label, cmd, argv) {
  time(cmd, argv); // warm the page cache
  const samples = Array.from({ length: runs }, () => time(cmd, argv));
  const s = median(samples.map((x) => x.seconds));
  const rss = Math.max(...samples.map((x) => x.rssMb));
  console.log(
    `${label.padEnd(44)} ${s.toFixed(2).padStart(6)} s   ${Number.isNaN(rss) ? '   n/a' : rss.toFixed(0).padStart(5)} MB peak RSS`,
  );
  return { label, seconds: s, rssMb: rss, last: samples.at(-1) };
}

generate();
const rampart = join(repo, 'packages', 'cli', 'bin', 'rampart.js');
const scanArgs = [rampart, 'scan', corpus, '--format', 'json', '--progress', 'never', '--fail-on', 'none'];
if (rules === 'none') scanArgs.push('--exclude-rules', 'secrets/*');
console.log(
  `machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${fileCount} files, median of ${runs}`,
);
const ours = bench(
  `rampart scan (${rules === 'none' ? 'empty rule set' : 'all rules'})`,
  process.execPath,
  scanArgs,
);
const result = JSON.parse(ours.last.stdout);
console.log(
  `  files walked ${result.stats.filesWalked}, scanned ${result.stats.filesScanned}, findings ${result.findings.length}`,
);
let rg;
try {
  execFileSync('rg', ['--version'], { stdio: 'ignore' });
  rg = true;
} catch {
  rg = false;
}
if (rg) {
  bench('ripgrep: rg --files (walk only)', 'rg', ['--files', corpus]);
  bench('ripgrep: rg -c AKIA[0-9A-Z]{16} (walk+read)', 'rg', ['-c', 'AKIA[0-9A-Z]{16}', corpus]);
} else {
  console.log('ripgrep not installed (apt-get install ripgrep) - no peer comparison');
}
