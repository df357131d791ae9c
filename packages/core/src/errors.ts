/**
 * Typed errors. The CLI maps them to exit codes: a UsageError or ConfigError is the user's to fix
 * (exit 2, message only); anything else is a bug (exit 2, stack with --debug).
 */

/** Wrong arguments, a missing path, a file that cannot be read: a message the user can act on. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One problem in a config-like file (config, suppressions, baseline) or in the environment. */
export interface ConfigIssue {
  /** File path as the user gave it, or an environment variable / flag name. */
  source: string;
  line?: number;
  column?: number;
  /** e.g. `fail-on` or `scanner-config.secrets.entropy`. */
  key?: string;
  message: string;
}

/** Every problem found in one config source, reported together. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly issues: readonly ConfigIssue[],
    summary = 'invalid configuration',
  ) {
    super(`${summary}:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`);
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const where =
    issue.line === undefined
      ? issue.source
      : `${issue.source}:${issue.line}${issue.column === undefined ? '' : `:${issue.column}`}`;
  return `${where}: ${issue.key === undefined ? '' : `${issue.key}: `}${issue.message}`;
}
