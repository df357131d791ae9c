/**
 * The parts of `Pipfile.lock` (JSON) the extractor reads: `_meta`, then one object per package
 * category: `default`, `develop`, and since pipenv 2023.x any custom category named in the Pipfile
 * (`[docs]` -> `"docs"`). Each maps a package name to its entry; registry packages pin
 * `"version": "==x"`, VCS packages have `git` and `ref` instead, local ones `path`/`file`.
 */
export interface PipenvEntry {
  version?: string;
  git?: string;
  ref?: string;
  path?: string;
  file?: string;
  editable?: boolean;
}

export type PipenvLock = Record<string, Record<string, PipenvEntry>>;

const entrySchema = {
  type: 'object',
  properties: {
    version: { type: 'string' },
    git: { type: 'string' },
    ref: { type: 'string' },
    path: { type: 'string' },
    file: { type: 'string' },
    editable: { type: 'boolean' },
    markers: { type: 'string' },
    hashes: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const pipenvLockSchema = {
  type: 'object',
  properties: {
    _meta: { type: 'object' },
  },
  patternProperties: {
    '^[^_]': { type: 'object', additionalProperties: entrySchema },
  },
} as const;
