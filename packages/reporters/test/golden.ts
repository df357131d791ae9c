import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { REPORTERS, type FormatId } from '../src/index.js';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));

/** Path of a golden file by name, e.g. `sample.sarif`. */
export function goldenPath(name: string): string {
  return join(GOLDEN_DIR, name);
}

/**
 * Compares `actual` with the golden file `name`. With `UPDATE_SNAPSHOT=1` it rewrites the file
 * instead, and a human reviews the diff. A missing golden file fails: CI must never create one.
 */
export function expectGolden(name: string, actual: string): void {
  const file = goldenPath(name);
  if (process.env.UPDATE_SNAPSHOT === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`Golden file ${name} is missing; run with UPDATE_SNAPSHOT=1 and review it.`);
  expect(actual, `output differs from golden/${name} (UPDATE_SNAPSHOT=1 regenerates it)`).toBe(
    readFileSync(file, 'utf8'),
  );
}

/** `sample.sarif`, `empty.table.txt`: the fixture name, then the format id where the extension alone is ambiguous. */
export function goldenName(fixture: string, format: FormatId): string {
  const extension = REPORTERS[format].fileExtension;
  const obvious = format === 'sarif' || format === 'json' || format === 'markdown' || format === 'html';
  return obvious ? `${fixture}${extension}` : `${fixture}.${format}${extension}`;
}
