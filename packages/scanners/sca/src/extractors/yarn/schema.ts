/**
 * What the yarn extractor reads from `yarn.lock`.
 *
 * Classic (yarn 1, "# yarn lockfile v1", yarn's own text format read by `v1.ts`): one entry per
 * resolved package, headed by the specs it satisfies.
 *
 *     lodash@^4.17.0, lodash@^4.17.21:
 *       version "4.17.21"                                  required
 *       resolved "https://…/lodash-4.17.21.tgz#<sha1>"      a git URL carries the commit
 *       dependencies:                                       name "range", also optionalDependencies
 *
 * Berry (yarn 2+, YAML with a `__metadata` entry): the same shape with YAML syntax, specs carrying a
 * protocol (`lodash@npm:^4.17.0`) and a `resolution` naming what was picked:
 *
 *     "lodash@npm:^4.17.0":
 *       version: 4.17.21                                    required
 *       resolution: "lodash@npm:4.17.21"                    required; `name@<protocol>:<reference>`
 *       dependencies: { name: range }
 *
 * Protocols: `npm:` (registry), `patch:` (a patched package; the version is the patched one),
 * `workspace:` / `portal:` / `link:` (the project's own code, not packages), `file:`, git URLs
 * (`…#commit=<sha>`) and tarball URLs.
 */
import { ExtractError } from '../../model.js';
import { setOwn } from '../npm/shared.js';

export interface YarnObject {
  [key: string]: string | YarnObject;
}

/** A Berry entry once YAML is read with every scalar as a string. */
export interface BerryEntry {
  version: string;
  resolution: string;
  dependencies?: Record<string, string>;
}

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

/** The whole Berry document: `__metadata` and the entries, every scalar a string (failsafe YAML). */
export const berrySchema = {
  type: 'object',
  required: ['__metadata'],
  properties: {
    __metadata: { type: 'object', properties: { version: { type: 'string' } } },
  },
  additionalProperties: { $ref: '#/definitions/entry' },
  definitions: {
    entry: {
      type: 'object',
      required: ['version', 'resolution'],
      properties: {
        version: { type: 'string' },
        resolution: { type: 'string' },
        dependencies: stringMap,
      },
    },
  },
};

/** One Berry entry. */
export const berryEntrySchema = berrySchema.definitions.entry;

/** A v1 field that must be a string, or undefined when absent. */
export function v1String(fields: YarnObject, key: string, entry: string, line: number): string | undefined {
  const value = fields[key];
  if (value === undefined || typeof value === 'string') return value;
  throw new ExtractError(`${key} of ${entry} must be a value, not a block`, line);
}

/** A v1 field that must be a block of `name "range"` lines, or {} when absent. */
export function v1Dependencies(
  fields: YarnObject,
  key: string,
  entry: string,
  line: number,
): Record<string, string> {
  const value = fields[key];
  if (value === undefined) return {};
  if (typeof value === 'string') throw new ExtractError(`${key} of ${entry} must be a block`, line);
  const out: Record<string, string> = {};
  for (const [name, range] of Object.entries(value)) {
    if (typeof range !== 'string') {
      throw new ExtractError(`${key}.${name} of ${entry} must be a range`, line);
    }
    setOwn(out, name, range);
  }
  return out;
}
