import { FORMAT_IDS_DEFAULT } from './formats.js';
import { SEVERITIES } from '../finding.js';

/**
 * The one options table. It feeds the config file's JSON Schema, the environment variables
 * (`RAMPART_<NAME>`), the CLI flags (`--<name>`) and the generated docs (docs/configuration.md).
 * Precedence: defaults < config file < environment < flags.
 */
export type OptionType =
  | { kind: 'string' }
  | { kind: 'path' }
  | { kind: 'boolean' }
  | { kind: 'integer'; minimum: number; maximum?: number }
  | { kind: 'size' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; values?: readonly string[] }
  | { kind: 'map'; keys?: readonly string[]; valueKind: 'string' | 'integer' | 'severity' }
  | { kind: 'object' };

export interface OptionSpec {
  name: string;
  type: OptionType;
  description: string;
  default: unknown;
  /** Shown in docs and `--help` instead of the raw default. */
  defaultText?: string;
  /** Where the option may be set. The config file cannot set options that only make sense per run. */
  sources: { file: boolean; env: boolean; flag: boolean };
  /** Value placeholder in `--help`, e.g. `<severity>`. */
  argName?: string;
}

const ALL = { file: true, env: true, flag: true } as const;
const SEVERITY_OR_NONE = [...SEVERITIES, 'none'] as const;
export const SKIP_CLASSES = ['binary', 'vendored', 'minified', 'generated'] as const;
export type SkipClass = (typeof SKIP_CLASSES)[number];

