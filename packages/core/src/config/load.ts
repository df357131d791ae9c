import { existsSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { readUserFile } from './read-file.js';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isSeverity, type Severity } from '../finding.js';
import { ConfigError, UsageError, type ConfigIssue } from '../errors.js';
import { OPTIONS, envName, type OptionSpec, type SkipClass } from './options.js';
import { validateConfig } from './config-validator.generated.js';
import { configJsonSchema, describeType } from './schema.js';
import {
  parsePositioned,
  preloadYaml,
  schemaIssues,
  type PathSegment,
  type PositionedDocument,
} from './yaml-source.js';

export const CONFIG_FILE_NAMES = ['rampart.yml', 'rampart.yaml', '.rampart.yml', '.rampart.yaml'] as const;

export type MaxFindings = Partial<Record<'total' | Severity, number>>;

/** The resolved configuration of one run, every option set. */
export interface RampartConfig {
  scanners: string[];
  format: string[];
  output: Record<string, string>;
  failOn: Severity | 'none';
  failOnRules: string[];
  maxFindings: MaxFindings;
  diffBase: string | undefined;
  staged: boolean;
  /** True with `--history` or `--history-range`. */
  history: boolean;
  /** `--history-range`: the commits to scan (git's revision range syntax); undefined: every reachable commit. */
  historyRange: string | undefined;
  mask: boolean;
  /** Absolute path. */
  baseline: string;
  /** True when the baseline path was given explicitly (then a missing file is an error). */
  baselineExplicit: boolean;
  suppressions: string;
  suppressionsExplicit: boolean;
  jobs: number;
  exclude: string[];
  maxFileSize: number;
  skip: SkipClass[];
  gitignore: boolean;
  /** Honour inline `rampart-ignore` comments (false: report what they would hide). */
  inlineIgnores: boolean;
  followSymlinks: boolean;
  rules: string[];
  excludeRules: string[];
  severityOverrides: Record<string, Severity>;
  scannerConfig: Record<string, unknown>;
  color: 'auto' | 'always' | 'never';
  progress: 'auto' | 'always' | 'never';
  debug: boolean;
}

/** A raw flag value as the CLI parsed it. Repeatable flags arrive as arrays. */
export type FlagValue = string | boolean | readonly string[] | undefined;

export interface LoadConfigInput {
  /** Absolute path of the folder being scanned. */
  root: string;
  /** Folder that relative paths from flags and the environment are relative to. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Keyed by option name (`fail-on`). */
  flags: Readonly<Record<string, FlagValue>>;
}

export interface LoadedConfig {
  config: RampartConfig;
  /** The config file used, if any. */
  file?: string;
  document?: PositionedDocument;
}

type Origin = 'default' | 'file' | 'env' | 'flag';

/** `loadConfig`, with the YAML parser loaded ahead when there is a config file (see `preloadYaml`). */
export async function loadConfigAsync(input: LoadConfigInput): Promise<LoadedConfig> {
  if (findConfigFile(input) !== undefined) await preloadYaml();
  return loadConfig(input);
}

/**
 * Resolve the configuration: defaults < config file < environment < flags. Every problem in one
 * source is collected and thrown together as a ConfigError (file:line for the config file).
 */
