/**
 * What the pnpm extractor reads from a lockfile, however it was read: the general way (the YAML
 * document as objects, `withEmptyMaps`, the schema), the line reader for the usual file
 * (`fastlock.ts`, which builds no document), or between the two the YAML subset reader with keyed
 * maps as `KeyedPairs`, checked here against the same rules (`fromPairs`). The faster ways decline
 * (undefined) whatever they are not sure to read as the general way does; the caller then reads the
 * file the next way, and the general way words the errors.
 */
import { KeyedPairs, type EntrySpan, type LockYaml } from '../npm/lockyaml.js';
import type { Importer, ImporterDependencies, PackageEntry, PnpmLock, SnapshotEntry } from './schema.js';

/** A dependency map's members: names and versions (or dependency paths), as parallel lists. */
export interface Pairs {
  names: readonly string[];
  values: readonly string[];
}

interface PnpmEntry {
  /** The entry itself for a package (name, version, resolution, dev, optional); {} for a snapshot. */
  info: PackageEntry;
  dependencies: Pairs;
  optionalDependencies: Pairs;
}

const NO_PAIRS: Pairs = { names: [], values: [] };
/** The `info` of every snapshot: nothing reads it. */
const NO_INFO: PackageEntry = Object.freeze({});

function pairsOf(members: Array<[string, string]>): Pairs {
  if (members.length === 0) return NO_PAIRS;
  return { names: members.map(([name]) => name), values: members.map(([, value]) => value) };
}

export interface ProjectDependencies {
  dependencies: Pairs;
  optionalDependencies: Pairs;
  devDependencies: Pairs;
}

/** One dependency of an entry: `optional` for one of its `optionalDependencies`. */
export type DependencyVisitor = (name: string, value: string, optional: boolean) => void;

export interface PnpmDocument {
  lockfileVersion: string;
  /** Line of `lockfileVersion`. */
  versionLine: number | undefined;
  /** Every project's direct dependencies (the top level's before `importers` existed). */
  importers: ProjectDependencies[];
  /** `packages` keys, in the order of an object's keys. */
  packageKeys: readonly string[];
  /** The `packages` entry with that number (name, version, resolution, dev, optional). */
  packageInfo(index: number): PackageEntry;
  /** The `packages` value at a key, as looking it up in an object would find it. */
  packageAt(key: string): unknown;
  /** Where the `packages` entry at a key starts and ends. */
  spanAt(key: string): EntrySpan | undefined;
  /** `snapshots` keys, in the order of an object's keys. */
  snapshotKeys: readonly string[];
  /**
   * The dependencies of the `packages` or `snapshots` entry with that number: its `dependencies`,
   * then its `optionalDependencies`, each in the order written.
   */
  dependencies(section: 'packages' | 'snapshots', index: number, visit: DependencyVisitor): void;
}

/** A document over entries held as objects. */
function documentOf(
  fields: Pick<PnpmDocument, 'lockfileVersion' | 'versionLine' | 'importers' | 'packageAt' | 'spanAt'>,
  packages: Array<[string, PnpmEntry]>,
  snapshots: Array<[string, PnpmEntry]>,
): PnpmDocument {
  return {
    ...fields,
    packageKeys: packages.map(([key]) => key),
    packageInfo: (index) => (packages[index] as [string, PnpmEntry])[1].info,
    snapshotKeys: snapshots.map(([key]) => key),
    dependencies: (section, index, visit) => {
      const entry = ((section === 'packages' ? packages : snapshots)[index] as [string, PnpmEntry])[1];
      for (const [pairs, optional] of [
        [entry.dependencies, false],
        [entry.optionalDependencies, true],
      ] as const) {
        for (let i = 0; i < pairs.names.length; i++)
          visit(pairs.names[i] as string, pairs.values[i] as string, optional);
      }
    },
  };
}

function record<T>(value: Record<string, T> | undefined): Record<string, T> {
  return value ?? {};
}

function entryOf(info: PackageEntry | SnapshotEntry, isPackage: boolean): PnpmEntry {
  return {
    info: isPackage ? info : NO_INFO,
    dependencies: pairsOf(Object.entries(record(info.dependencies))),
    optionalDependencies: pairsOf(Object.entries(record(info.optionalDependencies))),
  };
}

