import type { Extraction, ExtractInput, Extractor, LockPackage } from '../../model.js';
import {
  FOLDED_FIELDS,
  debianRelease,
  isInstalled,
  osRelease,
  parseSource,
  relationNames,
  type Stanza,
} from './schema.js';

/**
 * Debian `var/lib/dpkg/status`: installed packages, reported by source package name and version (what
 * Debian advisories name), one package per source version however many binaries it built. The release
 * (`Debian:12`) comes from the installed `base-files` version, unless the image's os-release says it is
 * not Debian (a derivative such as Ubuntu also ships dpkg), in which case it is left plain `Debian`.
 */
export const extractor: Extractor = {
  id: 'dpkg',
  ecosystem: 'Debian',
  files: ['var/lib/dpkg/status'],
  async extract(input) {
    const os =
      (await readSibling(input, '../../../etc/os-release')) ??
      (await readSibling(input, '../../../usr/lib/os-release'));
    return extractStatus(input.text, os === undefined ? undefined : osRelease(os));
  },
};

async function readSibling(input: ExtractInput, relativePath: string): Promise<string | undefined> {
  try {
    return await input.readRelative?.(relativePath);
  } catch {
    return undefined; // outside the scan root or unreadable: as if absent
  }
}

interface Installed {
  binary?: string;
  name: string;
  version: string;
  stanza: Stanza;
}

function extractStatus(text: string, os: { id?: string; versionId?: string } | undefined): Extraction {
  const installed: Installed[] = [];
  for (const stanza of readStanzas(text)) {
    const fields = stanza.fields;
    if (!isInstalled(fields.get('status'))) continue;
    const binary = fields.get('package');
    const source = parseSource(fields.get('source') ?? '');
    const name = source.name !== '' ? source.name : binary;
    if (name === undefined || name === '') continue;
    const version = source.version ?? fields.get('version') ?? '';
    installed.push({ ...(binary !== undefined && { binary }), name, version, stanza });
  }

  const variant = release(installed, os);
  const idOf = (p: Installed): string => `${p.name}@${p.version}`;
  // Binary names and what they provide, to resolve relationship fields to ids.
  const idByBinary = new Map<string, string>();
  for (const p of installed) if (p.binary !== undefined) idByBinary.set(p.binary, idOf(p));
  for (const p of installed) {
    for (const name of relationNames(p.stanza.fields.get('provides'))) {
      if (!idByBinary.has(name)) idByBinary.set(name, idOf(p));
    }
  }

  const packages = new Map<string, LockPackage>();
  for (const p of installed) {
    const id = idOf(p);
    let pkg = packages.get(id);
    if (!pkg) {
      pkg = {
        id,
        name: p.name,
        version: p.version,
        ecosystem: 'Debian',
        ...(variant !== undefined && { ecosystemVariant: `Debian:${variant}` }),
        depGroups: [],
        dependencies: [],
        start: p.stanza.start,
        end: p.stanza.end,
      };
      packages.set(id, pkg);
    }
    const deps = new Set(pkg.dependencies);
    const fields = p.stanza.fields;
    for (const name of [
      ...relationNames(fields.get('pre-depends')),
      ...relationNames(fields.get('depends')),
    ]) {
      const depId = idByBinary.get(name);
      if (depId !== undefined && depId !== id) deps.add(depId);
    }
    pkg.dependencies = [...deps].sort();
  }
  return { packages: [...packages.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

function release(
  installed: Installed[],
  os: { id?: string; versionId?: string } | undefined,
): string | undefined {
  if (os?.id !== undefined && os.id !== 'debian') return undefined;
  const baseFiles = installed.find((p) => p.binary === 'base-files');
  const fromBaseFiles = baseFiles && debianRelease(baseFiles.stanza.fields.get('version') ?? '');
  if (fromBaseFiles !== undefined) return fromBaseFiles;
  const fromOs = os?.versionId && /^(\d+)/.exec(os.versionId)?.[1];
  return fromOs || undefined;
}

/**
 * Split the file into stanzas at blank lines. Field names are lower-cased; continuation lines are
 * appended to the field before them when it is a folded field; other lines (stray text) are ignored:
 * dpkg-query would refuse such a file, but a scanner should still read what it can.
 */
function readStanzas(text: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let current: Stanza | undefined;
  let lastField: string | undefined;
  // A leading byte-order mark is skipped, offsets still count it.
  let offset = text.startsWith('\uFEFF') ? 1 : 0;
  for (const rawLine of (offset === 1 ? text.slice(1) : text).split('\n')) {
    const start = offset;
    offset += rawLine.length + 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') {
      current = undefined;
      lastField = undefined;
      continue;
    }
    if (!current) {
      current = { fields: new Map(), start, end: start };
      stanzas.push(current);
    }
    current.end = start + line.length;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // Only folded fields continue; simple ones (Package, Source, Version, Status) are one line.
      if (lastField !== undefined && FOLDED_FIELDS.has(lastField)) {
        current.fields.set(lastField, `${current.fields.get(lastField) ?? ''} ${line.trim()}`);
      }
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      lastField = undefined;
      continue;
    }
    lastField = line.slice(0, colon).trim().toLowerCase();
    current.fields.set(lastField, line.slice(colon + 1).trim());
  }
  return stanzas;
}
