/**
 * Fixture runner for IaC checks. A check's fixtures live in `test/fixtures/<platform>/<check-name>/`:
 * `ng.<case>.<ext>` (or a folder `ng.<case>/`) must produce findings exactly on the marked lines, `ok.<case>`
 * must produce none. Markers: a trailing `# vuln` / `// vuln` comment marks its own line; a whole-line comment
 * `# vuln: next line` marks the next line (for formats where a trailing comment would change the meaning,
 * such as Dockerfile instructions).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { IacCheck, Platform, SourceText } from '../../src/check.js';

export interface FixtureResult {
  name: string;
  kind: 'ng' | 'ok';
  expected: string[];
  actual: string[];
  errors: string[];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function filesOf(path: string): SourceText[] {
  if (!statSync(path).isDirectory())
    return [{ path: path.slice(path.lastIndexOf('/') + 1), text: readFileSync(path, 'utf8') }];
  const out: SourceText[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push({ path: relative(path, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(path);
  return out;
}

/** The marked lines of a set of files, as `path:line`. */
export function markedLines(files: readonly SourceText[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const lines = file.text.split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(?:#|\/\/) vuln: next line\s*$/.test(line)) out.push(`${file.path}:${i + 2}`);
      else if (/(?:#|\/\/) vuln\s*$/.test(line)) out.push(`${file.path}:${i + 1}`);
    });
  }
  return out.sort();
}

/** Runs one check over a fixture case (file or folder); returns marked and found lines. */
export function runCase<Doc>(platform: Platform<Doc>, check: IacCheck<Doc>, casePath: string): FixtureResult {
  const name = casePath.slice(casePath.lastIndexOf('/') + 1);
  const files = filesOf(casePath).filter((f) => !f.path.endsWith('.md'));
  const own = files.filter((f) => platform.matches(f.path, f.text) || files.length === 1);
  const { docs, errors } = platform.parse(own);
  const found = new Set<string>();
  const texts = new Map(files.map((f) => [f.path, f.text]));
  for (const doc of docs)
    check.check(doc, (finding) =>
      found.add(`${finding.path}:${lineOf(texts.get(finding.path) ?? '', finding.start)}`),
    );
  return {
    name,
    kind: name.startsWith('ng.') ? 'ng' : 'ok',
    expected: markedLines(files),
    actual: [...found].sort(),
    errors: errors.map((e) => `${e.path}:${e.line ?? '?'} ${e.message}`),
  };
}

/** Every case in a check's fixture folder. */
export function runFixtures<Doc>(
  platform: Platform<Doc>,
  check: IacCheck<Doc>,
  dir: string,
): FixtureResult[] {
  return readdirSync(dir)
    .filter((entry) => entry.startsWith('ng.') || entry.startsWith('ok.'))
    .sort()
    .map((entry) => runCase(platform, check, join(dir, entry)));
}
