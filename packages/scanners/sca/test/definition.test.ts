import { describe, expect, it } from 'vitest';
import { lockfileGlobs } from '../src/inventory.js';
import { LOCKFILE_GLOBS } from '../src/lockfile-globs.js';
import scanner from '../src/index.js';

describe('the SCA scanner definition', () => {
  it('lists exactly the files the extractors read', () => {
    expect([...LOCKFILE_GLOBS]).toEqual(lockfileGlobs());
    expect(scanner.files.include).toBe(LOCKFILE_GLOBS);
  });
});
