/**
 * What the pnpm extractor reads from `pnpm-lock.yaml`, read as failsafe YAML (every scalar a string)
 * once `withEmptyMaps` has turned empty sections and entries (`packages:` with nothing under it, a
 * bare `/foo/1.0.0:`) into `{}`. Unknown fields are allowed.
 *
 * - v5.x (pnpm 5–7): `dependencies` / `devDependencies` / `optionalDependencies` of the project at the
 *   top level (or per project under `importers`), mapping a name to a version or dependency path;
 *   `packages` keyed by dependency path `/name/1.0.0`, `/@scope/name/1.0.0_peer@2.0.0`, or
 *   `host/name/1.0.0` for another registry, each with `dev: true|false`, `optional`, `dependencies`.
 *   `5.4-inlineSpecifiers` already writes the project's dependencies as `{specifier, version}`.
 * - v6 (pnpm 8): as v5 with `{specifier, version}` dependencies and paths `/name@1.0.0(peer@2.0.0)`.
 * - v9 (pnpm 9, 10): `importers` for every project; `packages` keyed `name@1.0.0` holds what a
 *   package is (resolution, and `name`/`version` for git, tarball and local ones); `snapshots` keyed
 *   `name@1.0.0(peer@2.0.0)` holds its dependencies once its peers are resolved. No `dev` flags.
 *
 * A package resolved from git has `resolution: {commit, repo, type: git}`; from a tarball,
 * `resolution: {tarball}` (a codeload.github.com tarball names the commit); local ones `directory`.
 */
import { setOwn } from '../npm/shared.js';

export type DependencyMap = Record<string, string>;
/** A project dependency: v5 writes the resolved version or path, v6+ `{specifier, version}`. */
export type ImporterDependencies = Record<string, string | { version: string }>;

export interface Importer {
  dependencies?: ImporterDependencies;
  devDependencies?: ImporterDependencies;
  optionalDependencies?: ImporterDependencies;
}

export interface PackageEntry {
  name?: string;
  version?: string;
  resolution?: { commit?: string; tarball?: string; repo?: string };
  /** 'true' / 'false' (v5, v6). */
  dev?: string;
  optional?: string;
  dependencies?: DependencyMap;
  optionalDependencies?: DependencyMap;
}

export interface SnapshotEntry {
  dependencies?: DependencyMap;
  optionalDependencies?: DependencyMap;
  optional?: string;
}

export interface PnpmLock extends Importer {
  lockfileVersion: string;
  importers?: Record<string, Importer>;
  packages?: Record<string, PackageEntry>;
  snapshots?: Record<string, SnapshotEntry>;
}

const dependencyMap = { type: 'object', additionalProperties: { type: 'string' } };
const importerDependencies = {
  type: 'object',
  additionalProperties: {
    anyOf: [
      { type: 'string' },
      { type: 'object', required: ['version'], properties: { version: { type: 'string' } } },
    ],
  },
};
/** One project under `importers`. */
export const importerSchema = {
  type: 'object',
  properties: {
    dependencies: importerDependencies,
    devDependencies: importerDependencies,
    optionalDependencies: importerDependencies,
  },
};

/** One `packages` entry. */
export const packageEntrySchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    resolution: {
      type: 'object',
      properties: { commit: { type: 'string' }, tarball: { type: 'string' }, repo: { type: 'string' } },
    },
    dev: { type: 'string' },
    optional: { type: 'string' },
    dependencies: dependencyMap,
    optionalDependencies: dependencyMap,
  },
};

/** One `snapshots` entry (v9). */
export const snapshotEntrySchema = {
  type: 'object',
  properties: {
    dependencies: dependencyMap,
    optionalDependencies: dependencyMap,
    optional: { type: 'string' },
  },
};

export const pnpmLockSchema = {
  type: 'object',
  required: ['lockfileVersion'],
  properties: {
    lockfileVersion: { type: 'string' },
    ...importerSchema.properties,
    importers: { type: 'object', additionalProperties: importerSchema },
    packages: { type: 'object', additionalProperties: packageEntrySchema },
    snapshots: { type: 'object', additionalProperties: snapshotEntrySchema },
  },
};

const SECTIONS = ['importers', 'packages', 'snapshots'] as const;
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An empty YAML value where a mapping belongs, as `{}`; a copy where anything changes. */
function emptyToMap(value: unknown, fields: readonly string[]): unknown {
  if (!isRecord(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const field of fields) {
    if (Object.hasOwn(value, field) && value[field] === '') {
      copy ??= { ...value };
      copy[field] = {};
    }
  }
  return copy ?? value;
}

/** The document with every empty section, entry and dependency list as `{}`. */
export function withEmptyMaps(document: unknown): unknown {
  const top = emptyToMap(emptyToMap(document, SECTIONS), DEPENDENCY_FIELDS);
  if (!isRecord(top)) return top;
  const out: Record<string, unknown> = { ...top };
  for (const section of SECTIONS) {
    const entries = out[section];
    if (!isRecord(entries)) continue;
    // A section is copied only when one of its entries changes (the copy keeps the key order).
    const changed = Object.values(entries).some(
      (entry) => entry === '' || emptyToMap(entry, DEPENDENCY_FIELDS) !== entry,
    );
    if (!changed) continue;
    const normalized: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(entries)) {
      setOwn(normalized, key, emptyToMap(entry === '' ? {} : entry, DEPENDENCY_FIELDS));
    }
    out[section] = normalized;
  }
  return out;
}
