#!/usr/bin/env node
// Web dashboard benchmark (issue 8): "the findings page with 100k findings in the DB renders its first
// page in < 1 s", in Debian's Chromium driven through playwright-core.
//
//   npm run build && node bench/web/run.mjs [--findings 100000] [--runs 5] [--refill]
//
// A SQLite store holding --findings findings in one project (generated deterministically, ingested
// in-process; kept under bench/.corpus/web/ so reruns skip the fill) is served by the real server
// (createServer + listen on 127.0.0.1:0, with the built dashboard). For each view, each run opens a
// fresh browser context (no HTTP cache) that is already signed in, navigates to the findings page and
// measures, in the page, the time from navigation start until the table shows its first 50 rows
// (performance.now() in a MutationObserver callback when the rows enter the DOM). Views: the default
// (sorted by severity), sorted by path, filtered by severity, a full-text search, and the last page.
// Also the server time of the findings-table API call. The goal (median < 1 s) is the first view's: the
// page as it opens; exit 1 when it is missed. Bounded: --runs per view, each step under 30 s.
// Only 127.0.0.1 is contacted.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const require = createRequire(join(repo, 'packages', 'web', 'package.json'));
const server = await import(join(repo, 'packages', 'server', 'dist', 'index.js'));
const { chromium } = require('playwright-core');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const FINDINGS = Number(option('--findings', '100000'));
const RUNS = Number(option('--runs', '5'));
const REFILL = args.includes('--refill');
const GOAL_MS = 1000;
const PROJECT = 'bench/app';
const EMAIL = 'bench@example.com';
const PASSWORD = 'bench-password-long-enough';
const CHROMIUM = process.env.RAMPART_CHROMIUM ?? '/usr/bin/chromium';
const DIST = join(repo, 'packages', 'web', 'dist');
/** Bump when the generated findings or the schema change, so that a cached store is refilled. */
const GENERATOR_VERSION = 2;

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('not built: run `npm run build` first');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(2);
}

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
  secrets: ['aws-access-key', 'generic-api-key', 'github-token', 'private-key'],
  sast: ['sql-injection', 'xss', 'path-traversal', 'command-injection', 'open-redirect'],
  iac: ['s3-public-read', 'sg-open-ingress', 'unencrypted-volume'],
};
const CWE = { secrets: 'CWE-798', sast: 'CWE-89', iac: 'CWE-732' };
const SCANNERS = Object.keys(RULES);
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

