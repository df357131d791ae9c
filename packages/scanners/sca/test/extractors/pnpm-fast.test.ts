/**
 * The pnpm extractor reads the usual lockfile with keyed maps as lists (`fromPairs`) and falls back
 * to the general way (objects, `withEmptyMaps`, the schema) for anything else. Whatever the document,
 * the result (or the error, with its line) must be the general way's: these tests read fixtures and
 * many mutations of them both ways and compare.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSubset } from '../../src/extractors/npm/lockyaml.js';
import { fromPairs } from '../../src/extractors/pnpm/document.js';
import { extractor, readGeneral } from '../../src/extractors/pnpm/extract.js';
import type { Extraction } from '../../src/model.js';
import { SHARED_LOCKFILES } from '../support/conformance.js';
import { MUTATIONS } from '../support/pnpm-mutations.js';

const local = fileURLToPath(new URL('../fixtures/pnpm/', import.meta.url));
const read = (name: string) => readFileSync(join(local, name), 'utf8');

type Outcome = { result: Extraction } | { error: string; line: number | undefined };

async function outcome(run: () => Extraction | Promise<Extraction>): Promise<Outcome> {
  try {
    return { result: await run() };
  } catch (error) {
    const e = error as { message: string; line?: number };
    return { error: e.message, line: e.line };
  }
}

async function expectSame(text: string, label: string): Promise<void> {
  const fast = await outcome(() => extractor.extract({ path: 'pnpm-lock.yaml', text }));
  const general = await outcome(() => readGeneral(text));
  expect(fast, label).toEqual(general);
}

const takesFastWay = (text: string): boolean => {
  const yaml = readSubset(text, { keyedPairs: true });
  return yaml !== undefined && fromPairs(yaml) !== undefined;
};

const v9 = read('workspace.v9.yaml');

describe('the fast pnpm reader', () => {
  it('reads the usual lockfile', () => {
    expect(takesFastWay(v9)).toBe(true);
  });

  for (const [label, mutate] of Object.entries(MUTATIONS)) {
    it(`agrees with the general way: ${label}`, async () => {
      await expectSame(mutate(v9), label);
    });
  }

  it('agrees on every fixture', async () => {
    const files = readdirSync(local)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(local, f));
    for (const dir of [join(local, 'upstream'), join(SHARED_LOCKFILES, 'fixtures', 'pnpm')])
      if (existsSync(dir)) files.push(...readdirSync(dir).map((f) => join(dir, f)));
    let fast = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (takesFastWay(text)) fast++;
      await expectSame(text, file);
    }
    expect(fast).toBeGreaterThan(5);
  });
});
