import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_IDS, isFormatId, REPORTERS } from '../src/index.js';
import { goldenName } from './golden.js';

const SRC = new URL('../src/', import.meta.url);

describe('reporter registry', () => {
  it('has one entry per format id, under its own id', () => {
    expect(Object.keys(REPORTERS).sort()).toEqual([...FORMAT_IDS].sort());
    for (const id of FORMAT_IDS) expect(REPORTERS[id].id).toBe(id);
  });

  it('matches the source files on disk: one <format>.ts per format', () => {
    for (const id of FORMAT_IDS) expect(existsSync(new URL(`${id}.ts`, SRC)), `src/${id}.ts`).toBe(true);
  });

  it('has golden files for every format and fixture', () => {
    for (const id of FORMAT_IDS) {
      for (const fixture of ['sample', 'empty']) {
        expect(
          existsSync(new URL(`./golden/${goldenName(fixture, id)}`, import.meta.url)),
          goldenName(fixture, id),
        ).toBe(true);
      }
    }
    expect(readdirSync(new URL('./golden/', import.meta.url)).length).toBe(FORMAT_IDS.length * 2 + 2);
  });

  it('uses distinct file extensions with a leading dot', () => {
    const extensions = FORMAT_IDS.map((id) => REPORTERS[id].fileExtension);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const extension of extensions) expect(extension).toMatch(/^\.[a-z]+$/);
  });

  it('recognises format ids', () => {
    expect(isFormatId('sarif')).toBe(true);
    expect(isFormatId('SARIF')).toBe(false);
    expect(isFormatId('toString')).toBe(false);
    expect(isFormatId(undefined)).toBe(false);
  });
});
