import type { Extraction, ExtractInput, Extractor, LockPackage } from '../../model.js';
import { FALLBACK_BRANCH, constraintName, readField, releaseBranch, type ApkRecord } from './schema.js';

/**
 * Alpine `lib/apk/db/installed`. Packages are reported by binary name with the aports commit; the
 * release comes from the image's `etc/alpine-release` (osv-scanner's `v3.20` when absent), and the
 * packages named in `etc/apk/world` are the direct ones. Records without a name are skipped.
 */
export const extractor: Extractor = {
  id: 'apk',
  ecosystem: 'Alpine',
  files: ['lib/apk/db/installed'],
  async extract(input) {
    const release = await readSibling(input, '../../../etc/alpine-release');
    const world = await readSibling(input, '../../../etc/apk/world');
    return extractInstalled(
      input.text,
      `Alpine:${(release && releaseBranch(release)) ?? FALLBACK_BRANCH}`,
      world,
    );
  },
};

async function readSibling(input: ExtractInput, relativePath: string): Promise<string | undefined> {
  try {
    return await input.readRelative?.(relativePath);
  } catch {
    return undefined; // outside the scan root or unreadable: as if absent
  }
}

function extractInstalled(text: string, ecosystemVariant: string, world: string | undefined): Extraction {
  const records = readRecords(text).filter((r) => r.name !== undefined && r.name !== '');

  // Installed packages by name and by what they provide, to resolve `D:` and world entries.
  const idByName = new Map<string, string>();
  const idOf = (r: ApkRecord): string => `${r.name ?? ''}@${r.version ?? ''}`;
  for (const r of records) idByName.set(r.name ?? '', idOf(r));
  for (const r of records) {
    for (const provide of r.provides) {
      const name = constraintName(provide);
      if (name !== undefined && !idByName.has(name)) idByName.set(name, idOf(r));
    }
  }

  const packages = new Map<string, LockPackage>();
  for (const r of records) {
    const id = idOf(r);
    if (packages.has(id)) continue;
    const dependencies = new Set<string>();
    for (const token of r.depends) {
      const name = constraintName(token);
      const depId = name === undefined ? undefined : idByName.get(name);
      if (depId !== undefined && depId !== id) dependencies.add(depId);
    }
    packages.set(id, {
      id,
      name: r.name ?? '',
      version: r.version ?? '',
      ecosystem: 'Alpine',
      ecosystemVariant,
      depGroups: [],
      dependencies: [...dependencies].sort(),
      ...(r.commit && { commit: r.commit }),
      ...(r.license && { licenses: [r.license] }),
      start: r.start,
      end: r.end,
    });
  }

  let roots: string[] | undefined;
  if (world !== undefined) {
    const rootSet = new Set<string>();
    for (const token of world.split(/\s+/)) {
      const name = constraintName(token);
      const id = name === undefined ? undefined : idByName.get(name);
      if (id !== undefined) rootSet.add(id);
    }
    roots = [...rootSet].sort();
    for (const pkg of packages.values()) pkg.direct = rootSet.has(pkg.id);
  }
  return {
    packages: [...packages.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    ...(roots && { roots }),
  };
}

/** Split the database into records at blank lines, keeping each record's offsets. */
function readRecords(text: string): ApkRecord[] {
  const records: ApkRecord[] = [];
  let current: ApkRecord | undefined;
  // A leading byte-order mark is skipped, offsets still count it.
  let offset = text.startsWith('\uFEFF') ? 1 : 0;
  for (const rawLine of (offset === 1 ? text.slice(1) : text).split('\n')) {
    const start = offset;
    offset += rawLine.length + 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    if (!current) {
      current = { depends: [], provides: [], start, end: start };
      records.push(current);
    }
    readField(current, line);
    current.end = start + line.length;
  }
  return records;
}
