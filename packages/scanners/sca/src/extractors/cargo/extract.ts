/**
 * Rust: `Cargo.lock`.
 *
 * Every `[[package]]` is reported, including the workspace's own crates (those without a `source`),
 * as osv-scanner does. Edges come from each package's `dependencies`; the dependencies of the
 * workspace crates are the project's direct dependencies. Git packages carry their resolved commit.
 */
import { parse, TomlError } from 'smol-toml';
import { ExtractError, lineAt, type Extraction, type Extractor, type LockPackage } from '../../model.js';
import { validateShape } from '../validate.js';
import {
  lockSchema,
  MAX_CARGO_LOCK_VERSION,
  packageSchema,
  type CargoLock,
  type CargoPackage,
} from './schema.js';

export const extractor: Extractor = {
  id: 'cargo',
  ecosystem: 'crates.io',
  files: ['Cargo.lock'],
  extract: ({ text }) => extractCargoLock(text),
};

interface Entry {
  pkg: CargoPackage;
  span: Span | undefined;
  line: number | undefined;
}

interface Span {
  start: number;
  end: number;
}

export function extractCargoLock(text: string): Extraction {
  const lock = validateShape<CargoLock>(lockSchema, parseToml(text), 'Cargo.lock');
  if (lock.version !== undefined && lock.version > MAX_CARGO_LOCK_VERSION) {
    throw new ExtractError(`unsupported Cargo.lock version ${lock.version}`, lineOf(text, /^version\s*=/m));
  }

  const packageSpans = tableSpans(text, /^\[\[\s*package\s*\]\]/);
  const rootSpan = tableSpans(text, /^\[\s*root\s*\]/)[0];
  const raw = lock.package ?? [];
  const spansMatch = packageSpans.length === raw.length;
  const entries: Entry[] = [];
  if (lock.root !== undefined) entries.push(checked(text, lock.root, rootSpan, '[root]'));
  raw.forEach((p, i) =>
    entries.push(checked(text, p, spansMatch ? packageSpans[i] : undefined, `package #${i + 1}`)),
  );

  const ids = assignIds(entries);
  const resolve = resolver(entries, ids);
  const packages: LockPackage[] = [];
  const roots = new Set<string>();
  const byId = new Map<string, LockPackage>();
  entries.forEach((entry, i) => {
    const { pkg, span } = entry;
    const id = ids[i] ?? '';
    const dependencies = [
      ...new Set(
        (pkg.dependencies ?? []).map(resolve).filter((d): d is string => d !== undefined && d !== id),
      ),
    ].sort();
    if (pkg.source === undefined) for (const d of dependencies) roots.add(d);
    const commit = gitCommit(pkg.source);
    const lockPackage: LockPackage = {
      id,
      name: pkg.name,
      version: pkg.version,
      ecosystem: 'crates.io',
      depGroups: [],
      dependencies,
      ...(commit ? { commit } : {}),
      ...(span ? { start: span.start, end: span.end } : {}),
    };
    if (byId.has(id)) return; // the same local crate listed twice
    byId.set(id, lockPackage);
    packages.push(lockPackage);
  });
  packages.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { packages, roots: [...roots].sort() };
}

function parseToml(text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      throw new ExtractError(`invalid TOML in Cargo.lock: ${error.message.split('\n')[0] ?? ''}`, error.line);
    }
    throw error;
  }
}

function checked(text: string, value: unknown, span: Span | undefined, what: string): Entry {
  const line = span ? lineAt(text, span.start) : undefined;
  try {
    return { pkg: validateShape<CargoPackage>(packageSchema, value, `Cargo.lock ${what}`), span, line };
  } catch (error) {
    if (error instanceof ExtractError) throw new ExtractError(error.message, line);
    throw error;
  }
}

/**
 * `name@version`, made unique with the source when the same name and version come from two sources
 * (a registry release and a git checkout, say).
 */
function assignIds(entries: Entry[]): string[] {
  const count = new Map<string, number>();
  for (const { pkg } of entries) {
    const key = `${pkg.name}@${pkg.version}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  return entries.map(({ pkg }) => {
    const key = `${pkg.name}@${pkg.version}`;
    return (count.get(key) ?? 0) > 1 ? `${key} (${pkg.source ?? 'path'})` : key;
  });
}

/**
 * Resolve a `dependencies` entry (`name`, `name version` or `name version (source)`) to a package id;
 * undefined when the lockfile does not list the package (a hand-trimmed file).
 */
function resolver(entries: Entry[], ids: string[]): (dep: string) => string | undefined {
  const byName = new Map<string, number[]>();
  entries.forEach(({ pkg }, i) => byName.set(pkg.name, [...(byName.get(pkg.name) ?? []), i]));
  return (dep) => {
    const trimmed = dep.trim();
    const space = trimmed.indexOf(' ');
    const name = space === -1 ? trimmed : trimmed.slice(0, space);
    const rest = space === -1 ? '' : trimmed.slice(space + 1).trim();
    const paren = rest.indexOf(' (');
    const version = paren === -1 ? rest : rest.slice(0, paren);
    const source = paren !== -1 && rest.endsWith(')') ? rest.slice(paren + 2, -1) : undefined;
    const candidates = (byName.get(name) ?? []).filter((i) => {
      const pkg = entries[i]?.pkg;
      return (version === '' || pkg?.version === version) && (source === undefined || pkg?.source === source);
    });
    return candidates.length > 0 ? ids[candidates[0] ?? 0] : undefined;
  };
}

/** The commit of a `git+url?…#<commit>` source. */
function gitCommit(source: string | undefined): string | undefined {
  if (!source?.startsWith('git+')) return undefined;
  const hash = source.lastIndexOf('#');
  const commit = hash === -1 ? '' : source.slice(hash + 1);
  return commit === '' ? undefined : commit;
}

/** Spans of the tables whose header line matches `header`, up to the next table header. */
function tableSpans(text: string, header: RegExp): Span[] {
  const spans: Span[] = [];
  let current: Span | undefined;
  let lastContentEnd = 0;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(pos, end).trimEnd();
    const trimmed = line.trimStart();
    if (trimmed.startsWith('[')) {
      if (current) {
        current.end = lastContentEnd;
        current = undefined;
      }
      if (header.test(trimmed)) {
        current = { start: pos + line.length - trimmed.length, end: pos + line.length };
        spans.push(current);
      }
    }
    if (trimmed !== '' && !trimmed.startsWith('#')) lastContentEnd = pos + line.length;
    pos = end + 1;
  }
  if (current) current.end = lastContentEnd;
  return spans;
}

function lineOf(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? lineAt(text, match.index) : undefined;
}
