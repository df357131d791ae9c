#!/usr/bin/env node
// Server load benchmark (issue 7): "ingest of 100k findings (goal < 10 s on SQLite and PostgreSQL),
// finding-list queries at 1M stored findings (goal p95 < 100 ms)".
//
//   npx tsc -b && node bench/server/run.mjs [--runs 3] [--requests 1000] [--concurrency 8]
//                                            [--seconds 20] [--walk-seconds 60]
//                                            [--only ingest|query] [--backend sqlite|postgres] [--refill]
//   RAMPART_BENCH_DATABASE_URL=postgres://127.0.0.1:54331/bench node bench/server/run.mjs   (adds PostgreSQL)
//
// Everything goes through the real binary over loopback: `rampart server --host 127.0.0.1 --port 0` runs
// as a child process, `rampart server create-token` makes its tokens, and requests are plain HTTP/1.1
// with keep-alive from this process. No network beyond 127.0.0.1; every loop is bounded by a count.
//
// 1. Ingest: one upload (a gzip-compressed envelope holding a native Rampart result of 100,000 findings)
//    to a fresh store per run: wall time from the first byte sent to the response, and the server's
//    peak RSS (VmHWM from /proc/<pid>/status, which covers start-up and that one upload).
// 2. Queries: a store holding 1,000,000 findings in one project (10 partial uploads of 100,000 distinct
//    findings), then GET /api/v1/projects/:p/findings?limit=50 with several filters and with cursors
//    taken from a walk over the pages (limit=1000, stopped after --walk-seconds): p50/p95/p99 latency and
//    requests/s at --concurrency requests in flight; each run stops after --requests or --seconds. The filled SQLite data directory is kept in bench/.corpus/server/ (git-ignored) so reruns
//    skip the fill; PostgreSQL is refilled every time.
//
// The PostgreSQL database named by RAMPART_BENCH_DATABASE_URL (or RAMPART_TEST_DATABASE_URL) must be a
// throwaway one: its `public` schema is dropped and recreated.
//
// The load generator shares the machine's cores with the server: on a 2-core machine, figures include
// that contention. Figures are medians of --runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { clearTimeout, setTimeout } from 'node:timers';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const bin = join(repo, 'packages', 'cli', 'bin', 'rampart.js');
const corpusRoot = join(repo, 'bench', '.corpus', 'server');
/** Bump when the generated findings change, so that a cached store is refilled. */
const GENERATOR_VERSION = 1;
const FINDINGS_PER_UPLOAD = 100_000;
const UPLOADS = 10;
const INGEST_GOAL_S = 10;
const P95_GOAL_MS = 100;

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', '3'));
const requests = Number(option('--requests', '1000'));
/** Each query run also stops after this many seconds, so a slow plan cannot make the run endless. */
const maxSeconds = Number(option('--seconds', '20'));
const walkSeconds = Number(option('--walk-seconds', '60'));
const concurrency = Number(option('--concurrency', '8'));
const only = option('--only', undefined);
const onlyBackend = option('--backend', undefined);
const refill = args.includes('--refill');
const databaseUrl = process.env.RAMPART_BENCH_DATABASE_URL ?? process.env.RAMPART_TEST_DATABASE_URL ?? '';

if (!existsSync(join(repo, 'packages', 'server', 'dist', 'index.js'))) {
  console.error('not built: run `npx tsc -b` first');
  process.exit(2);
}

// ---- deterministic findings ----

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RULES = {
  secrets: ['aws-access-key', 'generic-api-key', 'github-token', 'private-key', 'slack-webhook'],
  sast: ['sql-injection', 'xss', 'path-traversal', 'command-injection', 'open-redirect', 'weak-hash'],
  sca: ['vulnerable-dependency', 'malicious-package'],
  iac: ['s3-public-read', 'sg-open-ingress', 'unencrypted-volume', 'missing-logging'],
};
const SCANNERS = Object.keys(RULES);
/** One finding in a thousand uses this rule: a selective filter whose matches are spread thinly. */
const RARE_RULE = 'sast/ldap-injection';
const CWE = { secrets: 'CWE-798', sast: 'CWE-89', sca: 'CWE-1395', iac: 'CWE-732' };

function severityOf(r) {
  if (r < 0.02) return 'critical';
  if (r < 0.2) return 'high';
  if (r < 0.6) return 'medium';
  if (r < 0.9) return 'low';
  return 'info';
}

