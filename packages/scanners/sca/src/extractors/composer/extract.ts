/**
 * PHP: Composer's `composer.lock`.
 *
 * `packages` are production packages and `packages-dev` development-only ones (depGroup `dev`, as the
 * lockfile states the scope). Each package's `source.reference` is the VCS commit it was locked to;
 * its `require` map gives the edges (platform requirements such as `php` or `ext-json` are not
 * packages; a name another package `replace`s or `provide`s resolves to that package). The direct
 * dependencies come from the `composer.json` beside the lockfile, when there is one.
 */
import {
  ExtractError,
  lineAt,
  parseJson,
  type Extraction,
  type Extractor,
  type LockPackage,
} from '../../model.js';
import { validateShape } from '../validate.js';
import { topLevelArrayElementSpans, type Span } from './json-spans.js';
import {
  lockSchema,
  manifestSchema,
  packageSchema,
  type ComposerJson,
  type ComposerLock,
  type ComposerPackage,
} from './schema.js';

export const extractor: Extractor = {
  id: 'composer',
  ecosystem: 'Packagist',
  files: ['composer.lock'],
  async extract(input) {
    const manifest = input.readRelative ? await input.readRelative('composer.json') : undefined;
    return extractComposerLock(input.text, manifest);
  },
};

const GROUPS = [
  ['packages', false],
  ['packages-dev', true],
] as const;

export function extractComposerLock(text: string, manifestText?: string): Extraction {
  const lock = validateShape<ComposerLock>(lockSchema, parseJson(text, 'composer.lock'), 'composer.lock');
  const spans = topLevelArrayElementSpans(
    text,
    GROUPS.map(([key]) => key),
  );

  const entries: { pkg: ComposerPackage; lockPackage: LockPackage }[] = [];
  const byName = new Map<string, string>();
  for (const [key, dev] of GROUPS) {
    const list = lock[key] ?? [];
    const keySpans = spans.get(key);
    list.forEach((value, i) => {
      const span = keySpans?.length === list.length ? keySpans[i] : undefined;
      const pkg = checked(text, value, span, `${key} #${i + 1}`);
      const id = `${pkg.name}@${pkg.version}`;
      if (byName.has(pkg.name.toLowerCase())) return;
      const reference = pkg.source?.reference;
      const licenses = typeof pkg.license === 'string' ? [pkg.license] : (pkg.license ?? []);
      const lockPackage: LockPackage = {
        id,
        name: pkg.name,
        version: pkg.version,
        ecosystem: 'Packagist',
        depGroups: dev ? ['dev'] : [],
        scope: dev ? 'dev' : 'prod',
        ...(reference ? { commit: reference } : {}),
        ...(licenses.length > 0 ? { licenses } : {}),
        ...(span ? { start: span.start, end: span.end } : {}),
      };
      byName.set(pkg.name.toLowerCase(), id);
      entries.push({ pkg, lockPackage });
    });
  }

  // Names satisfied by a package that replaces or provides them (polyfills, metapackages).
  const virtual = new Map<string, string>();
  for (const { pkg, lockPackage } of entries) {
    for (const name of [...names(pkg.replace), ...names(pkg.provide)]) {
      if (!byName.has(name.toLowerCase()) && !virtual.has(name.toLowerCase())) {
        virtual.set(name.toLowerCase(), lockPackage.id);
      }
    }
  }
  const resolve = (name: string): string | undefined =>
    byName.get(name.toLowerCase()) ?? virtual.get(name.toLowerCase());

  const packages = entries
    .map(({ pkg, lockPackage }) => ({
      ...lockPackage,
      dependencies: unique(names(pkg.require).map(resolve), lockPackage.id),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const manifest = readManifest(manifestText);
  if (!manifest) return { packages };
  return {
    packages,
    roots: unique([...names(manifest.require), ...names(manifest['require-dev'])].map(resolve)),
  };
}

function checked(text: string, value: unknown, span: Span | undefined, what: string): ComposerPackage {
  try {
    return validateShape<ComposerPackage>(packageSchema, value, `composer.lock ${what}`);
  } catch (error) {
    if (error instanceof ExtractError && span)
      throw new ExtractError(error.message, lineAt(text, span.start));
    throw error;
  }
}

/**
 * The project's composer.json, for its direct requirements. A missing or unreadable manifest only
 * means the direct dependencies are unknown; it does not make the lockfile unreadable.
 */
function readManifest(text: string | undefined): ComposerJson | undefined {
  if (text === undefined) return undefined;
  try {
    return validateShape<ComposerJson>(manifestSchema, parseJson(text, 'composer.json'), 'composer.json');
  } catch {
    return undefined;
  }
}

function names(map: Record<string, unknown> | [] | undefined): string[] {
  return map && !Array.isArray(map) ? Object.keys(map) : [];
}

function unique(ids: (string | undefined)[], self?: string): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined && id !== self))].sort();
}