function nativeResult(count) {
  const rnd = mulberry32(0xbe9c4);
  const findings = [];
  for (let i = 0; i < count; i++) {
    const scanner = SCANNERS[Math.floor(rnd() * SCANNERS.length)];
    const rule = RULES[scanner][Math.floor(rnd() * RULES[scanner].length)];
    const line = 1 + Math.floor(rnd() * 2000);
    const service = Math.floor(rnd() * 40);
    findings.push({
      ruleId: `${scanner}/${rule}`,
      scanner,
      severity: SEVERITIES[Math.floor(rnd() * rnd() * SEVERITIES.length)],
      message: `Finding ${i}: ${rule} in service ${service}`,
      location: {
        path: `services/svc-${String(service).padStart(2, '0')}/src/mod-${Math.floor(rnd() * 50)}/file-${Math.floor(rnd() * 200)}.ts`,
        startLine: line,
        startColumn: 5,
        endLine: line,
        endColumn: 40,
        snippet: 'const value = "****";',
      },
      cwe: [CWE[scanner]],
      fingerprint: i.toString(16).padStart(32, '0'),
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

async function openFilledStore() {
  const dataDir = join(repo, 'bench', '.corpus', 'web', `v${GENERATOR_VERSION}-${FINDINGS}`);
  if (REFILL) rmSync(dataDir, { recursive: true, force: true });
  const fresh = !existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const store = await server.openStore({ dataDir });
  if (fresh) {
    const started = performance.now();
    await server.ingest(store, {
      project: PROJECT,
      actor: 'bench',
      branch: 'main',
      commit: 'c'.repeat(40),
      kind: 'full',
      report: nativeResult(FINDINGS),
    });
    await server.createUser(store, { email: EMAIL, password: PASSWORD, admin: true }, 'bench');
    console.log(`filled ${FINDINGS} findings in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const [{ n }] = await store.db
    .selectFrom('findings')
    .select((eb) => eb.fn.countAll().as('n'))
    .execute();
  return { store, count: Number(n) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const { store, count } = await openFilledStore();
const api = server.createServer({ store, secureCookies: false, dashboard: DIST });
const base = await api.listen({ host: '127.0.0.1', port: 0 });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
});
const signIn = await globalThis.fetch(`${base}/api/v1/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
});
if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
const cookie = signIn.headers.get('set-cookie').split(';')[0].split('=');

const page = (query) => `/projects/${encodeURIComponent(PROJECT)}/findings${query}`;
const lastOffset = Math.floor((count - 1) / 50) * 50;
const VIEWS = [
  ['first page, sorted by severity (default)', page('')],
  ['sorted by path', page('?sort=path')],
  ['filtered: severity=high', page('?severity=high')],
  ['full-text search "sql-injection svc-07"', page('?q=sql-injection+svc-07')],
  [`last page (offset ${lastOffset})`, page(`?offset=${lastOffset}`)],
];

const results = [];
try {
  for (const [name, url] of VIEWS) {
    const renders = [];
    const apis = [];
    // One warm-up run (the server's first query of a shape, the browser's first start of a context).
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(30_000);
      await context.addCookies([{ name: cookie[0], value: cookie[1], url: base }]);
      // The instant the first rows enter the DOM, observed in the page (not by polling from outside).
      await context.addInitScript(() => {
        const observer = new globalThis.MutationObserver(() => {
          if (globalThis.document.querySelector('[data-testid="findings-table"] tbody tr') === null) return;
          globalThis.__rampartRowsAt = performance.now();
          observer.disconnect();
        });
        observer.observe(globalThis.document, { childList: true, subtree: true });
      });
      const tab = await context.newPage();
      let apiMs;
      tab.on('requestfinished', (request) => {
        if (request.url().includes('/dashboard/findings'))
          apiMs = request.timing().responseEnd - request.timing().requestStart;
      });
      await tab.goto(`${base}${url}`, { waitUntil: 'commit' });
      await tab.waitForFunction(() => globalThis.__rampartRowsAt !== undefined);
      const rendered = await tab.evaluate(() => globalThis.__rampartRowsAt);
      const rows = await tab.locator('[data-testid="findings-table"] tbody tr').count();
      // Let the page finish its other requests (the filter choices), so the next run starts on an idle server.
      await tab.waitForLoadState('networkidle');
      if (run > 0) {
        renders.push(rendered);
        if (apiMs !== undefined) apis.push(apiMs);
      }
      await context.close();
      if (rows === 0) throw new Error(`${name}: no rows`);
    }
    const result = {
      name,
      medianMs: median(renders),
      maxMs: Math.max(...renders),
      apiMedianMs: apis.length ? median(apis) : NaN,
    };
    results.push(result);
    console.log(
      `${name}: first page rendered in median ${result.medianMs.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms (API ${result.apiMedianMs.toFixed(0)} ms)`,
    );
  }
} finally {
  await browser.close();
  await api.close();
  await store.close();
}

console.log(
  `\n${count} findings in the project; ${RUNS} runs per view after one warm-up; goal < ${GOAL_MS} ms`,
);
console.log('| View | Render (median) | Render (max) | API (median) |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of results)
  console.log(
    `| ${r.name} | ${r.medianMs.toFixed(0)} ms | ${r.maxMs.toFixed(0)} ms | ${r.apiMedianMs.toFixed(0)} ms |`,
  );
// The goal is the findings page as it opens (the first view); the others are reported with it.
const opened = results[0];
console.log(
  `uptime load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (${cpus().length} cores)`,
);
if (opened.medianMs >= GOAL_MS) {
  console.error(`over the goal: ${opened.name} renders in ${opened.medianMs.toFixed(0)} ms (median)`);
  process.exit(1);
}
const slow = results.filter((r) => r.medianMs >= GOAL_MS).map((r) => r.name);
if (slow.length > 0) console.log(`views over ${GOAL_MS} ms (not the goal's view): ${slow.join(', ')}`);
