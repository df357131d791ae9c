/**
 * The parts of `poetry.lock` (TOML) the extractor reads. Lock versions 1.x have `category` per package
 * ("main"/"dev"); 2.x drop it, and 2.1 (Poetry 2) adds `groups`. `source` is present for packages not
 * from PyPI (git, legacy index, directory, file, url).
 */
export interface PoetryLock {
  package?: PoetryPackage[];
  metadata?: Record<string, unknown>;
}

export interface PoetryPackage {
  name: string;
  version: string;
  category?: string;
  optional?: boolean;
  groups?: string[];
  source?: { type?: string; url?: string; reference?: string; resolved_reference?: string };
  /** name -> constraint string, `{ version, optional, markers, ... }` table, or an array of those. */
  dependencies?: Record<string, unknown>;
}

export const poetryLockSchema = {
  type: 'object',
  properties: {
    package: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'version'],
        properties: {
          name: { type: 'string', minLength: 1 },
          version: { type: 'string', minLength: 1 },
          category: { type: 'string' },
          optional: { type: 'boolean' },
          groups: { type: 'array', items: { type: 'string' } },
          source: {
            type: 'object',
            properties: {
              type: { type: 'string' },
              url: { type: 'string' },
              reference: { type: 'string' },
              resolved_reference: { type: 'string' },
            },
          },
          dependencies: { type: 'object' },
        },
      },
    },
    metadata: { type: 'object' },
  },
} as const;
