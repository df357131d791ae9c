import {
  ExtractError,
  lineAt,
  parseJson,
  type Extraction,
  type Extractor,
  type LockPackage,
} from '../../model.js';
import { validateShape } from '../validate.js';
import { blankBom, jsonSpans, pathKey } from './json-spans.js';
import { SUPPORTED_VERSIONS, lockSchema, versionSchema, type NuGetLock } from './schema.js';

/**
 * NuGet `packages.lock.json`. Each package is reported once across target frameworks; it is direct
 * when any framework lists it as `Direct`. `Project` entries (other projects of the solution) are not
 * NuGet packages and are left out.
 */
export const extractor: Extractor = {
  id: 'nuget',
  ecosystem: 'NuGet',
  files: ['packages.lock.json'],
  extract({ text }) {
    return extractNuGetLock(blankBom(text));
  },
};

function extractNuGetLock(text: string): Extraction {
  const data = parseJson(text, 'packages.lock.json');
  const spans = jsonSpans(text, 3);
  const lineOf = (...path: string[]): number | undefined => {
    const span = spans.get(pathKey(path));
    return span && lineAt(text, span.start);
  };
  const { version } = validateShape<{ version: number }>(versionSchema, data, 'packages.lock.json');
  if (!SUPPORTED_VERSIONS.includes(version)) {
    throw new ExtractError(
      `unsupported packages.lock.json version ${version} (expected 1 or 2)`,
      lineOf('version'),
    );
  }
  const lock = validateShape<NuGetLock>(lockSchema, data, 'packages.lock.json');

  const packages = new Map<string, LockPackage>();
  const roots = new Set<string>();
  for (const [framework, entries] of Object.entries(lock.dependencies)) {
    // Resolved ids of this framework's packages by lower-cased name (NuGet names are case-insensitive).
    const idsByName = new Map<string, string>();
    for (const [name, entry] of Object.entries(entries)) {
      if (entry.type === 'Project') continue;
      if (entry.resolved === undefined) {
        throw new ExtractError(
          `dependencies.${framework}.${name} has no resolved version`,
          lineOf('dependencies', framework, name),
        );
      }
      idsByName.set(name.toLowerCase(), `${name}@${entry.resolved}`);
    }
    for (const [name, entry] of Object.entries(entries)) {
      const id = idsByName.get(name.toLowerCase());
      if (entry.type === 'Project' || id === undefined || entry.resolved === undefined) continue;
      const direct = entry.type === 'Direct';
      let pkg = packages.get(id);
      if (!pkg) {
        const span = spans.get(pathKey(['dependencies', framework, name]));
        pkg = {
          id,
          name,
          version: entry.resolved,
          ecosystem: 'NuGet',
          depGroups: [],
          dependencies: [],
          direct,
          ...(span && { start: span.start, end: span.end }),
        };
        packages.set(id, pkg);
      }
      if (direct) {
        pkg.direct = true;
        roots.add(id);
      }
      const deps = new Set(pkg.dependencies);
      for (const depName of Object.keys(entry.dependencies ?? {})) {
        const depId = idsByName.get(depName.toLowerCase());
        if (depId !== undefined && depId !== id) deps.add(depId);
      }
      pkg.dependencies = [...deps].sort();
    }
  }
  return {
    packages: [...packages.values()].sort((a, b) => compare(a.id, b.id)),
    roots: [...roots].sort(),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