export function loadConfig(input: LoadConfigInput): LoadedConfig {
  const values = new Map<string, { value: unknown; origin: Origin }>();
  for (const option of OPTIONS) values.set(option.name, { value: option.default, origin: 'default' });

  const configPath = findConfigFile(input);
  let document: PositionedDocument | undefined;
  // Problems of the file, the environment and the flags are all collected, then reported together.
  const issues: ConfigIssue[] = [];
  if (configPath !== undefined) {
    const read = readConfigFile(configPath, displayPath(input.cwd, configPath));
    document = read.document;
    issues.push(...read.issues);
    const raw = (read.issues.length === 0 ? (document.value ?? {}) : {}) as Record<string, unknown>;
    for (const option of OPTIONS) {
      if (option.sources.file && raw[option.name] !== undefined) {
        const normalized = normalizeFileValue(option, raw[option.name], document, dirname(configPath));
        if ('issue' in normalized) issues.push(normalized.issue);
        else values.set(option.name, { value: normalized.value, origin: 'file' });
      }
    }
  }

  for (const option of OPTIONS) {
    if (!option.sources.env) continue;
    const raw = input.env[envName(option)];
    if (raw === undefined || (raw === '' && option.type.kind !== 'list')) continue;
    const parsed = parseTextValue(option, [raw], envName(option));
    if ('issue' in parsed) issues.push(parsed.issue);
    else values.set(option.name, { value: parsed.value, origin: 'env' });
  }
  for (const option of OPTIONS) {
    if (!option.sources.flag) continue;
    const raw = input.flags[option.name];
    if (raw === undefined) continue;
    const parsed =
      typeof raw === 'boolean'
        ? { value: raw }
        : parseTextValue(option, typeof raw === 'string' ? [raw] : raw, `--${option.name}`);
    if ('issue' in parsed) issues.push(parsed.issue);
    else values.set(option.name, { value: parsed.value, origin: 'flag' });
  }
  if (issues.length > 0)
    throw new ConfigError(
      issues,
      configPath
        ? `invalid configuration (${displayPath(input.cwd, configPath)}, environment, flags)`
        : 'invalid configuration',
    );

  const get = <T>(name: string): T => values.get(name)?.value as T;
  const pathOf = (name: string): { path: string; explicit: boolean } => {
    const entry = values.get(name);
    const raw = entry?.value as string;
    const base =
      entry?.origin === 'file' && configPath
        ? dirname(configPath)
        : entry?.origin === 'default'
          ? input.root
          : input.cwd;
    return { path: isAbsolute(raw) ? raw : resolve(base, raw), explicit: entry?.origin !== 'default' };
  };
  const baseline = pathOf('baseline');
  const suppressions = pathOf('suppressions');
  const config: RampartConfig = {
    scanners: get('scanners'),
    format: get('format'),
    output: get('output'),
    failOn: get('fail-on'),
    failOnRules: get('fail-on-rules'),
    maxFindings: get('max-findings'),
    diffBase: get('diff-base'),
    staged: get('staged'),
    history: get('history') || get('history-range') !== undefined,
    historyRange: revisionRange(get('history-range')),
    mask: get('mask'),
    baseline: baseline.path,
    baselineExplicit: baseline.explicit,
    suppressions: suppressions.path,
    suppressionsExplicit: suppressions.explicit,
    jobs: get('jobs'),
    exclude: get('exclude'),
    maxFileSize: get('max-file-size'),
    skip: get('skip'),
    gitignore: get('gitignore'),
    inlineIgnores: get('inline-ignores'),
    followSymlinks: get('follow-symlinks'),
    rules: get('rules'),
    excludeRules: get('exclude-rules'),
    severityOverrides: get('severity-overrides'),
    scannerConfig: get('scanner-config'),
    color: get('color'),
    progress: get('progress'),
    debug: get('debug'),
  };
  return { config, file: configPath, document };
}

/**
 * A `--history-range` as git will read it: one argument, never an option (it is also passed after
 * `--end-of-options`), without whitespace or control characters, which no revision contains.
 */
function revisionRange(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (value === '' || value.startsWith('-') || value.length > 512 || /[\s\x00-\x1f\x7f]/.test(value))
    throw new UsageError(
      `--history-range: ${JSON.stringify(value.slice(0, 80))} is not a git revision range (e.g. origin/main..HEAD)`,
    );
  return value;
}

/** A path as the user would write it: relative to the working directory when inside it. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function findConfigFile(input: LoadConfigInput): string | undefined {
  const explicit = input.flags.config ?? input.env[envName({ name: 'config' })];
  if (typeof explicit === 'string' && explicit !== '') {
    const path = resolve(input.cwd, explicit);
    if (!existsSync(path)) throw new UsageError(`config file not found: ${explicit}`);
    return path;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(input.root, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Read a config file and check it against the published schema; every problem is returned. */
export function readConfigFile(
  path: string,
  display = path,
): { document: PositionedDocument; issues: ConfigIssue[] } {
  const doc = parsePositioned(readUserFile(path, display, 'config'), display);
  if (doc.value === null || doc.value === undefined) return { document: { ...doc, value: {} }, issues: [] };
  return {
    document: doc,
    // The schema compiled ahead of time (a test keeps it in step): compiling it here cost ~60 ms.
    issues: schemaIssues(
      configJsonSchema(),
      doc,
      doc.value,
      [],
      (p) => explainOption(p),
      validateConfig as unknown as ValidateFunction,
    ),
  };
}

function explainOption(path: readonly PathSegment[]): string | undefined {
  if (path.length !== 1) return undefined;
  const option = OPTIONS.find((o) => o.name === path[0]);
  return option ? `expected ${describeType(option.type)}` : undefined;
}

