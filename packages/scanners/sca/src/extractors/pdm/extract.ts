/**
 * `pdm.lock`: every `[[package]]` with its version, groups, the commit of git packages and the edges
 * of its `dependencies`. Entries repeated for an extras set are merged into one package. depGroups
 * follow the lock's `groups`: a package of `default` is in the main group ([]); otherwise `optional`
 * when an optional-dependency extra needs it, else `dev`. Which group is which comes from the sibling
 * `pyproject.toml` when there is one (which also gives the roots); without it, a group named `dev` is
 * a dev group and any other an optional extra.
 */
import {
  ExtractError,
  lineAt,
  type Extraction,
  type Extractor,
  type ExtractInput,
  type LockPackage,
} from '../../model.js';
import { allowedBy, byId, idAllocator, isCommit, looseRequirement, normalizeName } from '../pip/pep508.js';
import { siblingPyproject, type Pyproject } from '../poetry/pyproject.js';
import { parseToml, tableArraySpans, validateLock } from '../poetry/toml.js';
import { pdmLockSchema, SUPPORTED_LOCK_MAJORS, type PdmLock, type PdmPackage } from './schema.js';

interface Merged {
  pkg: LockPackage;
  groups: Set<string>;
  requires: string[];
}

async function extract(input: ExtractInput): Promise<Extraction> {
  const lock = validateLock<PdmLock>(
    pdmLockSchema,
    parseToml(input.text, 'pdm.lock'),
    'pdm.lock',
    input.text,
  );
  const major = lock.metadata.lock_version.split('.')[0] ?? '';
  if (!SUPPORTED_LOCK_MAJORS.includes(major)) {
    const at = /^lock_version\s*=/m.exec(input.text)?.index;
    throw new ExtractError(
      `unsupported pdm.lock lock_version ${JSON.stringify(lock.metadata.lock_version)}`,
      at === undefined ? undefined : lineAt(input.text, at),
    );
  }
  const pyproject = await siblingPyproject(input.readRelative);

  const entries = lock.package ?? [];
  const spans = tableArraySpans(input.text, 'package', entries.length);
  const merged = new Map<string, Merged>();
  entries.forEach((entry, i) => {
    const name = normalizeName(entry.name);
    const version = entry.version ?? '';
    const commit = commitOf(entry);
    const key = `${name}\0${version}\0${commit ?? ''}`;
    let m = merged.get(key);
    const span = spans?.[i];
    if (!m) {
      m = {
        pkg: {
          id: '',
          name,
          version,
          ecosystem: 'PyPI',
          depGroups: [],
          ...(commit ? { commit } : {}),
        },
        groups: new Set(),
        requires: [],
      };
      merged.set(key, m);
    }
    if (span && (m.pkg.start === undefined || !entry.extras?.length)) {
      m.pkg.start = span.start;
      m.pkg.end = span.end;
    }
    for (const g of entry.groups ?? []) m.groups.add(g.toLowerCase());
    m.requires.push(...(entry.dependencies ?? []));
  });

  const all = [...merged.values()].sort((a, b) => byId({ id: key(a) }, { id: key(b) }));
  const nextId = idAllocator();
  for (const m of all) {
    m.pkg.id = nextId(m.pkg.name, m.pkg.version);
    m.pkg.depGroups = depGroups(m.groups, pyproject);
  }
  const byName = new Map<string, LockPackage[]>();
  for (const { pkg } of all) byName.set(pkg.name, [...(byName.get(pkg.name) ?? []), pkg]);
  for (const m of all) {
    const deps = new Set<string>();
    for (const text of m.requires) {
      const req = looseRequirement(text);
      if (!req) continue;
      for (const target of allowedBy(byName.get(req.name) ?? [], req.specifier)) {
        if (target !== m.pkg) deps.add(target.id);
      }
    }
    m.pkg.dependencies = [...deps].sort();
  }

  const packages = all.map((m) => m.pkg).sort(byId);
  if (!pyproject?.hasSections) return { packages };
  const roots = new Set<string>();
  for (const d of pyproject.declared) for (const pkg of byName.get(d.name) ?? []) roots.add(pkg.id);
  return { packages, roots: [...roots].sort() };
}

function key(m: Merged): string {
  return `${m.pkg.name}\0${m.pkg.version}\0${m.pkg.commit ?? ''}`;
}

function commitOf(entry: PdmPackage): string | undefined {
  return entry.git && entry.revision && isCommit(entry.revision) ? entry.revision.toLowerCase() : undefined;
}

function depGroups(groups: Set<string>, pyproject: Pyproject | undefined): string[] {
  if (groups.size === 0 || groups.has('default')) return [];
  for (const g of groups) {
    const optional = pyproject?.extras.has(g) ?? false;
    const dev = pyproject?.devGroups.has(g) ?? false;
    if (optional || (!dev && g !== 'dev')) return ['optional'];
  }
  return ['dev'];
}

export const extractor: Extractor = {
  id: 'pdm',
  ecosystem: 'PyPI',
  files: ['pdm.lock'],
  extract,
};
