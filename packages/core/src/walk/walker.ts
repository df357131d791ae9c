import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkipClass } from '../config/options.js';
import type { Diagnostic } from '../scanner.js';
import type { SkipReason } from '../result.js';
import {
  ALWAYS_SKIPPED_DIRS,
  VENDORED_DIRS,
  isBinaryName,
  isGeneratedName,
  isMinifiedName,
} from './classify.js';

export interface WalkOptions {
  /** Absolute path of the scan root. */
  root: string;
  gitignore: boolean;
  /** Extra patterns in .gitignore syntax, relative to the root. */
  exclude: readonly string[];
  followSymlinks: boolean;
  skip: ReadonlySet<SkipClass>;
}

export interface WalkResult {
  /** Repository-relative POSIX paths, sorted. */
  files: string[];
  skipped: { path: string; reason: SkipReason }[];
  diagnostics: Diagnostic[];
}

interface Matcher {
  /** POSIX path of the folder holding the ignore file, '' for the root. */
  base: string;
  ig: Ignore;
}

const IGNORE_FILE = '.rampartignore';

/**
 * Walk the tree under `root`, honouring .gitignore (every level, plus .git/info/exclude), .rampartignore
 * and `exclude`. Skips version-control folders always, and vendored/binary/minified/generated files by
 * name when asked. Symbolic links are skipped unless `followSymlinks`; then links that leave the root
 * or revisit a folder (loops) are skipped with a diagnostic.
 */
export function walk(options: WalkOptions): WalkResult {
  const result: WalkResult = { files: [], skipped: [], diagnostics: [] };
  for (const _ of walkSteps(options, result)) {
    // Each step is one folder; nothing to do between them.
  }
  return sortWalk(result);
}

/** Sort what a walk found (it appends files in folder order). */
export function sortWalk(result: WalkResult): WalkResult {
  result.files.sort(comparePaths);
  result.skipped.sort((a, b) => comparePaths(a.path, b.path));
  return result;
}

/**
 * The walk, one folder per step: files, skips and diagnostics are appended to `result` unsorted, so a
 * caller can hand files out (to worker threads) while the walk goes on. `sortWalk` when done.
 */
