/**
 * `yarn.lock`, classic (v1) and Berry (yarn 2+). See `schema.ts` for both shapes.
 *
 * Each entry is a package, reported once per name, version and commit as `name@version`. Edges come
 * from each entry's `dependencies` (and classic's `optionalDependencies`), matched to the entry whose
 * header lists that exact spec. Classic lockfiles do not record the project's direct dependencies;
 * Berry's workspace entries do (dev and prod alike), so they become the roots and are not packages.
 */
import { ExtractError, type Extraction, type Extractor, type LockPackage } from '../../model.js';
import {
  gitCommit,
  isPackageName,
  membersOf,
  PackageTable,
  sortedIds,
  splitSpec,
  validateWithLines,
  type Occurrence,
} from '../npm/shared.js';
import { readLockYaml } from '../npm/lockyaml.js';
import { berryEntrySchema, berrySchema, v1Dependencies, v1String, type BerryEntry } from './schema.js';
import { parseYarnV1 } from './v1.js';

export const extractor: Extractor = {
  id: 'yarn',
  ecosystem: 'npm',
  files: ['yarn.lock'],
  extract({ text }) {
    return /^__metadata:/m.test(text) ? readBerry(text) : readClassic(text);
  },
};

function packageId(id: string, o: Occurrence): string {
  return o.commit === undefined ? `${o.name}@${o.version}` : `${o.name}@${o.version}#${o.commit}`;
}

/** `name@range` → the package name, following an `npm:` alias to the real one. */
function nameOfSpec(spec: string): string | undefined {
  const parts = splitSpec(spec);
  if (!parts) return undefined;
  if (parts.rest.startsWith('npm:')) {
    const target = splitSpec(parts.rest.slice(4));
    if (target && isPackageName(target.name)) return target.name;
  }
  return parts.name;
}

function readClassic(text: string): Extraction {
  const table = new PackageTable();
  const bySpec = new Map<string, string>();
  const edges: Array<[string, Record<string, string>]> = [];
  parseYarnV1(text).forEach((block, index) => {
    const first = block.keys[0] as string;
    const name = nameOfSpec(first);
    if (name === undefined || !isPackageName(name)) {
      throw new ExtractError(`cannot read a package name from ${JSON.stringify(first)}`, block.line);
    }
    const version = v1String(block.fields, 'version', first, block.line);
    if (version === undefined) throw new ExtractError(`${first} has no version`, block.line);
    const occurrence: Occurrence = { name, version, depGroups: [], start: block.start, end: block.end };
    const resolved = v1String(block.fields, 'resolved', first, block.line);
    const commit = resolved === undefined ? undefined : gitCommit(resolved);
    if (commit !== undefined) occurrence.commit = commit;
    const id = String(index);
    table.add(id, occurrence);
    for (const key of block.keys) bySpec.set(key, id);
    edges.push([id, v1Dependencies(block.fields, 'dependencies', first, block.line)]);
    edges.push([id, v1Dependencies(block.fields, 'optionalDependencies', first, block.line)]);
  });
  for (const [from, dependencies] of edges) {
    for (const [name, range] of Object.entries(dependencies)) {
      const to = bySpec.get(`${name}@${range}`);
      if (to !== undefined) table.edge(from, to);
    }
  }
  return { packages: table.build(packageId).packages };
}

/** Protocols whose entries are the project's own code. */
const PROJECT_PROTOCOLS = ['workspace:', 'portal:', 'link:'];

function readBerry(text: string): Extraction {
  const yaml = readLockYaml(text);
  if (yaml.data === null || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    throw new ExtractError('expected a mapping at the top level', 1);
  }
  const spans = yaml.spans();
  const raw = yaml.data;
  const data = validateWithLines<Record<string, BerryEntry>>(berrySchema, raw, 'yarn.lock', () =>
    membersOf(raw)
      .filter(([key]) => key !== '__metadata')
      .map(([key, value]) => ({ schema: berryEntrySchema, value, what: key, line: spans.get(key)?.line })),
  );

  const table = new PackageTable();
  const bySpec = new Map<string, string>();
  const projects = new Set<string>();
  for (const [key, entry] of Object.entries(data)) {
    if (key === '__metadata') continue;
    const span = spans.get(key);
    for (const spec of key.split(',')) bySpec.set(spec.trim(), key);
    const resolution = splitSpec(entry.resolution);
    if (!resolution || !isPackageName(resolution.name)) {
      throw new ExtractError(`invalid resolution ${JSON.stringify(entry.resolution)}`, span?.line);
    }
    const reference = resolution.rest;
    if (PROJECT_PROTOCOLS.some((protocol) => reference.startsWith(protocol))) {
      projects.add(key);
      continue;
    }
    const occurrence: Occurrence = { name: resolution.name, version: entry.version, depGroups: [] };
    if (span) Object.assign(occurrence, { start: span.start, end: span.end });
    if (!/^(?:npm|patch|file):/.test(reference)) {
      const commit = gitCommit(reference);
      if (commit !== undefined) occurrence.commit = commit;
    }
    table.add(key, occurrence);
  }

  const resolve = (name: string, range: string): string | undefined =>
    bySpec.get(`${name}@${range}`) ?? bySpec.get(`${name}@npm:${range}`);
  const roots: string[] = [];
  for (const [key, entry] of Object.entries(data)) {
    if (key === '__metadata') continue;
    for (const [name, range] of Object.entries(entry.dependencies ?? {})) {
      const target = resolve(name, range);
      if (target === undefined || !table.has(target)) continue;
      if (projects.has(key)) roots.push(target);
      else table.edge(key, target);
    }
  }
  const { packages, idOf } = table.build(packageId);
  // Workspace members are listed as first-party components (in the inventory and the SBOM, with the
  // version yarn records, usually `0.0.0-use.local`), never matched against advisories.
  for (const key of [...projects].sort()) {
    const entry = data[key]!;
    const resolution = splitSpec(entry.resolution)!;
    if (!resolution.rest.startsWith('workspace:')) continue;
    const span = spans.get(key);
    const member: LockPackage = {
      id: `workspace:${key}`,
      name: resolution.name,
      version: entry.version,
      ecosystem: 'npm',
      depGroups: [],
      firstParty: true,
      direct: false,
    };
    if (span) Object.assign(member, { start: span.start, end: span.end });
    packages.push(member);
  }
  const extraction: Extraction = { packages };
  if (projects.size > 0) extraction.roots = sortedIds(roots.map((r) => idOf.get(r) as string));
  return extraction;
}
