/**
 * `Pipfile.lock`: every package of every category, flat (the lock records no edges and no direct
 * dependencies). A package in `default` is in the main group ([]); one only in `develop` gets `dev`,
 * one only in a custom category gets that category's name. VCS packages have no version and report
 * the commit they are locked to; local path/file packages are not reported.
 */
import {
  ExtractError,
  lineAt,
  parseJson,
  type Extraction,
  type Extractor,
  type ExtractInput,
  type LockPackage,
} from '../../model.js';
import { validateShape } from '../validate.js';
import { byId, idAllocator, isCommit, normalizeName } from '../pip/pep508.js';
import { pipenvLockSchema, type PipenvEntry, type PipenvLock } from './schema.js';

interface Accumulated {
  name: string;
  version: string;
  commit?: string;
  categories: Set<string>;
  start?: number;
  end?: number;
}

function extract(input: ExtractInput): Extraction {
  const data = parseJson(input.text, 'Pipfile.lock');
  const spans = memberSpans(input.text);
  let lock: PipenvLock;
  try {
    lock = validateShape<PipenvLock>(pipenvLockSchema, data, 'Pipfile.lock');
  } catch (error) {
    throw error instanceof ExtractError ? withEntryLine(error, spans, input.text) : error;
  }
  if (!('default' in lock || 'develop' in lock)) {
    throw new ExtractError('Pipfile.lock: neither a "default" nor a "develop" section');
  }
  const found = new Map<string, Accumulated>();
  for (const [category, entries] of Object.entries(lock)) {
    if (category.startsWith('_')) continue;
    for (const [rawName, entry] of Object.entries(entries)) {
      const resolved = resolve(entry);
      if (!resolved) continue;
      const name = normalizeName(rawName);
      const key = `${name}\0${resolved.version}\0${resolved.commit ?? ''}`;
      let acc = found.get(key);
      if (!acc) {
        acc = { name, ...resolved, categories: new Set() };
        found.set(key, acc);
      }
      acc.categories.add(category.toLowerCase());
      const span = spans.get(`${category}\0${rawName}`);
      if (span && (acc.start === undefined || category === 'default')) {
        acc.start = span.start;
        acc.end = span.end;
      }
    }
  }
  const nextId = idAllocator();
  const packages = [...found.values()]
    .sort((a, b) => (a.name === b.name ? cmp(a.version, b.version) : cmp(a.name, b.name)))
    .map((acc): LockPackage => ({
      id: nextId(acc.name, acc.version, acc.commit),
      name: acc.name,
      version: acc.version,
      ecosystem: 'PyPI',
      depGroups: acc.categories.has('default')
        ? []
        : [...acc.categories].map((c) => (c === 'develop' ? 'dev' : c)).sort(),
      ...(acc.commit ? { commit: acc.commit } : {}),
      ...(acc.start === undefined ? {} : { start: acc.start, end: acc.end }),
    }));
  packages.sort(byId);
  return { packages };
}

/** Version and commit of one entry; undefined for a local path/file package with nothing to report. */
function resolve(entry: PipenvEntry): { version: string; commit?: string } | undefined {
  if (entry.version !== undefined) {
    const m = /^===?\s*(\S+)$/.exec(entry.version.trim());
    const commit = entry.git && entry.ref && isCommit(entry.ref) ? entry.ref.toLowerCase() : undefined;
    return { version: m?.[1] ?? '', ...(commit ? { commit } : {}) };
  }
  if (entry.git && entry.ref && isCommit(entry.ref)) return { version: '', commit: entry.ref.toLowerCase() };
  return undefined;
}

/** Give a schema error about `section.name.field` the line of that entry. */
function withEntryLine(error: ExtractError, spans: Map<string, Span>, text: string): ExtractError {
  const path = /^Pipfile\.lock: (\S+)/.exec(error.message)?.[1]?.split('.') ?? [];
  for (let k = path.length; k >= 2; k--) {
    const span = spans.get(`${path[0] ?? ''}\0${path.slice(1, k).join('.')}`);
    if (span) return new ExtractError(error.message, lineAt(text, span.start));
  }
  return error;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Span {
  start: number;
  end: number;
}

interface Frame {
  object: boolean;
  path: string[];
  start: number;
  key?: string;
  keyStart?: number;
  expectKey: boolean;
}

/**
 * Offsets of every second-level member (`"default": { "<name>": {...} }`) of a JSON document, keyed
 * `section\0name`, from its key to its closing brace. The text has already parsed as JSON.
 */
function memberSpans(text: string): Map<string, Span> {
  const spans = new Map<string, Span>();
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (top?.object && top.expectKey) {
        top.key = JSON.parse(text.slice(start, i + 1)) as string;
        top.keyStart = start;
        top.expectKey = false;
      }
    } else if (ch === '{' || ch === '[') {
      const inObject = top?.object === true;
      stack.push({
        object: ch === '{',
        path: top ? [...top.path, inObject ? (top.key ?? '') : '[]'] : [],
        start: inObject ? (top.keyStart ?? i) : i,
        expectKey: ch === '{',
      });
    } else if (ch === '}' || ch === ']') {
      const frame = stack.pop();
      if (frame?.object && frame.path.length === 2)
        spans.set(frame.path.join('\0'), { start: frame.start, end: i + 1 });
    } else if (ch === ',' && top?.object) {
      top.expectKey = true;
    }
  }
  return spans;
}

export const extractor: Extractor = {
  id: 'pipenv',
  ecosystem: 'PyPI',
  files: ['Pipfile.lock'],
  extract,
};
