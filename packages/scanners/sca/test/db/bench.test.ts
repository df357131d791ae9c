import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAdvisories, openAdvisoryDb } from '../../src/db/index.js';
import type { OsvRecord } from '../../src/osv.js';
import { fixture, useTempDirs } from './support/temp.js';
import { writeZip } from './support/zip.js';

/**
 * Import throughput, opt-in: `RAMPART_DB_BENCH=200000 npx vitest run packages/scanners/sca/test/db/bench.test.ts`.
 * Builds N records from the fixtures (distinct ids and package names) as JSONL and as an all.zip.
 */
const count = Number(process.env.RAMPART_DB_BENCH ?? 0);
const tempDir = useTempDirs();

describe.skipIf(!count)('import benchmark (set RAMPART_DB_BENCH=<records> to run)', () => {
  it(`imports ${count} records`, { timeout: 600_000 }, async () => {
    const base = readFileSync(fixture('records.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as OsvRecord);
    const records = Array.from({ length: count }, (_, i) => {
      const record = structuredClone(base[i % base.length]!);
      record.id = `${record.id.startsWith('x_') ? '' : 'x_'}${record.id}-${i}`;
      for (const affected of record.affected ?? [])
        if (affected.package) affected.package.name = `${affected.package.name}-${i % 5000}`;
      return record;
    });
    const dir = tempDir();
    writeFileSync(join(dir, 'all.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    writeFileSync(
      join(dir, 'all.zip'),
      writeZip(records.map((r) => ({ name: `${r.id}.json`, data: JSON.stringify(r, null, 2) }))),
    );
    for (const source of ['all.jsonl', 'all.zip']) {
      const dbPath = join(dir, `${source}.db`);
      const cpu = process.cpuUsage();
      const start = performance.now();
      const result = await importAdvisories(dbPath, join(dir, source));
      const used = process.cpuUsage(cpu);
      expect(result.imported).toBe(count);
      const db = openAdvisoryDb(dbPath);
      const lookupStart = performance.now();
      db.lookup(
        'PyPI',
        Array.from({ length: 2000 }, (_, i) => `jinja2-${i}`),
      );
      const lookupMs = performance.now() - lookupStart;
      const size = db.info().sizeBytes;
      db.close();
      console.log(
        `${source}: ${count} records in ${Math.round(performance.now() - start)} ms ` +
          `(CPU ${Math.round((used.user + used.system) / 1000)} ms), database ${(size / 2 ** 20).toFixed(1)} MiB, ` +
          `lookup of 2000 names ${Math.round(lookupMs)} ms`,
      );
    }
  });
});