function projectOf(importer: Importer): ProjectDependencies {
  const pairs = (map: ImporterDependencies | undefined): Pairs =>
    pairsOf(
      Object.entries(record(map)).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : value.version,
      ]),
    );
  return {
    dependencies: pairs(importer.dependencies),
    optionalDependencies: pairs(importer.optionalDependencies),
    devDependencies: pairs(importer.devDependencies),
  };
}

/** The major version of a `lockfileVersion` (`5.4`, `'6.0'`, `9.0`, `5.4-inlineSpecifiers`); NaN when it is not one. */
export function lockfileMajor(lockfileVersion: string): number {
  const major = /^(\d+)(?:\.\d+)?(?:-[\w-]+)?$/.exec(lockfileVersion)?.[1];
  return major === undefined ? NaN : Number(major);
}

/** The document of a lockfile read the general way (`lock` validated, after `withEmptyMaps`). */
export function fromObjects(lock: PnpmLock, yaml: LockYaml): PnpmDocument {
  const packages = record(lock.packages);
  const importers: Record<string, Importer> = {};
  for (const [path, importer] of Object.entries(record(lock.importers))) importers[path] = importer;
  if (lock.importers === undefined) importers['.'] = lock;
  return documentOf(
    {
      lockfileVersion: lock.lockfileVersion,
      versionLine: yaml.spans().get('lockfileVersion')?.line,
      importers: Object.values(importers).map(projectOf),
      packageAt: (key) => packages[key],
      spanAt: spanLookup(yaml),
    },
    Object.entries(packages).map(([key, entry]) => [key, entryOf(entry, true)]),
    Object.entries(record(lock.snapshots)).map(([key, entry]) => [key, entryOf(entry, false)]),
  );
}

/** Thrown while reading `KeyedPairs` when the general way must decide. */
class Decline extends Error {}

const decline = (): never => {
  throw new Decline();
};

/**
 * The document of a lockfile read with `keyedPairs`, or undefined when the general way must read it:
 * anything `withEmptyMaps` would change other than empty maps, anything the schema refuses, and a
 * few shapes that pnpm does not write (keyed maps in flow style, integer-like package keys).
 */
export function fromPairs(yaml: LockYaml): PnpmDocument | undefined {
  try {
    return readPairs(yaml);
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof KeyedPairs)
  );
}

/**
 * A mapping's members as an object holds them: each key once, with its last value, at its first
 * place. The lists read are returned as they are when no key repeats.
 */
function deduplicated(pairs: KeyedPairs): { keys: readonly string[]; values: readonly unknown[] } {
  const { keys, values } = pairs;
  let unique = true;
  if (keys.length > 16) {
    unique = new Set(keys).size === keys.length;
  } else {
    for (let i = 1; i < keys.length && unique; i++)
      for (let j = 0; j < i && unique; j++) unique = keys[i] !== keys[j];
  }
  if (unique) return pairs;
  const map = new Map<string, unknown>();
  for (let i = 0; i < keys.length; i++) map.set(keys[i] as string, values[i]);
  return { keys: [...map.keys()], values: [...map.values()] };
}

/**
 * The members of a keyed map (a section, a dependency map) as parallel lists; '' is an empty one, as
 * `withEmptyMaps` makes it.
 */
function keyedLists(value: unknown): { keys: readonly string[]; values: readonly unknown[] } {
  if (value instanceof KeyedPairs) return deduplicated(value);
  if (value === '') return { keys: [], values: [] };
  // A flow mapping (`{}`, `{a: 1.0.0}`) is an object already.
  if (isObject(value)) return { keys: Object.keys(value), values: Object.values(value) };
  return decline();
}

function keyedMembers(value: unknown): Array<[string, unknown]> {
  const { keys, values } = keyedLists(value);
  return keys.map((key, i) => [key, values[i]]);
}

/** An entry of a section: an object (a bare key is an empty one). */
function entryObject(value: unknown): Record<string, unknown> {
  if (value === '') return {};
  return isObject(value) ? value : decline();
}

const optionalString = (value: unknown): void => {
  if (value !== undefined && typeof value !== 'string') decline();
};

