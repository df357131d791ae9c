/**
 * `poetry.lock`: every `[[package]]` with its version, groups (`category`, or `groups` in lock 2.1;
 * the main group gives []), `optional`, the commit of git sources and the edges of
 * `[package.dependencies]`. The lock does not say which packages are direct: the sibling
 * `pyproject.toml`, when there is one, gives the roots.
 */
import type { Extraction, Extractor, ExtractInput, LockPackage } from '../../model.js';
import { allowedBy, byId, idAllocator, normalizeName } from '../pip/pep508.js';
import { siblingPyproject } from './pyproject.js';
import { poetryLockSchema, type PoetryLock, type PoetryPackage } from './schema.js';
import { parseToml, tableArraySpans, validateLock } from './toml.js';

async function extract(input: ExtractInput): Promise<Extraction> {
  const lock = validateLock<PoetryLock>(
    poetryLockSchema,
    parseToml(input.text, 'poetry.lock'),
    'poetry.lock',
    input.text,
  );
  const entries = lock.package ?? [];
  const spans = tableArraySpans(input.text, 'package', entries.length);
  const nextId = idAllocator();

  const packages: LockPackage[] = entries.map((entry, i) => {
    const commit = entry.source?.type === 'git' ? entry.source.resolved_reference : undefined;
    const span = spans?.[i];
    return {
      id: nextId(normalizeName(entry.name), entry.version),
      name: normalizeName(entry.name),
      version: entry.version,
      ecosystem: 'PyPI',
      depGroups: depGroups(entry),
      ...(commit ? { commit } : {}),
      ...(span ? { start: span.start, end: span.end } : {}),
    };
  });

  const byName = new Map<string, LockPackage[]>();
  for (const pkg of packages) byName.set(pkg.name, [...(byName.get(pkg.name) ?? []), pkg]);
  entries.forEach((entry, i) => {
    const pkg = packages[i];
    if (!pkg) return;
    const deps = new Set<string>();
    for (const [depName, spec] of Object.entries(entry.dependencies ?? {})) {
      const candidates = byName.get(normalizeName(depName)) ?? [];
      for (const target of allowedBy(candidates, constraintOf(spec))) deps.add(target.id);
    }
    pkg.dependencies = [...deps].sort();
  });

  const roots = await readRoots(input, byName);
  packages.sort(byId);
  return roots ? { packages, roots } : { packages };
}

function depGroups(entry: PoetryPackage): string[] {
  const groups = new Set<string>();
  if (entry.groups) {
    const lower = entry.groups.map((g) => g.toLowerCase());
    if (!lower.includes('main')) for (const g of lower) groups.add(g);
  } else if (entry.category && entry.category.toLowerCase() !== 'main') {
    groups.add(entry.category.toLowerCase());
  }
  if (entry.optional === true) groups.add('optional');
  return [...groups].sort();
}

/** The version constraint of one `[package.dependencies]` value (string, table, or array of tables). */
function constraintOf(spec: unknown): string | undefined {
  if (typeof spec === 'string') return spec;
  if (Array.isArray(spec)) return undefined; // several marker-dependent constraints: keep every candidate
  if (typeof spec === 'object' && spec !== null && 'version' in spec) {
    return typeof spec.version === 'string' ? spec.version : undefined;
  }
  return undefined;
}

async function readRoots(
  input: ExtractInput,
  byName: Map<string, LockPackage[]>,
): Promise<string[] | undefined> {
  const pyproject = await siblingPyproject(input.readRelative);
  if (!pyproject?.hasSections) return undefined;
  const roots = new Set<string>();
  for (const d of pyproject.declared) for (const pkg of byName.get(d.name) ?? []) roots.add(pkg.id);
  return [...roots].sort();
}

export const extractor: Extractor = {
  id: 'poetry',
  ecosystem: 'PyPI',
  files: ['poetry.lock'],
  extract,
};
