/**
 * The parts of `pdm.lock` (TOML) the extractor reads. `[metadata].lock_version` is 3.x (PDM 1) or 4.x
 * (PDM 2); from 4.4 each package lists the `groups` that need it (`default`, dev groups, optional
 * extras). A package locked with extras appears once more per extras set, with the same name and
 * version and an `extras` list. VCS packages carry `git` and `revision`.
 */
export interface PdmLock {
  metadata: { lock_version: string; groups?: string[] };
  package?: PdmPackage[];
}

export interface PdmPackage {
  name: string;
  version?: string;
  groups?: string[];
  extras?: string[];
  git?: string;
  revision?: string;
  /** PEP 508 requirement strings. */
  dependencies?: string[];
}

export const pdmLockSchema = {
  type: 'object',
  required: ['metadata'],
  properties: {
    metadata: {
      type: 'object',
      required: ['lock_version'],
      properties: {
        lock_version: { type: 'string' },
        groups: { type: 'array', items: { type: 'string' } },
      },
    },
    package: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1 },
          version: { type: 'string' },
          groups: { type: 'array', items: { type: 'string' } },
          extras: { type: 'array', items: { type: 'string' } },
          git: { type: 'string' },
          revision: { type: 'string' },
          dependencies: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

/** Lock format majors the extractor understands. */
export const SUPPORTED_LOCK_MAJORS = ['3', '4'];
