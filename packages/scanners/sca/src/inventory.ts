import { posix } from 'node:path';
import picomatch from 'picomatch';
import { EXTRACTORS } from './extractors/index.js';
import { toComponents } from './graph.js';
import { ExtractError, type Component, type Extractor } from './model.js';

export interface InventoryProblem {
  level: 'error' | 'warning' | 'info';
  code: string;
  path: string;
  line?: number;
  message: string;
}

export interface CollectedInventory {
  components: Component[];
  /** Lockfiles read, with the extractor that read each. */
  sources: { path: string; extractor: string; packages: number }[];
  problems: InventoryProblem[];
}

/** Globs core uses to hand the scanner its files: basename globs as they are, paths anywhere. */
export function lockfileGlobs(extractors: readonly Extractor[] = EXTRACTORS): string[] {
  return [
    ...new Set(extractors.flatMap((e) => e.files.map((f) => (f.includes('/') ? `**/${f}` : f)))),
  ].sort();
}

const matchers = EXTRACTORS.map((extractor) => ({
  extractor,
  test: picomatch(
    extractor.files.map((f) => (f.includes('/') ? `**/${f}` : f)),
    { dot: true, basename: false },
  ),
  basenames: picomatch(
    extractor.files.filter((f) => !f.includes('/')),
    { dot: true },
  ),
}));

/** The extractor for a repository-relative path, or undefined. */
export function extractorFor(path: string): Extractor | undefined {
  const base = posix.basename(path);
  for (const { extractor, test, basenames } of matchers) {
    if (basenames(base) || test(path) || test(`./${path}`)) return extractor;
  }
  return undefined;
}

/**
 * Read every lockfile among `files` and turn each into components. A file that fails is reported
 * with its line and skipped; the others still count. A `go.sum` is read only where no `go.mod`
 * sits beside it.
 */
export async function collectInventory(
  files: readonly string[],
  readText: (path: string) => Promise<string>,
): Promise<CollectedInventory> {
  const problems: InventoryProblem[] = [];
  const sources: CollectedInventory['sources'] = [];
  const components: Component[] = [];
  const present = new Set(files);
  for (const path of [...files].sort()) {
    const extractor = extractorFor(path);
    if (!extractor) continue;
    const dir = posix.dirname(path);
    if (posix.basename(path) === 'go.sum' && present.has(posix.join(dir, 'go.mod'))) continue;
    let text: string;
    try {
      text = await readText(path);
    } catch (error) {
      problems.push({ level: 'error', code: 'lockfile-unreadable', path, message: messageOf(error) });
      continue;
    }
    try {
      const extraction = await extractor.extract({
        path,
        text,
        readRelative: async (relativePath) => {
          const target = posix.normalize(posix.join(dir, relativePath));
          if (target.startsWith('../') || target === '..' || posix.isAbsolute(target)) return undefined;
          try {
            return await readText(target);
          } catch {
            return undefined;
          }
        },
      });
      const found = toComponents(path, extraction);
      components.push(...found);
      sources.push({ path, extractor: extractor.id, packages: found.length });
      const unpinned = found.filter((c) => !c.version).length;
      if (unpinned > 0) {
        problems.push({
          level: 'info',
          code: 'unpinned-dependency',
          path,
          message: `${unpinned} ${unpinned === 1 ? 'dependency has' : 'dependencies have'} no exact version and cannot be matched against advisories (pin them or scan a lockfile)`,
        });
      }
    } catch (error) {
      if (error instanceof ExtractError) {
        problems.push({
          level: 'error',
          code: 'lockfile-invalid',
          path,
          ...(error.line === undefined ? {} : { line: error.line }),
          message: `cannot read ${extractor.id} lockfile: ${error.message}`,
        });
      } else {
        problems.push({
          level: 'error',
          code: 'lockfile-invalid',
          path,
          message: `cannot read ${extractor.id} lockfile (unexpected structure): ${messageOf(error)}`,
        });
      }
    }
  }
  return { components, sources, problems };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
