import { parseJson, type Extraction, type Extractor, type LockPackage } from '../../model.js';
import { blankBom, jsonSpans, pathKey } from '../nuget/json-spans.js';
import { validateShape } from '../validate.js';
import { lockSchema, type RenvLock, type RenvPackage } from './schema.js';

/**
 * `renv.lock` (R). Only packages installed from a CRAN-like repository are reported: OSV's CRAN
 * ecosystem does not cover Bioconductor, Git or local packages, and matching them by name against CRAN
 * advisories would be wrong.
 */
export const extractor: Extractor = {
  id: 'renv',
  ecosystem: 'CRAN',
  files: ['renv.lock'],
  extract({ text }) {
    return extractRenvLock(blankBom(text));
  },
};

function extractRenvLock(text: string): Extraction {
  const lock = validateShape<RenvLock>(lockSchema, parseJson(text, 'renv.lock'), 'renv.lock');
  const entries = Object.entries(lock.Packages ?? {}).filter(([, p]) => fromCranRepository(p));
  const spans = jsonSpans(text, 2);
  const idsByName = new Map(entries.map(([, p]) => [p.Package, `${p.Package}@${p.Version}`]));

  const packages = new Map<string, LockPackage>();
  for (const [key, p] of entries) {
    const id = `${p.Package}@${p.Version}`;
    if (packages.has(id)) continue;
    const dependencies = new Set<string>();
    for (const name of p.Requirements ?? []) {
      const depId = idsByName.get(name);
      if (depId !== undefined && depId !== id) dependencies.add(depId);
    }
    const span = spans.get(pathKey(['Packages', key]));
    packages.set(id, {
      id,
      name: p.Package,
      version: p.Version,
      ecosystem: 'CRAN',
      depGroups: [],
      dependencies: [...dependencies].sort(),
      ...(span && { start: span.start, end: span.end }),
    });
  }
  return { packages: [...packages.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

function fromCranRepository(p: RenvPackage): boolean {
  const repository = p.Repository?.trim() ?? '';
  if (repository === '' || /^bioc/i.test(repository)) return false;
  return p.Source === undefined || p.Source === 'Repository';
}
