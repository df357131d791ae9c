/**
 * What the npm extractor reads from `package-lock.json` / `npm-shrinkwrap.json`
 * (https://docs.npmjs.com/cli/configuring-npm/package-lock-json). Unknown fields are allowed.
 *
 * - lockfileVersion 1 (npm 5, 6): a `dependencies` tree keyed by install name, nested where npm could
 *   not hoist, with `requires` naming each package's dependencies.
 * - lockfileVersion 2 (npm 7, 8): `packages` keyed by install path (`""` is the project,
 *   `node_modules/a/node_modules/b`, `packages/ws` for a workspace), plus the v1 tree for old clients.
 * - lockfileVersion 3 (npm 9+): `packages` only.
 */

export type DependencyMap = Record<string, string>;

/** One `packages` entry (v2, v3). */
export interface PackageEntry {
  /** The real package name when it is installed under an alias, or a workspace's own name. */
  name?: string;
  version?: string;
  resolved?: string | boolean;
  /** A symlink (workspace or `file:` dependency); `resolved` is the target's path. */
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  inBundle?: boolean;
  license?: unknown;
  dependencies?: DependencyMap;
  optionalDependencies?: DependencyMap;
  peerDependencies?: DependencyMap;
  devDependencies?: DependencyMap;
  /** On the project entry: the workspace globs from package.json. */
  workspaces?: string[] | { packages?: string[] };
}

/** One `dependencies` entry (v1 tree). */
export interface V1Entry {
  /** A version, `npm:<name>@<version>` for an alias, or a git/file/tarball spec. */
  version: string;
  dev?: boolean;
  optional?: boolean;
  bundled?: boolean;
  requires?: DependencyMap;
  dependencies?: Record<string, V1Entry>;
}

export interface NpmLock {
  lockfileVersion?: number;
  packages?: Record<string, PackageEntry>;
  /** Not checked until it is read (v1). */
  dependencies?: unknown;
}

const dependencyMap = { type: 'object', additionalProperties: { type: 'string' } };

/** One `packages` entry. */
export const packageEntrySchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    resolved: { type: ['string', 'boolean'] },
    link: { type: 'boolean' },
    dev: { type: 'boolean' },
    optional: { type: 'boolean' },
    devOptional: { type: 'boolean' },
    peer: { type: 'boolean' },
    inBundle: { type: 'boolean' },
    dependencies: dependencyMap,
    optionalDependencies: dependencyMap,
    peerDependencies: dependencyMap,
    devDependencies: dependencyMap,
    workspaces: {
      anyOf: [
        { type: 'array', items: { type: 'string' } },
        { type: 'object', properties: { packages: { type: 'array', items: { type: 'string' } } } },
      ],
    },
  },
};

/** The top level and, for v2/v3, `packages`. */
export const npmLockSchema = {
  type: 'object',
  properties: {
    lockfileVersion: { type: 'integer' },
    packages: { type: 'object', additionalProperties: packageEntrySchema },
  },
};

/** The v1 `dependencies` tree, checked only when it is what the extractor reads. */
export const npmV1Schema = {
  type: 'object',
  properties: {
    dependencies: { type: 'object', additionalProperties: { $ref: '#/definitions/v1' } },
  },
  definitions: {
    v1: {
      type: 'object',
      required: ['version'],
      properties: {
        version: { type: 'string' },
        dev: { type: 'boolean' },
        optional: { type: 'boolean' },
        bundled: { type: 'boolean' },
        requires: dependencyMap,
        dependencies: { type: 'object', additionalProperties: { $ref: '#/definitions/v1' } },
      },
    },
  },
};

/** One v1 entry with everything nested in it. */
export const v1EntrySchema = { $ref: '#/definitions/v1', definitions: npmV1Schema.definitions };
