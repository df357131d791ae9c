/**
 * Elixir: `mix.lock`.
 *
 * Hex packages are reported under their Hex name and version, with edges from their dependency lists;
 * git dependencies under their app name, without a version, with the locked commit. The lockfile
 * does not say which dependencies are direct (mix.exs does, in code).
 *
 * Unlike osv-scanner, the Hex tarball checksum is not reported as a `commit`: it is not a VCS commit.
 */
import { ExtractError, lineAt, type Extraction, type Extractor, type LockPackage } from '../../model.js';
import { readEntry, type MixEntry } from './schema.js';
import { parseTerm } from './term.js';

export const extractor: Extractor = {
  id: 'mix',
  ecosystem: 'Hex',
  files: ['mix.lock'],
  extract: ({ text }) => extractMixLock(text),
};

export function extractMixLock(text: string): Extraction {
  if (text.trim() === '') return { packages: [] };
  const term = parseTerm(text, 'mix.lock');
  if (term.kind !== 'map')
    throw new ExtractError('mix.lock must be a map (%{...})', lineAt(text, term.start));

  const entries = term.entries
    .map(([key, value]) => readEntry(text, key, value))
    .filter((e): e is MixEntry => e !== undefined);
  const idOf = (e: MixEntry): string => `${e.name}@${e.version || e.commit || ''}`;
  const idByApp = new Map(entries.map((e) => [e.app, idOf(e)]));

  const byId = new Map<string, LockPackage>();
  for (const entry of entries) {
    const id = idOf(entry);
    if (byId.has(id)) continue;
    const dependencies = [
      ...new Set(
        entry.dependencies.map((app) => idByApp.get(app)).filter((d): d is string => !!d && d !== id),
      ),
    ].sort();
    byId.set(id, {
      id,
      name: entry.name,
      version: entry.version,
      ecosystem: 'Hex',
      depGroups: [],
      dependencies,
      ...(entry.commit ? { commit: entry.commit } : {}),
      start: entry.start,
      end: entry.end,
    });
  }
  return { packages: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}
