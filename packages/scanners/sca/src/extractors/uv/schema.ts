/**
 * The parts of `uv.lock` (TOML, `version = 1`) the extractor reads. Each `[[package]]` has a `name`,
 * usually a `version`, and a `source`: `{ registry = url }`, `{ git = "url?rev=..#<sha>" }`, `{ url }`,
 * `{ path }`, `{ directory }`, `{ editable }` or `{ virtual }`. Workspace members (the project itself)
 * are the `editable`/`virtual` packages named in `[manifest].members`, or the one at `.`. Dependencies
 * are `{ name, version?, source?, extra?, marker? }` tables; `version`/`source` appear when the lock
 * holds several versions of the name.
 */
export interface UvDependency {
  name: string;
  version?: string;
  source?: Record<string, unknown>;
  extra?: string[];
}

export interface UvPackage {
  name: string;
  version?: string;
  source?: Record<string, unknown>;
  dependencies?: UvDependency[];
  'optional-dependencies'?: Record<string, UvDependency[]>;
  'dev-dependencies'?: Record<string, UvDependency[]>;
}

export interface UvLock {
  version: number;
  package?: UvPackage[];
  manifest?: { members?: string[] };
}

const dependency = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    version: { type: 'string' },
    source: { type: 'object' },
    extra: { type: 'array', items: { type: 'string' } },
    marker: { type: 'string' },
  },
} as const;

const dependencyGroups = {
  type: 'object',
  additionalProperties: { type: 'array', items: dependency },
} as const;

export const uvLockSchema = {
  type: 'object',
  required: ['version'],
  properties: {
    version: { type: 'integer' },
    manifest: {
      type: 'object',
      properties: { members: { type: 'array', items: { type: 'string' } } },
    },
    package: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1 },
          version: { type: 'string' },
          source: { type: 'object' },
          dependencies: { type: 'array', items: dependency },
          'optional-dependencies': dependencyGroups,
          'dev-dependencies': dependencyGroups,
        },
      },
    },
  },
} as const;

/** Lock format versions the extractor understands. */
export const SUPPORTED_VERSIONS = [1];
