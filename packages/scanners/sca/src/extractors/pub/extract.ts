/**
 * Dart and Flutter: `pubspec.lock`.
 *
 * Every entry under `packages:` is reported (SDK packages such as `flutter` included, as osv-scanner
 * does). The `dependency` field states whether a package is direct and, for direct ones, whether it
 * is a main or a dev dependency; git packages carry their `resolved-ref` commit. The lockfile has no
 * edges.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { ExtractError, lineAt, type Extraction, type Extractor, type LockPackage } from '../../model.js';
import { DEPENDENCY_KINDS, readEntry } from './schema.js';

export const extractor: Extractor = {
  id: 'pub',
  ecosystem: 'Pub',
  files: ['pubspec.lock'],
  extract: ({ text }) => extractPubspecLock(text),
};

export function extractPubspecLock(text: string): Extraction {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line;
    throw new ExtractError(`invalid YAML in pubspec.lock: ${error.message.split('\n')[0] ?? ''}`, line);
  }
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { packages: [], roots: [] };
  if (!isMap(root)) {
    throw new ExtractError(
      'pubspec.lock must be a mapping with a packages key',
      lineAt(text, root.range?.[0] ?? 0),
    );
  }
  const packagesNode = root.get('packages', true) as Node | undefined;
  if (packagesNode === undefined || (isScalar(packagesNode) && packagesNode.value === null)) {
    return { packages: [], roots: [] };
  }
  if (!isMap(packagesNode)) {
    throw new ExtractError(
      'pubspec.lock: packages must be a mapping',
      lineAt(text, packagesNode.range?.[0] ?? 0),
    );
  }

  const byId = new Map<string, LockPackage>();
  for (const pair of packagesNode.items) {
    const entry = readEntry(text, pair);
    const kind = entry.dependency === undefined ? undefined : DEPENDENCY_KINDS[entry.dependency];
    const commit = entry.source === 'git' ? entry.resolvedRef : undefined;
    const pkg: LockPackage = {
      id: `${entry.name}@${entry.version}`,
      name: entry.name,
      version: entry.version,
      ecosystem: 'Pub',
      depGroups: kind?.dev ? ['dev'] : [],
      ...(kind ? { direct: kind.direct } : {}),
      ...(kind?.dev !== undefined ? { scope: kind.dev ? 'dev' : 'prod' } : {}),
      ...(commit ? { commit } : {}),
      start: entry.start,
      end: entry.end,
    };
    if (!byId.has(pkg.id)) byId.set(pkg.id, pkg);
  }
  const packages = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { packages, roots: packages.filter((p) => p.direct).map((p) => p.id) };
}