export function* walkSteps(options: WalkOptions, result: WalkResult): Generator<void, void, void> {
  const rootMatcher: Matcher = { base: '', ig: ignore() };
  let rootRules = 0;
  if (options.exclude.length > 0) {
    rootMatcher.ig.add([...options.exclude]);
    rootRules++;
  }
  if (options.gitignore) {
    const exclude = readOptional(join(options.root, '.git', 'info', 'exclude'));
    if (exclude !== undefined) {
      rootMatcher.ig.add(exclude);
      rootRules++;
    }
  }
  const rootReal = safeRealpath(options.root) ?? options.root;
  const visitedDirs = new Set<string>([rootReal]);
  const stack: { abs: string; rel: string; matchers: Matcher[] }[] = [
    { abs: options.root, rel: '', matchers: rootRules > 0 ? [rootMatcher] : [] },
  ];

  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch (error) {
      result.diagnostics.push({
        level: 'error',
        code: 'unreadable',
        path: dir.rel || '.',
        message: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      });
      continue;
    }
    const matchers = withIgnoreFiles(dir, entries, options.gitignore);
    const subdirs: { abs: string; rel: string; matchers: Matcher[] }[] = [];
    for (const entry of entries) {
      const name = entry.name;
      const rel = dir.rel === '' ? name : `${dir.rel}/${name}`;
      const abs = `${dir.abs}${dir.abs.endsWith(sep) ? '' : sep}${name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        if (!options.followSymlinks) continue;
        const target = resolveLink(abs, rootReal, rel, result.diagnostics);
        if (target === undefined) continue;
        isDir = target.isDir;
        isFile = !target.isDir;
        if (isDir) {
          if (visitedDirs.has(target.real)) {
            result.diagnostics.push({
              level: 'info',
              code: 'symlink-loop',
              path: rel,
              message: 'symbolic link revisits a folder; skipped',
            });
            continue;
          }
          visitedDirs.add(target.real);
        }
      } else if (isDir && options.followSymlinks) {
        // Record real folders too, so a link pointing back at one is seen as a revisit.
        const real = safeRealpath(abs);
        if (real !== undefined) visitedDirs.add(real);
      }
      if (isDir) {
        if (ALWAYS_SKIPPED_DIRS.has(name)) continue;
        if (isIgnored(matchers, rel, true)) continue;
        if (options.skip.has('vendored') && VENDORED_DIRS.has(name)) {
          result.skipped.push({ path: `${rel}/`, reason: 'vendored' });
          continue;
        }
        subdirs.push({ abs, rel, matchers });
      } else if (isFile) {
        if (isIgnored(matchers, rel, false)) continue;
        const reason = skipByName(name, options.skip);
        if (reason !== undefined) result.skipped.push({ path: rel, reason });
        else result.files.push(rel);
      }
    }
    // Reverse so that popping visits folders in name order (only for stable diagnostics; files are sorted).
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
    yield;
  }
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function skipByName(name: string, skip: ReadonlySet<SkipClass>): SkipReason | undefined {
  if (skip.has('binary') && isBinaryName(name)) return 'binary';
  if (skip.has('minified') && isMinifiedName(name)) return 'minified';
  if (skip.has('generated') && isGeneratedName(name)) return 'generated';
  return undefined;
}

function withIgnoreFiles(
  dir: { abs: string; rel: string; matchers: Matcher[] },
  entries: Dirent[],
  gitignore: boolean,
): Matcher[] {
  let matchers = dir.matchers;
  for (const fileName of gitignore ? ['.gitignore', IGNORE_FILE] : [IGNORE_FILE]) {
    if (!entries.some((e) => e.name === fileName && e.isFile())) continue;
    const text = readOptional(join(dir.abs, fileName));
    if (text === undefined) continue;
    matchers = [...matchers, { base: dir.rel, ig: ignore().add(text) }];
  }
  return matchers;
}

/** Git semantics: deeper ignore files override shallower ones; a negation re-includes. */
function isIgnored(matchers: readonly Matcher[], rel: string, isDir: boolean): boolean {
  if (matchers.length === 0) return false;
  let ignored = false;
  for (const matcher of matchers) {
    const local = matcher.base === '' ? rel : rel.slice(matcher.base.length + 1);
    const outcome = matcher.ig.test(isDir ? `${local}/` : local);
    if (outcome.ignored) ignored = true;
    else if (outcome.unignored) ignored = false;
  }
  return ignored;
}

function resolveLink(
  abs: string,
  rootReal: string,
  rel: string,
  diagnostics: Diagnostic[],
): { real: string; isDir: boolean } | undefined {
  const real = safeRealpath(abs);
  if (real === undefined) {
    diagnostics.push({
      level: 'info',
      code: 'broken-symlink',
      path: rel,
      message: 'symbolic link target does not exist; skipped',
    });
    return undefined;
  }
  const inside = relative(rootReal, real);
  if (
    inside.startsWith('..') ||
    inside.split(sep)[0] === '..' ||
    /^[a-zA-Z]:/.test(inside) ||
    inside.startsWith('/')
  ) {
    diagnostics.push({
      level: 'info',
      code: 'symlink-outside',
      path: rel,
      message: 'symbolic link points outside the scanned folder; skipped',
    });
    return undefined;
  }
  try {
    const stat = statSync(real);
    if (stat.isDirectory()) return { real, isDir: true };
    if (stat.isFile()) return { real, isDir: false };
    diagnostics.push({
      level: 'info',
      code: 'special-file',
      path: rel,
      message: 'symbolic link to a device, socket or pipe; skipped',
    });
    return undefined;
  } catch {
    return undefined;
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Ignore files larger than this are not read (a .gitignore is a few kilobytes). */
const MAX_IGNORE_FILE = 1024 * 1024;

/** Read an ignore file only when it is a regular file (a link to /dev/zero or a FIFO would hang). */
function readOptional(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_IGNORE_FILE) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