/** A native result of `count` findings; `batch` makes the fingerprints distinct across uploads. */
function nativeResult(batch, count) {
  const rnd = mulberry32(0x5eed + batch);
  const findings = [];
  for (let i = 0; i < count; i++) {
    const scanner = SCANNERS[Math.floor(rnd() * SCANNERS.length)];
    const rules = RULES[scanner];
    const ruleId = rnd() < 0.001 ? RARE_RULE : `${scanner}/${rules[Math.floor(rnd() * rules.length)]}`;
    const line = 1 + Math.floor(rnd() * 2000);
    const service = Math.floor(rnd() * 40);
    findings.push({
      ruleId,
      scanner: ruleId === RARE_RULE ? 'sast' : scanner,
      severity: severityOf(rnd()),
      message: `Finding ${batch}-${i}: ${ruleId} in service ${service}`,
      location: {
        path: `services/svc-${String(service).padStart(2, '0')}/src/mod-${Math.floor(rnd() * 50)}/file-${Math.floor(rnd() * 200)}.ts`,
        startLine: line,
        startColumn: 5,
        endLine: line,
        endColumn: 40,
        snippet: 'const value = "****";',
      },
      cwe: [CWE[scanner]],
      fingerprint: (batch * 0x1000000 + i).toString(16).padStart(32, '0'),
    });
  }
  return {
    $schema: 'https://rampart.dev/schemas/result-1.json',
    schemaVersion: '1.0.0',
    tool: { name: 'rampart', version: '0.1.0' },
    scanners: SCANNERS.map((id) => ({ id, version: '0.1.0', rules: RULES[id].length })),
    rules: [],
    findings,
    suppressed: [],
    diagnostics: [],
    stats: {
      filesWalked: 8000,
      filesScanned: 8000,
      skipped: { binary: 0, vendored: 0, minified: 0, generated: 0, 'too-large': 0, unreadable: 0 },
    },
    policy: { passed: false, reasons: ['bench'], failOn: 'high' },
  };
}

/** The gzip-compressed upload envelope of one batch. */
function uploadBody(batch, kind) {
  const envelope = {
    branch: 'main',
    commit: batch.toString(16).padStart(40, 'c'),
    kind,
    report: nativeResult(batch, FINDINGS_PER_UPLOAD),
  };
  const json = Buffer.from(JSON.stringify(envelope));
  return { raw: json.length, gzip: gzipSync(json, { level: 6 }) };
}

// ---- the server as a child process ----

function rampart(argv, env) {
  const res = spawnSync(process.execPath, [bin, ...argv], { env, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`rampart ${argv.join(' ')} failed (${res.status}): ${res.stderr}`);
  return res.stdout.trim();
}

function backendEnv(backend) {
  const env = { ...process.env, RAMPART_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (backend === 'postgres') env.DATABASE_URL = databaseUrl;
  return env;
}

function createToken(backend, dataDir, project, scope) {
  return rampart(
    [
      'server',
      'create-token',
      '--name',
      `bench-${scope}`,
      '--project',
      project,
      '--scope',
      scope,
      '--expires-in-days',
      '1',
      '--data-dir',
      dataDir,
    ],
    backendEnv(backend),
  );
}

/** Start `rampart server --port 0`; resolves with its pid, base URL and a stop function. */
function startServer(backend, dataDir) {
  const env = { ...backendEnv(backend), RAMPART_LOG_LEVEL: 'info' };
  const child = spawn(
    process.execPath,
    [bin, 'server', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let entry;
        try {
          entry = JSON.parse(line);
        } catch {
          continue;
        }
        if (entry.event === 'started') {
          clearTimeout(timer);
          resolve({
            pid: child.pid,
            base: entry.address,
            peakRssMb: () => peakRssMb(child.pid),
            async stop() {
              child.kill('SIGTERM');
              const code = await exited;
              if (code !== 0) throw new Error(`server exited ${code}: ${stderr}`);
            },
          });
        }
      }
    });
    exited.then((code) => reject(new Error(`server exited ${code} before starting: ${stderr}`)));
  });
}

function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function resetPostgres() {
  const pg = createRequire(join(repo, 'packages', 'server', 'package.json'))('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('drop schema if exists public cascade; create schema public');
  await client.end();
}

// ---- HTTP ----

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function upload(base, token, project, body) {
  const started = performance.now();
  const res = await request(`${base}/api/v1/projects/${encodeURIComponent(project)}/scans`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': body.length,
    },
    body,
  });
  const seconds = (performance.now() - started) / 1000;
  if (res.status !== 201) throw new Error(`upload: HTTP ${res.status} ${res.body.slice(0, 500)}`);
  return { seconds, result: JSON.parse(res.body) };
}

