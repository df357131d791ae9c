import { ConfigError, type ConfigIssue, type Severity } from '@rampart/core/model';
import type { SecretRule } from './secret-rule.js';
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
  /** Custom rules, for an organisation's own token formats. */
  rules?: CustomRule[];
}

/** A rule defined in the config file. */
export interface CustomRule {
  /** `secrets/<kebab-name>`, not the id of a built-in rule. */
  id: string;
  title: string;
  severity?: Severity;
  /** JavaScript regular expression. A named group `secret` marks the secret; else the whole match is. */
  pattern: string;
  /** Lower-case literals, one of which every match contains (the prefilter runs the rule only then). */
  keywords: string[];
  minEntropy?: number;
  description?: string;
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
    rules: {
      type: 'array',
      description: 'Custom rules for your own token formats.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'pattern', 'keywords'],
        properties: {
          id: { type: 'string', pattern: '^secrets/[a-z0-9]+(-[a-z0-9]+)*$' },
          title: { type: 'string', minLength: 1 },
          severity: { enum: ['critical', 'high', 'medium', 'low', 'info'] },
          pattern: { type: 'string', minLength: 1 },
          keywords: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[ -@\\[-~]+$' } },
          minEntropy: { type: 'number', minimum: 0, maximum: 8 },
          description: { type: 'string' },
        },
      },
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

/** Problems a JSON Schema cannot see: regular expressions that do not compile. Paths are inside the section. */
export function validateOptions(options: SecretsOptions): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const compiles = (source: string, path: (string | number)[]) => {
    try {
      new RegExp(source);
    } catch (error) {
      problems.push({ path, message: `not a regular expression: ${(error as Error).message}` });
    }
  };
  (options.allowlist ?? []).forEach((source, i) => compiles(source, ['allowlist', i]));
  (options.rules ?? []).forEach((rule, i) => {
    compiles(rule.pattern, ['rules', i, 'pattern']);
    if (RULES.some((r) => r.id === rule.id))
      problems.push({ path: ['rules', i, 'id'], message: `${rule.id} is a built-in rule` });
  });
  return problems;
}

/** Custom rules as engine rules. The pattern's `secret` group is added around the whole match when absent. */
export function customRules(options: SecretsOptions): SecretRule[] {
  return (options.rules ?? []).map((custom) => {
    const source = custom.pattern.includes('(?<secret>') ? custom.pattern : `(?<secret>${custom.pattern})`;
    return {
      id: custom.id as `secrets/${string}`,
      title: custom.title,
      severity: custom.severity ?? 'high',
      precision: 'medium',
      cwe: ['CWE-798'],
      description: custom.description ?? `${custom.title} (custom rule from the config file).`,
      help: {
        bad: '',
        good: '',
        fix: 'Revoke the credential and load it from the environment or a secret store.',
      },
      references: [],
      keywords: custom.keywords.map((k) => k.toLowerCase()),
      pattern: new RegExp(source),
      ...(custom.minEntropy === undefined ? {} : { minEntropy: custom.minEntropy }),
    };
  });
}