export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'scanners',
    type: { kind: 'list' },
    description: 'Scanners to run (comma-separated ids). Default: every registered scanner.',
    default: [],
    defaultText: 'all',
    sources: ALL,
    argName: '<ids>',
  },
  {
    name: 'format',
    type: { kind: 'list', values: FORMAT_IDS_DEFAULT },
    description: 'Output formats (comma-separated): table, json, sarif, markdown, junit, html.',
    default: ['table'],
    sources: ALL,
    argName: '<formats>',
  },
  {
    name: 'output',
    type: { kind: 'map', keys: FORMAT_IDS_DEFAULT, valueKind: 'string' },
    description:
      'Where each format is written: `<format>=<file>` (repeatable). A format without an output goes to stdout. ' +
      'With a single format, a bare `<file>` is accepted.',
    default: {},
    defaultText: 'stdout',
    sources: ALL,
    argName: '<format=file>',
  },
  {
    name: 'fail-on',
    type: { kind: 'enum', values: SEVERITY_OR_NONE },
    description:
      'Fail (exit 1) when an open finding has this severity or higher; `none` disables the threshold.',
    default: 'high',
    sources: ALL,
    argName: '<severity>',
  },
  {
    name: 'fail-on-rules',
    type: { kind: 'list' },
    description:
      'Fail when any of these rules (ids, or `<scanner>/*`) has an open finding, whatever its severity.',
    default: [],
    sources: ALL,
    argName: '<rule-ids>',
  },
  {
    name: 'max-findings',
    type: { kind: 'map', keys: ['total', ...SEVERITIES], valueKind: 'integer' },
    description:
      'Fail when open findings exceed a count: `total=<n>` or `<severity>=<n>` (repeatable; a bare number means total).',
    default: {},
    defaultText: 'no limit',
    sources: ALL,
    argName: '<limit>',
  },
  {
    name: 'diff-base',
    type: { kind: 'string' },
    description:
      'Pull-request mode: report and gate only findings introduced since the merge base with this git ref.',
    default: undefined,
    sources: ALL,
    argName: '<git-ref>',
  },
  {
    name: 'staged',
    type: { kind: 'boolean' },
    description:
      'Scan only what is staged in git (the index), as a pre-commit hook does. `rampart hook install` sets it up.',
    default: false,
    sources: { file: false, env: true, flag: true },
  },
  {
    name: 'history',
    type: { kind: 'boolean' },
    description:
      'Scan every commit reachable in git history (added lines of each commit) with scanners that support it (secrets), instead of the working tree.',
    default: false,
    sources: ALL,
  },
  {
    name: 'history-range',
    type: { kind: 'string' },
    description:
      'Scan only the commits of a git revision range (`origin/main..HEAD`, `v1.2.0..`, or one revision and its ancestors), as `--history` does for every commit; implies `--history`.',
    default: undefined,
    sources: { file: false, env: true, flag: true },
    argName: '<revisions>',
  },
  {
    name: 'baseline',
    type: { kind: 'path' },
    description:
      'Baseline file of accepted findings (made by `rampart baseline create`); findings in it are not reported. ' +
      'Used when the file exists.',
    default: '.rampart-baseline.json',
    sources: ALL,
    argName: '<file>',
  },
  {
    name: 'suppressions',
    type: { kind: 'path' },
    description: 'Suppressions file (rule, path, reason, owner, expiry). Used when the file exists.',
    default: '.rampart-suppressions.yml',
    sources: ALL,
    argName: '<file>',
  },
  {
    name: 'jobs',
    type: { kind: 'integer', minimum: 0, maximum: 256 },
    description: 'Worker threads; 0 sizes the pool to the machine.',
    default: 0,
    defaultText: 'number of CPUs',
    sources: ALL,
    argName: '<n>',
  },
  {
    name: 'exclude',
    type: { kind: 'list' },
    description: 'Extra paths to skip, in .gitignore syntax (comma-separated on the command line).',
    default: [],
    sources: ALL,
    argName: '<patterns>',
  },
  {
    name: 'max-file-size',
    type: { kind: 'size' },
    description: 'Files larger than this are skipped and reported (bytes, or a number with KB/MB/GB).',
    default: 10 * 1024 * 1024,
    defaultText: '10MB',
    sources: ALL,
    argName: '<size>',
  },
  {
    name: 'skip',
    type: { kind: 'list', values: SKIP_CLASSES },
    description:
      'Classes of files to skip: binary, vendored, minified, generated. `--skip ""` scans them all.',
    default: [...SKIP_CLASSES],
    sources: ALL,
    argName: '<classes>',
  },
  {
    name: 'inline-ignores',
    type: { kind: 'boolean' },
    description:
      'Honour inline `rampart-ignore` comments. `--no-inline-ignores` reports the findings they would hide, so a ' +
      'security gate cannot be skipped from inside the code; suppressions files and baselines still apply.',
    default: true,
    sources: ALL,
  },
  {
    name: 'gitignore',
    type: { kind: 'boolean' },
    description: 'Honour .gitignore files (and .git/info/exclude). .rampartignore files are always honoured.',
    default: true,
    sources: ALL,
  },
  {
    name: 'follow-symlinks',
    type: { kind: 'boolean' },
    description: 'Follow symbolic links to files and folders inside the scan (loops are detected).',
    default: false,
    sources: ALL,
  },
  {
    name: 'rules',
    type: { kind: 'list' },
    description: 'Run only these rules (ids, or `<scanner>/*`). Default: every rule of the enabled scanners.',
    default: [],
    defaultText: 'all',
    sources: ALL,
    argName: '<rule-ids>',
  },
  {
    name: 'exclude-rules',
    type: { kind: 'list' },
    description: 'Rules not to run (ids, or `<scanner>/*`).',
    default: [],
    sources: ALL,
    argName: '<rule-ids>',
  },
  {
    name: 'severity-overrides',
    type: { kind: 'map', valueKind: 'severity' },
    description: 'Change the severity of rules: `<rule-id>: <severity>`.',
    default: {},
    sources: { file: true, env: false, flag: false },
  },
  {
    name: 'scanner-config',
    type: { kind: 'object' },
    description:
      "Per-scanner settings, one section per scanner id; each scanner's README documents its keys.",
    default: {},
    sources: { file: true, env: false, flag: false },
  },
  {
    name: 'mask',
    type: { kind: 'boolean' },
    description:
      'Mask secrets in every output (first 4 characters, then `*`). `--no-mask` shows them in full and warns.',
    default: true,
    sources: { file: false, env: true, flag: true },
  },
  {
    name: 'color',
    type: { kind: 'enum', values: ['auto', 'always', 'never'] },
    description: 'Colour in terminal output. `auto` colours when stdout is a TTY and NO_COLOR is unset.',
    default: 'auto',
    sources: ALL,
    argName: '<when>',
  },
  {
    name: 'progress',
    type: { kind: 'enum', values: ['auto', 'always', 'never'] },
    description:
      'Progress display on stderr. `auto` shows it on a TTY outside CI; otherwise a few plain lines.',
    default: 'auto',
    sources: ALL,
    argName: '<when>',
  },
  {
    name: 'config',
    type: { kind: 'path' },
    description: 'Config file to use instead of rampart.yml / .rampart.yml in the scanned folder.',
    default: undefined,
    sources: { file: false, env: true, flag: true },
    argName: '<file>',
  },
  {
    name: 'debug',
    type: { kind: 'boolean' },
    description: 'Show stack traces and per-file details.',
    default: false,
    sources: { file: false, env: true, flag: true },
  },
];

/** `fail-on` -> `RAMPART_FAIL_ON`. */
export function envName(option: Pick<OptionSpec, 'name'>): string {
  return `RAMPART_${option.name.replaceAll('-', '_').toUpperCase()}`;
}

export function optionByName(name: string): OptionSpec | undefined {
  return OPTIONS.find((o) => o.name === name);
}
