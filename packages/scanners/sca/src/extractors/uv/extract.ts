/**
 * `uv.lock`: every `[[package]]` except the workspace members (the project itself), with its version,
 * the commit of git sources and its edges (`dependencies`, plus the `optional-dependencies` of the
 * extras some dependent asks for). The members' dependencies are the roots; their groups give
 * depGroups by reachability: a package reachable from a member's `dependencies` is in the main group
 * ([]), else `optional` when reachable from a member's extras, else the names of the member
 * `dev-dependencies` groups that reach it (uv's default group is `dev`).
 */
import {
  ExtractError,
  lineAt,
  type Extraction,
  type Extractor,
  type ExtractInput,
  type LockPackage,
} from '../../model.js';
import { byId, idAllocator, isCommit, normalizeName } from '../pip/pep508.js';
import { parseToml, tableArraySpans, validateLock } from '../poetry/toml.js';
import {
  SUPPORTED_VERSIONS,
  uvLockSchema,
  type UvDependency,
  type UvLock,
  type UvPackage,
} from './schema.js';

function extract(input: ExtractInput): Extraction {
  const lock = validateLock<UvLock>(uvLockSchema, parseToml(input.text, 'uv.lock'), 'uv.lock', input.text);
  if (!SUPPORTED_VERSIONS.includes(lock.version)) {
    const at = /^version\s*=/m.exec(input.text)?.index;
    throw new ExtractError(
      `unsupported uv.lock version ${lock.version}`,
      at === undefined ? undefined : lineAt(input.text, at),
    );
  }
  const entries = lock.package ?? [];
  const names = entries.map((e) => normalizeName(e.name));
  const byName = new Map<string, number[]>();
  names.forEach((name, i) => byName.set(name, [...(byName.get(name) ?? []), i]));
  const members = findMembers(lock, names);
  const spans = tableArraySpans(input.text, 'package', entries.length);
  const lineOf = (i: number): number | undefined => {
    const span = spans?.[i];
    return span ? lineAt(input.text, span.start) : undefined;
  };
  entries.forEach((entry, i) => {
    // Only a local source tree with a dynamic version may leave `version` out.
    if (
      entry.version === undefined &&
      (entry.source?.registry !== undefined || entry.source?.git !== undefined)
    ) {
      throw new ExtractError(`uv.lock: package ${entry.name} has no version`, lineOf(i));
    }
  });

  const resolve = (from: number, dep: UvDependency): number[] => {
    const candidates = byName.get(normalizeName(dep.name)) ?? [];
    if (candidates.length === 0) {
      throw new ExtractError(
        `uv.lock: ${entries[from]?.name ?? '?'} depends on ${dep.name}, which is not locked`,
        lineOf(from),
      );
    }
    let found = candidates;
    if (dep.version !== undefined) found = narrow(found, (i) => entries[i]?.version === dep.version);
    if (dep.source !== undefined) {
      const want = canonical(dep.source);
      found = narrow(found, (i) => canonical(entries[i]?.source) === want);
    }
    return found;
  };

  // Extras asked for anywhere select which optional-dependencies of a (non-member) package are installed.
  const requestedExtras = entries.map(() => new Set<string>());
  entries.forEach((entry, i) => {
    for (const dep of allDependencies(entry)) {
      if (!dep.extra?.length) continue;
      for (const target of resolve(i, dep)) for (const x of dep.extra) requestedExtras[target]?.add(x);
    }
  });

  const edges: number[][] = entries.map((entry, i) => {
    if (members.has(i)) return [];
    const deps = [...(entry.dependencies ?? [])];
    for (const [extra, list] of Object.entries(entry['optional-dependencies'] ?? {})) {
      if (requestedExtras[i]?.has(extra)) deps.push(...list);
    }
    return unique(deps.flatMap((dep) => resolve(i, dep)).filter((t) => t !== i && !members.has(t)));
  });

  // Seeds: what the members ask for, by kind.
  const prodSeeds: number[] = [];
  const optionalSeeds: number[] = [];
  const devSeeds = new Map<string, number[]>();
  for (const m of members) {
    const entry = entries[m];
    if (!entry) continue;
    const targets = (deps: readonly UvDependency[]): number[] =>
      deps.flatMap((dep) => resolve(m, dep)).filter((t) => !members.has(t));
    prodSeeds.push(...targets(entry.dependencies ?? []));
    for (const list of Object.values(entry['optional-dependencies'] ?? {}))
      optionalSeeds.push(...targets(list));
    for (const [group, list] of Object.entries(entry['dev-dependencies'] ?? {})) {
      const key = group.toLowerCase();
      devSeeds.set(key, [...(devSeeds.get(key) ?? []), ...targets(list)]);
    }
  }
  const prod = reach(prodSeeds, edges);
  const optional = reach(optionalSeeds, edges);
  const devGroups = entries.map(() => new Set<string>());
  for (const [group, seeds] of devSeeds) for (const i of reach(seeds, edges)) devGroups[i]?.add(group);

  const nextId = idAllocator();
  const order = entries.map((_, i) => i).filter((i) => !members.has(i));
  order.sort((a, b) => byId({ id: sortKey(entries[a]) }, { id: sortKey(entries[b]) }));
  const ids = new Map<number, string>();
  for (const i of order) ids.set(i, nextId(names[i] ?? '', entries[i]?.version ?? ''));

  const packages = order.map((i): LockPackage => {
    const entry = entries[i] as UvPackage;
    const commit = gitCommit(entry.source);
    const span = spans?.[i];
    return {
      id: ids.get(i) ?? '',
      name: names[i] ?? '',
      version: entry.version ?? '',
      ecosystem: 'PyPI',
      depGroups: prod.has(i) ? [] : optional.has(i) ? ['optional'] : [...(devGroups[i] ?? [])].sort(),
      dependencies: (edges[i] ?? []).map((t) => ids.get(t) ?? '').sort(),
      ...(commit ? { commit } : {}),
      ...(span ? { start: span.start, end: span.end } : {}),
    };
  });
  packages.sort(byId);
  if (members.size === 0) return { packages };
  const roots = unique([...prodSeeds, ...optionalSeeds, ...[...devSeeds.values()].flat()]);
  return { packages, roots: roots.map((i) => ids.get(i) ?? '').sort() };
}

