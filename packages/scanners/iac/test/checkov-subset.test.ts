/**
 * Agreement with Checkov on a subset of its labelled test resources, copied into `fixtures/checkov/` (see its
 * README). Runs like `bench/iac/checkov.mjs`: the Rampart check mapped to the Checkov id scans the row's folder
 * (Terraform folders as one module, other platforms file by file), and the verdict is `fail` when at least
 * one finding is on the row's resource (Terraform), YAML document (Kubernetes) or file (others).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IacCheck, IacFinding, Platform } from '../src/check.js';
import { PLATFORMS } from '../src/platforms.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/checkov');

interface Row {
  platform: string;
  rule: string;
  checkov: string;
  resource: string;
  expected: 'pass' | 'fail';
  file: string;
  /** First line of the resource's block (Terraform) or document (Kubernetes). */
  line?: number;
}

const { rows } = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as { rows: Row[] };

interface Found extends IacFinding {
  line: number;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous document types, as in the registry
type AnyPlatform = Platform<any>;

const cache = new Map<string, Found[]>();

/** Findings of one check on a folder, with their lines. */
function findingsFor(platform: AnyPlatform, check: IacCheck<unknown>, dir: string): Found[] {
  const key = `${platform.id}\0${check.meta.id}\0${dir}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const files = filesUnder(dir)
    .map((full) => ({ path: relative(dir, full).split('\\').join('/'), text: readFileSync(full, 'utf8') }))
    .filter(
      (f) =>
        platform.matches(f.path, f.text) || (platform.id === 'github-actions' && /\.ya?ml$/.test(f.path)),
    );
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const found: Found[] = [];
  const { docs } = platform.parse(files);
  for (const doc of docs)
    check.check(doc, (f) => found.push({ ...f, line: lineOf(texts.get(f.path) ?? '', f.start) }));
  cache.set(key, found);
  return found;
}

/** Start lines of the YAML documents of a file. */
function documentStarts(text: string): number[] {
  const starts = [1];
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('---')) starts.push(i + 2);
  });
  return starts;
}

const withoutIndex = (address: string): string => address.replace(/\[[^\]]*\]$/, '');

function verdict(row: Row, platform: AnyPlatform, check: IacCheck<unknown>): 'pass' | 'fail' {
  const file = join(root, row.file);
  const dir = dirname(file);
  const rel = relative(dir, file).split('\\').join('/');
  const found = findingsFor(platform, check, dir);
  let fail: boolean;
  if (platform.id === 'terraform') {
    const resource = withoutIndex(row.resource);
    fail = found.some((f) => {
      const address = withoutIndex(f.resource ?? '');
      return address === resource || (f.resource ?? '').endsWith(`.${resource}`);
    });
  } else {
    const inFile = found.filter((f) => f.path === rel);
    if (platform.id === 'kubernetes' && row.line !== undefined) {
      const starts = documentStarts(readFileSync(file, 'utf8'));
      const docStart = Math.max(...starts.filter((s) => s <= row.line!));
      const next = starts.find((s) => s > docStart) ?? Infinity;
      fail = inFile.some((f) => f.line >= docStart && f.line < next);
    } else fail = inFile.length > 0;
  }
  return fail ? 'fail' : 'pass';
}

describe('agreement with Checkov on its own test resources (subset)', () => {
  it('covers every platform with Checkov data, with both outcomes', () => {
    expect(new Set(rows.map((r) => r.platform))).toEqual(
      new Set(['terraform', 'kubernetes', 'dockerfile', 'github-actions']),
    );
    expect(rows.filter((r) => r.expected === 'pass').length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.expected === 'fail').length).toBeGreaterThan(10);
  });

  for (const row of rows) {
    it(`${row.rule} (${row.checkov}) ${row.resource}: ${row.expected}`, () => {
      const platform = PLATFORMS.find((p) => p.id === row.platform);
      expect(platform, row.platform).toBeDefined();
      const check = platform!.checks.find((c) => c.meta.id === row.rule) as IacCheck<unknown> | undefined;
      expect(check, row.rule).toBeDefined();
      expect(check!.meta.checkov).toContain(row.checkov);
      expect(verdict(row, platform!, check!)).toBe(row.expected);
    });
  }
});
