/**
 * The osv-scanner lockfile conformance suite (../shared/data/lockfiles), as a helper for per-extractor
 * tests and for the overall conformance test. Absent `../shared` (a user's clone), `sharedCases()`
 * returns undefined and callers skip with a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Extraction, Extractor, LockPackage } from '../../src/model.js';

export const SHARED_LOCKFILES = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../../shared/data/lockfiles',
);

export interface ExpectedPackage {
  name: string;
  version: string;
  ecosystem: string;
  compareAs: string;
  commit: string;
  depGroups: string[];
}

export interface ConformanceCase {
  test: string;
  parser: string;
  fixture: string;
  fixtureExists: boolean;
  fixtureOmitted?: string;
  expectError: null | { kind: 'notExist' } | { kind: 'contains'; text: string };
  packages: ExpectedPackage[];
}

export function sharedCases(): ConformanceCase[] | undefined {
  const file = join(SHARED_LOCKFILES, 'osv-scanner-v1.9.2-lockfile-cases.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { cases: ConformanceCase[] }).cases;
}

/** Run one extractor on a file on disk, with `-r`-style includes resolved next to it. */
export async function extractFile(
  extractor: Extractor,
  file: string,
  root = dirname(file),
): Promise<Extraction> {
  const text = readFileSync(file, 'utf8');
  return extractor.extract({
    path: relative(root, file).split('\\').join('/') || basename(file),
    text,
    readRelative: (rel) => {
      const target = resolve(dirname(file), rel);
      return Promise.resolve(existsSync(target) ? readFileSync(target, 'utf8') : undefined);
    },
  });
}

/** One package as the upstream suite compares it. */
export function comparable(pkg: LockPackage): string {
  const ecosystem = pkg.ecosystemVariant ?? pkg.ecosystem;
  return JSON.stringify([pkg.name, pkg.version, ecosystem, pkg.commit ?? '', [...pkg.depGroups].sort()]);
}

/**
 * Upstream's representation mapped to ours, documented so the mapping is not mistaken for tuning:
 * - an unpinned PyPI requirement is '0.0.0' upstream and '' (unknown) here;
 * - osv-scanner puts a Hex package's tarball checksum in `commit`; we keep `commit` for VCS revisions
 *   only, so a Hex package's expected commit is compared as empty.
 */
export function expectedComparable(p: ExpectedPackage): string {
  const version = p.ecosystem === 'PyPI' && p.version === '0.0.0' ? '' : p.version;
  const commit = p.ecosystem === 'Hex' && /^[0-9a-f]{64}$/.test(p.commit) ? '' : p.commit;
  return JSON.stringify([p.name, version, p.ecosystem, commit, [...p.depGroups].sort()]);
}

export type CaseOutcome = { ok: true } | { ok: false; why: string };

/** Run a case: expected errors must throw; otherwise the package multisets must be equal. */
export async function runCase(extractor: Extractor, c: ConformanceCase): Promise<CaseOutcome> {
  const file = join(SHARED_LOCKFILES, c.fixture);
  if (c.expectError) {
    if (!c.fixtureExists) return { ok: true }; // a missing file is the CLI's error, not the extractor's
    try {
      await extractFile(extractor, file);
      return { ok: false, why: 'expected an error, got none' };
    } catch {
      return { ok: true };
    }
  }
  let got: Extraction;
  try {
    got = await extractFile(extractor, file);
  } catch (error) {
    return { ok: false, why: `threw: ${error instanceof Error ? error.message : String(error)}` };
  }
  const actual = got.packages.map(comparable).sort();
  const expected = c.packages.map(expectedComparable).sort();
  const missing = expected.filter((e) => !actual.includes(e));
  const extra = actual.filter((a) => !expected.includes(a));
  if (missing.length === 0 && extra.length === 0 && actual.length === expected.length) return { ok: true };
  return {
    ok: false,
    why: `missing ${JSON.stringify(missing.slice(0, 5))} extra ${JSON.stringify(extra.slice(0, 5))} (${actual.length} vs ${expected.length})`,
  };
}