function normalizeFileValue(
  option: OptionSpec,
  value: unknown,
  doc: PositionedDocument,
  configDir: string,
): { value: unknown } | { issue: ConfigIssue } {
  const issue = (message: string, path: (string | number)[] = [option.name]) => {
    const pos = doc.locate(path);
    return {
      issue: { source: doc.source, line: pos?.line, column: pos?.column, key: path.join('.'), message },
    };
  };
  if (option.type.kind === 'size' && typeof value === 'string') {
    const bytes = parseSize(value);
    return bytes === undefined
      ? issue('expected a size of at least 1 byte, such as 512KB or 10MB')
      : { value: bytes };
  }
  if (option.type.kind === 'map' && typeof value === 'number') return { value: { total: value } };
  if (option.name === 'output') {
    // A repository's config must not write reports outside the repository (a pull request could
    // otherwise overwrite files anywhere). Flags and the environment are the caller's own choice.
    const out: Record<string, string> = {};
    for (const [format, target] of Object.entries(value as Record<string, string>)) {
      const abs = resolve(configDir, target);
      const rel = relative(configDir, abs);
      if (rel === '' || rel.split(/[\\/]/)[0] === '..' || isAbsolute(rel))
        return issue('output paths in the config file must stay inside its folder', [option.name, format]);
      out[format] = abs;
    }
    return { value: out };
  }
  return { value };
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** `10MB` -> 10485760. Units are binary (KB = 1024 bytes). Undefined when the text is not a size. */
export function parseSize(text: string): number | undefined {
  const match = /^([0-9]+(?:\.[0-9]+)?) ?([a-zA-Z]{0,3})$/.exec(text.trim());
  if (!match) return undefined;
  const unit = SIZE_UNITS[(match[2] || 'b').toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.round(Number(match[1]) * unit);
  return bytes >= 1 ? bytes : undefined;
}

/** Convert text from the environment or the command line into an option value. */
export function parseTextValue(
  option: OptionSpec,
  raw: readonly string[],
  source: string,
): { value: unknown } | { issue: ConfigIssue } {
  const fail = (got: string) => ({
    issue: { source, message: `expected ${describeType(option.type)}, got ${JSON.stringify(got)}` },
  });
  const last = raw[raw.length - 1] ?? '';
  const type = option.type;
  switch (type.kind) {
    case 'string':
    case 'path':
      return last === '' ? fail(last) : { value: last };
    case 'boolean': {
      const lower = last.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(lower)) return { value: true };
      if (['false', '0', 'no', 'off'].includes(lower)) return { value: false };
      return fail(last);
    }
    case 'integer': {
      if (!/^[0-9]{1,9}$/.test(last)) return fail(last);
      const n = Number(last);
      if (n < type.minimum || (type.maximum !== undefined && n > type.maximum)) return fail(last);
      return { value: n };
    }
    case 'size': {
      const n = parseSize(last);
      return n === undefined ? fail(last) : { value: n };
    }
    case 'enum':
      return type.values.includes(last) ? { value: last } : fail(last);
    case 'list': {
      const items = [
        ...new Set(
          raw
            .flatMap((r) => r.split(','))
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        ),
      ];
      const bad = type.values === undefined ? undefined : items.find((i) => !type.values?.includes(i));
      return bad === undefined ? { value: items } : fail(bad);
    }
    case 'map': {
      const map: Record<string, string | number> = {};
      for (const item of raw
        .flatMap((r) => r.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '')) {
        const eq = item.indexOf('=');
        let key = eq === -1 ? '' : item.slice(0, eq).trim();
        const valueText = eq === -1 ? item : item.slice(eq + 1).trim();
        if (eq === -1) {
          if (type.valueKind !== 'integer') return fail(item);
          key = 'total';
        }
        if (type.keys !== undefined && !type.keys.includes(key)) return fail(item);
        if (type.valueKind === 'integer') {
          if (!/^[0-9]{1,9}$/.test(valueText)) return fail(item);
          map[key] = Number(valueText);
        } else if (type.valueKind === 'severity') {
          if (!isSeverity(valueText)) return fail(item);
          map[key] = valueText;
        } else {
          if (valueText === '') return fail(item);
          map[key] = valueText;
        }
      }
      return { value: map };
    }
    case 'object':
      return fail(last);
  }
}