/** `dependencies` / `optionalDependencies` of a package or snapshot: names to strings. */
function dependencyPairs(value: unknown): Pairs {
  if (value === undefined) return NO_PAIRS;
  const { keys, values } = keyedLists(value);
  for (const version of values) if (typeof version !== 'string') decline();
  return keys.length === 0 ? NO_PAIRS : { names: keys, values: values as readonly string[] };
}

/** A project's dependency map: names to a version, or to `{specifier, version}`. */
function projectPairs(value: unknown): Pairs {
  if (value === undefined) return NO_PAIRS;
  const { keys, values } = keyedLists(value);
  const versions = values.map((spec): string => {
    if (typeof spec === 'string') return spec;
    if (isObject(spec) && typeof spec['version'] === 'string') return spec['version'];
    return decline();
  });
  return keys.length === 0 ? NO_PAIRS : { names: keys, values: versions };
}

function project(importer: Record<string, unknown>): ProjectDependencies {
  return {
    dependencies: projectPairs(importer['dependencies']),
    optionalDependencies: projectPairs(importer['optionalDependencies']),
    devDependencies: projectPairs(importer['devDependencies']),
  };
}

function packageEntry(value: unknown): PnpmEntry {
  const info = entryObject(value);
  for (const field of ['name', 'version', 'dev', 'optional']) optionalString(info[field]);
  const resolution = info['resolution'];
  if (resolution !== undefined) {
    if (!isObject(resolution)) decline();
    const fields = resolution as Record<string, unknown>;
    for (const field of ['commit', 'tarball', 'repo']) optionalString(fields[field]);
  }
  return {
    info: info,
    dependencies: dependencyPairs(info['dependencies']),
    optionalDependencies: dependencyPairs(info['optionalDependencies']),
  };
}

function snapshotEntry(value: unknown): PnpmEntry {
  const info = entryObject(value);
  optionalString(info['optional']);
  return {
    info: NO_INFO,
    dependencies: dependencyPairs(info['dependencies']),
    optionalDependencies: dependencyPairs(info['optionalDependencies']),
  };
}

/** A canonical array index comes first in an object's key order: such keys are left to the general way. */
export function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}

function section(value: unknown): Array<[string, unknown]> {
  if (value === undefined) return [];
  const entries = keyedMembers(value);
  for (const [key] of entries) if (isArrayIndex(key)) decline();
  return entries;
}

function readPairs(yaml: LockYaml): PnpmDocument {
  const top = yaml.data;
  if (!isObject(top)) return decline();
  const lockfileVersion = top['lockfileVersion'];
  if (typeof lockfileVersion !== 'string') return decline();
  // The top level is a project too (before `importers`): its maps are checked whatever comes next.
  const topProject = project(top);
  const importers: ProjectDependencies[] = [];
  if (top['importers'] === undefined) {
    importers.push(topProject);
  } else {
    const byPath = new Map<string, ProjectDependencies>();
    for (const [path, importer] of keyedMembers(top['importers'])) {
      const read = project(entryObject(importer));
      // An object cannot hold `__proto__` by assignment (it sets the prototype): that project is dropped.
      if (path !== '__proto__') byPath.set(path, read);
    }
    importers.push(...byPath.values());
  }
  const packages = section(top['packages']).map(([key, value]): [string, PnpmEntry] => [
    key,
    packageEntry(value),
  ]);
  const snapshots = section(top['snapshots']).map(([key, value]): [string, PnpmEntry] => [
    key,
    snapshotEntry(value),
  ]);
  const byKey = new Map(packages.map(([key, entry]) => [key, entry.info]));
  const emptyObject = {};
  return documentOf(
    {
      lockfileVersion,
      versionLine: yaml.spans().get('lockfileVersion')?.line,
      importers,
      // A key the object does not have finds what objects inherit (`constructor`...), as there.
      packageAt: (key) =>
        byKey.has(key) ? byKey.get(key) : (Reflect.get(Object.prototype, key, emptyObject) as unknown),
      spanAt: spanLookup(yaml),
    },
    packages,
    snapshots,
  );
}

function spanLookup(yaml: LockYaml): (key: string) => EntrySpan | undefined {
  const spans = yaml.spans('packages');
  return (key) => spans.get(key);
}
