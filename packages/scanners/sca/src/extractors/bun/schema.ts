/**
 * What the bun extractor reads from `bun.lock`, Bun's text lockfile (Bun 1.1.39+, the default since
 * 1.2). It is JSON with trailing commas (and, being JSONC, possibly comments):
 *
 *     {
 *       "lockfileVersion": 1,
 *       "workspaces": {
 *         "": { "name": "app", "dependencies": { "lodash": "^4.17.21" }, "devDependencies": { … } },
 *         "packages/lib": { "name": "lib", "dependencies": { … } },
 *       },
 *       "packages": {
 *         "lodash": ["lodash@4.17.21", "", {}, "sha512-…"],
 *         "chalk/ansi-styles": ["ansi-styles@4.3.0", "", { "dependencies": { "color-convert": "^2.0.1" } }, "sha512-…"],
 *         "lib": ["lib@workspace:packages/lib"],
 *       },
 *     }
 *
 * A `packages` key is where the package is installed: its name, or `parent/name` when nested under
 * another package (or a workspace) whose key is `parent`. The value starts with `name@resolution`:
 *
 * - npm:       [`name@1.2.3`, registry ('' for the default), info, integrity]
 * - git:       [`name@git+https://…#<sha>`, info, tag]; github: [`name@github:owner/repo#<sha>`, info, tag]
 * - tarball:   [`name@https://….tgz`, info]; folder: [`name@file:path`, info]; symlink: [`name@link:path`, info]
 * - workspace: [`name@workspace:path`]; root: [`name@root:`, { bin }]
 *
 * `info` holds `dependencies`, `optionalDependencies`, `peerDependencies` (name → range), `bin`, `os`…
 */

export type DependencyMap = Record<string, string>;

export interface Workspace {
  name?: string;
  dependencies?: DependencyMap;
  devDependencies?: DependencyMap;
  optionalDependencies?: DependencyMap;
  peerDependencies?: DependencyMap;
}

export interface PackageInfo {
  dependencies?: DependencyMap;
  optionalDependencies?: DependencyMap;
  peerDependencies?: DependencyMap;
}

/** `[ident, …]`: strings (registry, integrity, tag) and one info object. */
export type PackageTuple = [string, ...Array<string | PackageInfo>];

export interface BunLock {
  lockfileVersion: number;
  workspaces?: Record<string, Workspace>;
  packages?: Record<string, PackageTuple>;
}

const dependencyMap = { type: 'object', additionalProperties: { type: 'string' } };
const dependencies = {
  dependencies: dependencyMap,
  optionalDependencies: dependencyMap,
  peerDependencies: dependencyMap,
};

/** One `workspaces` entry. */
export const workspaceSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, devDependencies: dependencyMap, ...dependencies },
};

/** One `packages` entry. */
export const packageTupleSchema = {
  type: 'array',
  minItems: 1,
  items: [{ type: 'string' }],
  additionalItems: {
    anyOf: [{ type: 'string' }, { type: 'object', properties: dependencies }],
  },
};

export const bunLockSchema = {
  type: 'object',
  required: ['lockfileVersion'],
  properties: {
    lockfileVersion: { type: 'integer' },
    workspaces: { type: 'object', additionalProperties: workspaceSchema },
    packages: { type: 'object', additionalProperties: packageTupleSchema },
  },
};
