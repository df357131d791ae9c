/**
 * The parts of Composer's `composer.lock` (https://getcomposer.org/doc/01-basic-usage.md#composer-lock-the-lock-file)
 * and `composer.json` the extractor reads.
 *
 * `packages` holds what `composer install --no-dev` installs, `packages-dev` what only development
 * needs. Each package names its `require`ments (other packages, or platform entries such as `php` and
 * `ext-json` that are not packages), the VCS `source` it was locked to and its `license`s.
 */

export interface ComposerSource {
  type?: string;
  url?: string;
  reference?: string | null;
}

export interface ComposerPackage {
  name: string;
  version: string;
  source?: ComposerSource | null;
  /** An empty map may be written as `[]` by PHP. */
  require?: Record<string, string> | [];
  replace?: Record<string, string> | [];
  provide?: Record<string, string> | [];
  license?: string[] | string;
}

export interface ComposerLock {
  packages: unknown[];
  'packages-dev'?: unknown[] | null;
}

export interface ComposerJson {
  require?: Record<string, unknown> | [];
  'require-dev'?: Record<string, unknown> | [];
}

const linkMap = { type: ['object', 'array'], additionalProperties: { type: 'string' }, maxItems: 0 } as const;

export const lockSchema = {
  type: 'object',
  required: ['packages'],
  properties: {
    packages: { type: 'array', items: { type: 'object' } },
    'packages-dev': { type: ['array', 'null'], items: { type: 'object' } },
  },
} as const;

export const packageSchema = {
  type: 'object',
  required: ['name', 'version'],
  properties: {
    name: { type: 'string', minLength: 1 },
    version: { type: 'string', minLength: 1 },
    source: {
      type: ['object', 'null'],
      properties: {
        type: { type: 'string' },
        url: { type: 'string' },
        reference: { type: ['string', 'null'] },
      },
    },
    require: linkMap,
    replace: linkMap,
    provide: linkMap,
    license: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  },
} as const;

export const manifestSchema = {
  type: 'object',
  properties: {
    require: { type: ['object', 'array'], maxItems: 0 },
    'require-dev': { type: ['object', 'array'], maxItems: 0 },
  },
} as const;