/** Indices of the workspace members: `[manifest].members`, else the editable/virtual package at `.`. */
function findMembers(lock: UvLock, names: readonly string[]): Set<number> {
  const entries = lock.package ?? [];
  const local = (i: number): string | undefined => {
    const source = entries[i]?.source;
    const path = source?.editable ?? source?.virtual;
    return typeof path === 'string' ? path : undefined;
  };
  const listed = new Set((lock.manifest?.members ?? []).map(normalizeName));
  const members = new Set<number>();
  names.forEach((name, i) => {
    const path = local(i);
    if (path !== undefined && (listed.size > 0 ? listed.has(name) : path === '.')) members.add(i);
  });
  return members;
}

function allDependencies(entry: UvPackage): UvDependency[] {
  return [
    ...(entry.dependencies ?? []),
    ...Object.values(entry['optional-dependencies'] ?? {}).flat(),
    ...Object.values(entry['dev-dependencies'] ?? {}).flat(),
  ];
}

/** Keep the candidates passing `test`, or all of them if none does (an edge to each beats a lost one). */
function narrow(candidates: number[], test: (i: number) => boolean): number[] {
  const kept = candidates.filter(test);
  return kept.length > 0 ? kept : candidates;
}

/** JSON with sorted keys, to compare `source` tables. */
function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? '';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** `{ git = "https://host/o/r?rev=main#<sha>" }` -> the sha. */
function gitCommit(source: Record<string, unknown> | undefined): string | undefined {
  const url = source?.git;
  if (typeof url !== 'string') return undefined;
  const hash = url.lastIndexOf('#');
  const ref = hash === -1 ? '' : url.slice(hash + 1);
  return isCommit(ref) ? ref.toLowerCase() : undefined;
}

function reach(seeds: readonly number[], edges: readonly number[][]): Set<number> {
  const seen = new Set<number>();
  const queue = [...seeds];
  while (queue.length > 0) {
    const i = queue.pop() as number;
    if (seen.has(i)) continue;
    seen.add(i);
    for (const t of edges[i] ?? []) if (!seen.has(t)) queue.push(t);
  }
  return seen;
}

function unique(values: readonly number[]): number[] {
  return [...new Set(values)];
}

function sortKey(entry: UvPackage | undefined): string {
  return `${normalizeName(entry?.name ?? '')}\0${entry?.version ?? ''}`;
}

export const extractor: Extractor = {
  id: 'uv',
  ecosystem: 'PyPI',
  files: ['uv.lock'],
  extract,
};
