// SCA benchmark (issue 4): index build time from ~200k OSV records, then a full `rampart scan` of a
// 50,000-package package-lock.json and pnpm-lock.yaml against that index. Two databases of 200k records:
// the stress case (half the advisories name lockfile packages: ~12k findings) and the realistic case
// (the shape of the real npm OSV set: 20k GHSA-type records, 5% of their names installed, 180k MAL-
// records on names the lockfile does not have: a few hundred findings). Prints wall time and peak RSS
// (`/usr/bin/time -f %M`) per step, median of N runs. Generate the corpus first:
//   node bench/sca/generate.mjs && node bench/sca/run.mjs [--runs 5] [--case stress|realistic]
// No peer runs here: osv-scanner and Trivy are Go binaries fetched from GitHub (not reachable), and
// `npm audit` needs the registry's audit endpoint.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '..', '.corpus', 'sca');
const bin = join(here, '..', '..', 'packages', 'cli', 'bin', 'rampart.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const only = args.includes('--case') ? args[args.indexOf('--case') + 1] : undefined;
const cases = [
  { name: 'stress', file: 'advisories.jsonl' },
  { name: 'realistic', file: 'advisories-realistic.jsonl' },
].filter((c) => only === undefined || c.name === only);
if (cases.some((c) => !existsSync(join(corpus, c.file)))) {
  console.error('no corpus: run `node bench/sca/generate.mjs` first');
  process.exit(2);
}

/** Run a command under /usr/bin/time; returns seconds and peak RSS in MB. */
function timed(argv) {
  const started = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssKb = Number(res.stderr.trim().split('\n').pop());
  return { seconds, rssMb: rssKb / 1024, code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function report(label, samples, extra = '') {
  console.log(
    `${label.padEnd(52)} ${median(samples.map((s) => s.seconds))
      .toFixed(2)
      .padStart(6)} s  ` +
      `${median(samples.map((s) => s.rssMb))
        .toFixed(0)
        .padStart(5)} MB${extra}`,
  );
}

const work = mkdtempSync(join(tmpdir(), 'rampart-sca-bench-'));
try {
  for (const benchCase of cases) {
    const db = join(work, `${benchCase.name}.db`);
    const imports = [];
    for (let i = 0; i < runs; i++) {
      rmSync(db, { force: true });
      const r = timed([process.execPath, bin, 'db', 'import', join(corpus, benchCase.file), '--db', db]);
      if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`);
      imports.push(r);
    }
    const size = Number(execFileSync('stat', ['-c', '%s', db], { encoding: 'utf8' })) / 1e6;
    report(
      `[${benchCase.name}] db import (index build from JSONL)`,
      imports,
      `  (${imports[0].stdout.trim().split(';')[0]}; ${size.toFixed(0)} MB file)`,
    );

    for (const [label, dir] of [
      ['scan package-lock.json (50k packages)', 'project'],
      ['scan pnpm-lock.yaml (50k packages)', 'pnpm'],
    ]) {
      const samples = [];
      for (let i = 0; i < runs + 1; i++) {
        const r = timed([
          process.execPath,
          bin,
          'scan',
          join(corpus, dir),
          '--scanners',
          'sca',
          '--db',
          db,
          '--format',
          'json',
          '--fail-on',
          'none',
          '--progress',
          'never',
        ]);
        if (r.code !== 0) throw new Error(`scan failed (${r.code}): ${r.stderr.slice(0, 2000)}`);
        if (i > 0) samples.push(r); // the first run warms the page cache
        if (i === runs) {
          const findings = JSON.parse(r.stdout).findings.length;
          report(`[${benchCase.name}] ${label}`, samples, `  (${findings} findings)`);
        }
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
