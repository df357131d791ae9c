import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../src/index.js';

export interface Implementation {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty store (same data dir on each call of the same instance when `dataDir` is given). */
  open(options?: { now?: () => number; dataDir?: string; keep?: boolean }): Promise<Store>;
  /** Remove what the implementation created. */
  cleanup(): Promise<void>;
}

/** PostgreSQL is tested when this names a database that the tests may wipe. */
export const POSTGRES_URL = process.env.RAMPART_TEST_DATABASE_URL ?? '';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'rampart-server-'));
}

function sqlite(): Implementation {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    async open(options = {}) {
      const dataDir = options.dataDir ?? tempDir();
      dirs.push(dataDir);
      return openStore({ dataDir, ...(options.now ? { now: options.now } : {}) });
    },
    cleanup() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** Every table the migrations create, dropped before each store so each test starts empty. */
async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema if exists public cascade');
    await client.query('create schema public');
  } finally {
    await client.end();
  }
}

function postgres(url: string): Implementation {
  const dirs: string[] = [];
  return {
    name: 'postgres',
    async open(options = {}) {
      const dataDir = options.dataDir ?? tempDir();
      dirs.push(dataDir);
      if (options.keep !== true) await resetPostgres(url);
      return openStore({ dataDir, databaseUrl: url, ...(options.now ? { now: options.now } : {}) });
    },
    cleanup() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

export function implementations(): Implementation[] {
  return POSTGRES_URL === '' ? [sqlite()] : [sqlite(), postgres(POSTGRES_URL)];
}

/** A controllable clock. */
export function clock(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    set(ms: number) {
      now = ms;
    },
  };
}

export const DAY = 24 * 60 * 60 * 1000;

export interface FindingSpec {
  fingerprint: string;
  ruleId?: string;
  scanner?: string;
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  path?: string;
  line?: number;
  message?: string;
  suppressed?: 'inline' | 'file' | 'baseline' | 'vex';
}

function finding(spec: FindingSpec) {
  const line = spec.line ?? 1;
  const scanner = spec.scanner ?? 'secrets';
  return {
    ruleId: spec.ruleId ?? `${scanner}/test-rule`,
    scanner,
    severity: spec.severity ?? 'high',
    message: spec.message ?? `problem ${spec.fingerprint}`,
    location: {
      path: spec.path ?? 'src/app.ts',
      startLine: line,
      startColumn: 1,
      endLine: line,
      endColumn: 10,
      snippet: 'const x = 1;',
    },
    cwe: ['CWE-798'],
    fingerprint: spec.fingerprint,
    ...(spec.suppressed ? { suppression: { kind: spec.suppressed, reason: 'test' } } : {}),
  };
}

/** A native Rampart JSON result (format 1.0.0) with these findings. */
export function nativeResult(
  specs: FindingSpec[],
  options: { scanners?: string[]; diffBase?: boolean; history?: boolean; toolVersion?: string } = {},
) {
  const scanners = options.scanners ?? ['secrets'];
  const all = specs.map(finding);
  const ruleIds = [...new Set(all.map((f) => f.ruleId))].sort();
  return {
    $schema: 'https://rampart.dev/schemas/result-1.json',
    schemaVersion: '1.0.0',
    tool: { name: 'rampart', version: options.toolVersion ?? '0.1.0' },
    scanners: scanners.map((id) => ({ id, version: '0.1.0', rules: 10 })),
    rules: ruleIds.map((id) => ({
      id,
      title: `Title of ${id}`,
      severity: 'high',
      cwe: ['CWE-798'],
      description: 'A test rule.',
      help: { bad: 'bad', good: 'good', fix: 'fix' },
      references: [],
    })),
    findings: all.filter((f) => !('suppression' in f)),
    suppressed: all.filter((f) => 'suppression' in f),
    diagnostics: [],
    stats: {
      filesWalked: 1,
      filesScanned: 1,
      skipped: { binary: 0, vendored: 0, minified: 0, generated: 0, 'too-large': 0, unreadable: 0 },
    },
    ...(options.diffBase ? { diffBase: { ref: 'origin/main', mergeBase: 'abcdef0', changedFiles: 1 } } : {}),
    ...(options.history ? { history: { range: 'origin/main..HEAD', commits: 3 } } : {}),
    policy: { passed: false, reasons: ['x'], failOn: 'high' },
  };
}

/** `n` findings with distinct 32-hex fingerprints. */
export function manyFindings(n: number, prefix = 'a'): FindingSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    fingerprint: (prefix + i.toString(16)).padStart(32, '0'),
    path: `src/file-${i % 500}.ts`,
    line: (i % 1000) + 1,
  }));
}

export function cycloneDx(components: { name: string; version: string; type?: string }[]) {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    components: components.map((c) => ({
      type: 'library',
      'bom-ref': `pkg:${c.type ?? 'npm'}/${c.name}@${c.version}`,
      name: c.name,
      version: c.version,
      purl: `pkg:${c.type ?? 'npm'}/${c.name.replace('@', '%40')}@${c.version}`,
    })),
  };
}
