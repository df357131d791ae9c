// Times the ingest of N findings (default 100000) in one upload: first import, an unchanged re-import
// of the same findings from a later commit, and a full scan where every finding moved to another line.
// Not part of the tests. Build first (`npm run build`), then:
//   node packages/server/scripts/ingest-timing.mjs [count]                 (SQLite in a temp dir)
//   RAMPART_TEST_DATABASE_URL=postgres://... node packages/server/scripts/ingest-timing.mjs [count]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest, openStore } from '../dist/index.js';

const count = Number(process.argv[2] ?? 100_000);
const url = process.env.RAMPART_TEST_DATABASE_URL ?? '';

function result(n, lineShift) {
  const findings = [];
  for (let i = 0; i < n; i++) {
    const line = (i % 1000) + 1 + lineShift;
    findings.push({
      ruleId: 'secrets/generic-api-key',
      scanner: 'secrets',
      severity: 'high',
      message: `Generic API key ${i}`,
      location: {
        path: `src/file-${i % 500}.ts`,
        startLine: line,
        startColumn: 5,
        endLine: line,
        endColumn: 40,
        snippet: 'const key = "****";',
      },
      cwe: ['CWE-798'],
      fingerprint: i.toString(16).padStart(32, '0'),
    });
  }
  return {
    $schema: 'https://rampart.dev/schemas/result-1.json',
    schemaVersion: '1.0.0',
    tool: { name: 'rampart', version: '0.1.0' },
    scanners: [{ id: 'secrets', version: '0.1.0', rules: 25 }],
    rules: [],
    findings,
    suppressed: [],
    diagnostics: [],
    stats: {
      filesWalked: 500,
      filesScanned: 500,
      skipped: { binary: 0, vendored: 0, minified: 0, generated: 0, 'too-large': 0, unreadable: 0 },
    },
    policy: { passed: false, reasons: ['many'], failOn: 'high' },
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'rampart-timing-'));
if (url !== '') {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema if exists public cascade; create schema public');
  await client.end();
}
const store = await openStore({ dataDir, ...(url ? { databaseUrl: url } : {}) });
try {
  for (const [label, commit, shift] of [
    ['first import', 'a', 0],
    ['unchanged re-import', 'b', 0],
    ['every line moved', 'c', 3],
  ]) {
    const text = JSON.stringify(result(count, shift));
    const start = performance.now();
    const outcome = await ingest(store, {
      project: 'timing',
      branch: 'main',
      commit: commit.repeat(40),
      report: text,
    });
    const ms = performance.now() - start;
    console.log(
      `${store.dialect} ${label}: ${count} findings (${(text.length / 1e6).toFixed(1)} MB) in ${(ms / 1000).toFixed(2)} s` +
        ` (created ${outcome.created}, fixed ${outcome.fixed})`,
    );
  }
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
