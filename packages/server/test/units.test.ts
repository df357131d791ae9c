import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from '../src/db/migrations.js';
import type { Database } from '../src/db/schema.js';
import { sqliteDialect } from '../src/db/sqlite.js';
import { batchSizes } from '../src/batch.js';
import { canonicalJson, EventBus, type ServerEvent } from '../src/index.js';
import { parseUpload } from '../src/index.js';
import { nativeResult, tempDir } from './helpers.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }], e: 'x' })).toBe(
      '{"a":[1,{"d":2}],"b":1,"e":"x"}',
    );
  });

  it('orders integer-like keys as strings too', () => {
    expect(canonicalJson({ b: 1, '10': 1, '2': { z: 1, y: 2 } })).toBe('{"10":1,"2":{"y":2,"z":1},"b":1}');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('batchSizes', () => {
  it('uses powers of two within the parameter limit, and covers every row', () => {
    const sizes = batchSizes(100_000, 30, 32766, 1024);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(Math.max(...sizes)).toBe(1024);
    expect(sizes.every((s) => (s & (s - 1)) === 0)).toBe(true);
    expect(batchSizes(5, 40000, 32766)).toEqual([1, 1, 1, 1, 1]);
    expect(batchSizes(0, 3, 100)).toEqual([]);
  });
});

describe('parseUpload', () => {
  it('gives the same content hash to the same document written differently', () => {
    const report = nativeResult([{ fingerprint: 'f1' }]);
    const a = parseUpload({ project: 'p', report: JSON.stringify(report) });
    const b = parseUpload({ project: 'p', report: `\ufeff${JSON.stringify(report, null, 2)}` });
    expect(a.contentHash).toBe(b.contentHash);
    expect(parseUpload({ project: 'p', report: nativeResult([{ fingerprint: 'f2' }]) }).contentHash).not.toBe(
      a.contentHash,
    );
  });

  it('numbers identical SARIF results in the same file instead of merging them', () => {
    const result = (line: number) => ({
      ruleId: 'r',
      message: { text: 'same' },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'a%20b.js' }, region: { startLine: line } } },
      ],
    });
    const scan = parseUpload({
      project: 'p',
      report: {
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 't' } }, results: [result(1), result(2)] }],
      },
    });
    expect(scan.findings.map((f) => [f.path, f.startLine])).toEqual([
      ['a b.js', 1],
      ['a b.js', 2],
    ]);
    expect(new Set(scan.findings.map((f) => f.fingerprint)).size).toBe(2);
  });
});

describe('EventBus', () => {
  const event = (project: string): ServerEvent => ({
    type: 'sla.breached',
    at: 1,
    project,
    fingerprints: [],
  });

  it('runs listeners after emit returns, in order, and isolates a failing listener', async () => {
    const errors: string[] = [];
    const bus = new EventBus((error, e) => errors.push(`${(error as Error).message} on ${e.project}`));
    const seen: string[] = [];
    bus.on(() => {
      throw new Error('boom');
    });
    const off = bus.on(async (e) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(e.project);
    });
    bus.emit(event('a'));
    bus.emit(event('b'));
    expect(seen).toEqual([]);
    await bus.idle();
    expect(seen).toEqual(['a', 'b']);
    expect(errors).toEqual(['boom on a', 'boom on b']);
    off();
    bus.emit(event('c'));
    await bus.idle();
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('migrate', () => {
  it('applies a migration numbered below one already applied (branches merged in another order)', async () => {
    const dir = tempDir();
    const db = new Kysely<Database>({ dialect: sqliteDialect(join(dir, 'm.db')).dialect });
    const ran: number[] = [];
    const step = (version: number): Migration => ({
      version,
      name: `step ${version}`,
      up: () => {
        ran.push(version);
        return Promise.resolve();
      },
    });
    try {
      expect(
        await migrate(
          db,
          'sqlite',
          async () => {},
          () => 1,
          [step(1), step(3)],
        ),
      ).toEqual({ from: 0, to: 3 });
      expect(
        await migrate(
          db,
          'sqlite',
          async () => {},
          () => 2,
          [step(1), step(2), step(3)],
        ),
      ).toEqual({
        from: 3,
        to: 3,
      });
      expect(ran).toEqual([1, 3, 2]);
      await migrate(
        db,
        'sqlite',
        async () => {},
        () => 3,
        [step(1), step(2), step(3)],
      );
      expect(ran).toEqual([1, 3, 2]);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
