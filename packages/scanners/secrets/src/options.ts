import { ConfigError, type ConfigIssue } from '@rampart/core/model';
import type { EngineOptions } from './engine.js';
import { RULES } from './rules/index.js';

/** The `scanner-config.secrets` section of the config file. */
export interface SecretsOptions {
  /**
   * Regular expressions (JavaScript syntax). A secret value matching one is never reported, e.g.
   * the fixed tokens of a local test stack.
   */
  allowlist?: string[];
  /** Rule id to minimum Shannon entropy (bits per character), for rules that measure entropy. */
  minEntropy?: Record<string, number>;
}

const ENTROPY_RULES = RULES.filter((rule) => rule.minEntropy !== undefined).map((rule) => rule.id);

/** JSON Schema of SecretsOptions; core validates the config section against it. */
export const OPTIONS_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    allowlist: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Regular expressions; a secret value matching one is not reported.',
    },
    minEntropy: {
      type: 'object',
      propertyNames: { enum: ENTROPY_RULES },
      additionalProperties: { type: 'number', minimum: 0, maximum: 8 },
      description: 'Minimum Shannon entropy (bits per character) per rule id.',
    },
  },
};

/** Convert validated options into engine options; an allowlist entry that is not a regex is a config error. */
export function toEngineOptions(options: SecretsOptions): EngineOptions {
  const issues: ConfigIssue[] = [];
  const allowlist: RegExp[] = [];
  (options.allowlist ?? []).forEach((source, index) => {
    try {
      allowlist.push(new RegExp(source));
    } catch (error) {
      // The scanner does not know the config file's path or lines; the key locates the entry.
      const key = `scanner-config.secrets.allowlist[${index}]`;
      issues.push({
        source: 'config',
        key,
        message: `not a regular expression: ${(error as Error).message}`,
      });
    }
  });
  if (issues.length > 0) throw new ConfigError(issues);
  return { allowlist, minEntropy: options.minEntropy ?? {} };
}
