import { SEVERITIES } from '../finding.js';
import { OPTIONS, type OptionSpec, type OptionType } from './options.js';

/** Pattern of a size: `1048576`, `512KB`, `10 MB`, `1.5GiB`. Linear: no nested quantifiers. */
export const SIZE_PATTERN = '^[0-9]+(\\.[0-9]+)?[ ]?([kKmMgG]i?[bB]|[bB])?$';

/** JSON Schema for the value of one option in the config file. */
export function optionValueSchema(type: OptionType): Record<string, unknown> {
  switch (type.kind) {
    case 'string':
    case 'path':
      return { type: 'string', minLength: 1 };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return {
        type: 'integer',
        minimum: type.minimum,
        ...(type.maximum === undefined ? {} : { maximum: type.maximum }),
      };
    case 'size':
      return {
        anyOf: [
          { type: 'integer', minimum: 1 },
          { type: 'string', pattern: SIZE_PATTERN },
        ],
      };
    case 'enum':
      return { type: 'string', enum: [...type.values] };
    case 'list':
      return {
        type: 'array',
        uniqueItems: true,
        items:
          type.values === undefined
            ? { type: 'string', minLength: 1 }
            : { type: 'string', enum: [...type.values] },
      };
    case 'map': {
      const value =
        type.valueKind === 'integer'
          ? { type: 'integer', minimum: 0 }
          : type.valueKind === 'severity'
            ? { type: 'string', enum: [...SEVERITIES] }
            : { type: 'string', minLength: 1 };
      const keys = type.keys === undefined ? {} : { propertyNames: { enum: [...type.keys] } };
      // A bare integer for max-findings means the total.
      const map = { type: 'object', additionalProperties: value, ...keys };
      return type.valueKind === 'integer' ? { anyOf: [map, { type: 'integer', minimum: 0 }] } : map;
    }
    case 'object':
      return { type: 'object' };
  }
}

/** Human wording of what an option expects, for error messages and docs. */
export function describeType(type: OptionType): string {
  switch (type.kind) {
    case 'string':
      return 'a string';
    case 'path':
      return 'a file path';
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `an integer >= ${type.minimum}${type.maximum === undefined ? '' : ` and <= ${type.maximum}`}`;
    case 'size':
      return 'a size such as 1048576, 512KB or 10MB';
    case 'enum':
      return `one of ${type.values.join(', ')}`;
    case 'list':
      return type.values === undefined ? 'a list of strings' : `a list of ${type.values.join(', ')}`;
    case 'map':
      return type.valueKind === 'integer'
        ? `a number, or a map of ${type.keys?.join('/') ?? 'keys'} to integers >= 0`
        : type.valueKind === 'severity'
          ? `a map of rule ids to one of ${SEVERITIES.join(', ')}`
          : `a map of ${type.keys?.join('/') ?? 'keys'} to strings`;
    case 'object':
      return 'a map';
  }
}

/** The published JSON Schema of `rampart.yml` (written to schemas/rampart-config.schema.json). */
export function configJsonSchema(options: readonly OptionSpec[] = OPTIONS): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const option of options) {
    if (!option.sources.file) continue;
    properties[option.name] = {
      description: option.description,
      ...optionValueSchema(option.type),
      ...(option.default === undefined ? {} : { default: option.default }),
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://rampart.dev/schemas/rampart-config.schema.json',
    title: 'Rampart configuration (rampart.yml)',
    type: 'object',
    additionalProperties: false,
    properties: { version: { description: 'Config format version.', const: 1 }, ...properties },
  };
}