/** Up to `total` GETs of `urlOf(i)` (stopping after `seconds`), `concurrency` in flight; latencies in ms. */
async function load(urlOf, token, total, seconds = maxSeconds) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  async function worker() {
    while (next < total && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      const res = await request(urlOf(i), { headers: { authorization: `Bearer ${token}` } });
      latencies[i] = performance.now() - t0;
      if (res.status !== 200) {
        failures++;
        if (failures === 1) console.error(`  HTTP ${res.status}: ${res.body.slice(0, 300)}`);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.filter((x) => x !== undefined).sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return {
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    rps: sorted.length / elapsed,
    done: sorted.length,
    failures,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const row = (...cells) => {
  rows.push(cells);
  console.log(cells.join(' | '));
};

// ---- 1. ingest ----

async function benchIngest(backend, body) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'rampart-server-bench-'));
    try {
      if (backend === 'postgres') await resetPostgres();
      const token = createToken(backend, dataDir, 'bench/ingest', 'ingest');
      const server = await startServer(backend, dataDir);
      try {
        const { seconds, result } = await upload(server.base, token, 'bench/ingest', body.gzip);
        if (result.created !== FINDINGS_PER_UPLOAD) throw new Error(`created ${result.created}`);
        samples.push({ seconds, rss: server.peakRssMb() });
        console.error(
          `  [${backend}] ingest run ${run + 1}: ${seconds.toFixed(2)} s, ${samples.at(-1).rss.toFixed(0)} MB`,
        );
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const s = median(samples.map((x) => x.seconds));
  row(
    `| ${backend} | ingest 100k findings, one gzip upload (${(body.gzip.length / 1e6).toFixed(1)} MB gzip, ${(body.raw / 1e6).toFixed(1)} MB JSON)`,
    `${s.toFixed(2)} s`,
    `peak RSS ${median(samples.map((x) => x.rss)).toFixed(0)} MB`,
    `min ${Math.min(...samples.map((x) => x.seconds)).toFixed(2)} / max ${Math.max(...samples.map((x) => x.seconds)).toFixed(2)} s`,
    `${s < INGEST_GOAL_S ? 'meets' : 'MISSES'} < ${INGEST_GOAL_S} s |`,
  );
}

// ---- 2. queries at 1M findings ----

const QUERY_PROJECT = 'bench/query';

async function fill(backend, dataDir) {
  const token = createToken(backend, dataDir, QUERY_PROJECT, 'ingest');
  const server = await startServer(backend, dataDir);
  const times = [];
  try {
    for (let batch = 1; batch <= UPLOADS; batch++) {
      const body = uploadBody(batch, 'partial');
      const { seconds, result } = await upload(server.base, token, QUERY_PROJECT, body.gzip);
      if (result.created !== FINDINGS_PER_UPLOAD) throw new Error(`created ${result.created}`);
      times.push(seconds);
      console.error(`  [${backend}] fill upload ${batch}/${UPLOADS}: ${seconds.toFixed(2)} s`);
    }
    times.peakRss = server.peakRssMb();
  } finally {
    await server.stop();
  }
  return times;
}

async function benchQueries(backend) {
  let dataDir;
  let fillTimes;
  if (backend === 'sqlite') {
    dataDir = join(corpusRoot, `sqlite-v${GENERATOR_VERSION}`);
    const marker = join(dataDir, 'bench-filled.json');
    if (refill || !existsSync(marker)) {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
      fillTimes = await fill(backend, dataDir);
      writeFileSync(
        marker,
        JSON.stringify({ findings: UPLOADS * FINDINGS_PER_UPLOAD, fillSeconds: fillTimes }),
      );
    } else {
      console.error(`  [sqlite] reusing the filled store in ${dataDir} (--refill to rebuild)`);
    }
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'rampart-server-bench-'));
    await resetPostgres();
    fillTimes = await fill(backend, dataDir);
  }
  if (fillTimes) {
    row(
      `| ${backend} | fill: ${UPLOADS} uploads of 100k into one project (upload 1 / upload ${UPLOADS}, into 0.9M)`,
      `${fillTimes.reduce((a, b) => a + b, 0).toFixed(1)} s total`,
      `peak RSS ${fillTimes.peakRss.toFixed(0)} MB`,
      `${fillTimes[0].toFixed(2)} s / ${fillTimes.at(-1).toFixed(2)} s`,
      `${fillTimes.at(-1) < INGEST_GOAL_S ? 'meets' : 'MISSES'} < ${INGEST_GOAL_S} s |`,
    );
  }

  const token = createToken(backend, dataDir, QUERY_PROJECT, 'read');
  const server = await startServer(backend, dataDir);
  try {
    const list = `${server.base}/api/v1/projects/${encodeURIComponent(QUERY_PROJECT)}/findings`;
    // Walk every page (limit 1000) once: checks the count and collects cursors at every depth.
    const cursors = [];
    let cursor;
    let count = 0;
    const walkStart = performance.now();
    let complete = false;
    for (let page = 0; page < 2000 && performance.now() - walkStart < walkSeconds * 1000; page++) {
      const res = await request(`${list}?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`walk: HTTP ${res.status} ${res.body.slice(0, 300)}`);
      const json = JSON.parse(res.body);
      count += json.items.length;
      if (json.nextCursor === null) {
        complete = true;
        break;
      }
      cursor = json.nextCursor;
      cursors.push(cursor);
    }
    const walked = (performance.now() - walkStart) / 1000;
    const pages = Math.ceil(count / 1000);
    if (complete && count !== UPLOADS * FINDINGS_PER_UPLOAD)
      throw new Error(
        `the store holds ${count} findings in ${QUERY_PROJECT}, expected ${UPLOADS * FINDINGS_PER_UPLOAD}: rerun with --refill`,
      );
    row(
      `| ${backend} | walk the findings, limit=1000, one request at a time`,
      complete
        ? `all ${count.toLocaleString('en')} in ${walked.toFixed(1)} s`
        : `stopped after ${walked.toFixed(0)} s at ${count.toLocaleString('en')} (cursors below come from this depth)`,
      `${((walked * 1000) / pages).toFixed(1)} ms/page |`,
    );

    const pick = (i) => cursors[(i * 7919) % cursors.length];
    const variants = [
      ['first page, no filter', () => `${list}?limit=50`],
      ['severity=critical (2%)', () => `${list}?limit=50&severity=critical`],
      [
        'severity=critical,high & scanner=sast (5%)',
        () => `${list}?limit=50&severity=critical&severity=high&scanner=sast`,
      ],
      ['path prefix services/svc-07/ (2.5%)', () => `${list}?limit=50&path=services%2Fsvc-07%2F`],
      [`rule=${RARE_RULE} (0.1%)`, () => `${list}?limit=50&rule=${encodeURIComponent(RARE_RULE)}`],
      ['state=fixed (no match)', () => `${list}?limit=50&state=fixed`],
      ['cursor at random depth, no filter', (i) => `${list}?limit=50&cursor=${pick(i)}`],
      ['cursor at random depth & severity=high', (i) => `${list}?limit=50&severity=high&cursor=${pick(i)}`],
      [
        'cursor at random depth & rule (0.1%)',
        (i) => `${list}?limit=50&rule=${encodeURIComponent(RARE_RULE)}&cursor=${pick(i)}`,
      ],
    ];
    for (const [label, urlOf] of variants) {
      await load(urlOf, token, Math.min(50, requests), Math.min(5, maxSeconds)); // warm-up
      const samples = [];
      for (let run = 0; run < runs; run++) samples.push(await load(urlOf, token, requests));
      const fails = samples.reduce((a, s) => a + s.failures, 0);
      const p95 = median(samples.map((s) => s.p95));
      row(
        `| ${backend} | GET findings?limit=50, ${label}`,
        `p50 ${median(samples.map((s) => s.p50)).toFixed(1)} ms`,
        `p95 ${p95.toFixed(1)} ms`,
        `p99 ${median(samples.map((s) => s.p99)).toFixed(1)} ms`,
        `${median(samples.map((s) => s.rps)).toFixed(1)} req/s (${median(samples.map((s) => s.done))} requests)`,
        `${fails > 0 ? `${fails} FAILED, ` : ''}${p95 < P95_GOAL_MS ? 'meets' : 'MISSES'} p95 < ${P95_GOAL_MS} ms |`,
      );
    }
    row(`| ${backend} | server peak RSS during the query runs`, `${server.peakRssMb().toFixed(0)} MB |`);
  } finally {
    await server.stop();
    if (backend === 'postgres') rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- main ----

const backends = ['sqlite', ...(databaseUrl !== '' ? ['postgres'] : [])].filter(
  (b) => onlyBackend === undefined || b === onlyBackend,
);
console.error(
  `${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ` +
    `${runs} runs, ${requests} requests per query variant at concurrency ${concurrency}; backends: ${backends.join(', ')}` +
    (databaseUrl === '' ? ' (set RAMPART_BENCH_DATABASE_URL for PostgreSQL)' : ''),
);
if (only === undefined || only === 'ingest') {
  const body = uploadBody(0, 'full');
  for (const backend of backends) await benchIngest(backend, body);
}
if (only === undefined || only === 'query') {
  for (const backend of backends) await benchQueries(backend);
}
agent.destroy();
console.log(
  `\n${cpus().length} cores, load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log('\n| Store | Measurement | Figures |\n| --- | --- | --- |');
for (const cells of rows) console.log(`${cells[0]} | ${cells.slice(1).filter(Boolean).join(', ')}`);
