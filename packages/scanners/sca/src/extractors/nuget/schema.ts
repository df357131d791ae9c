/**
 * The parts of NuGet's `packages.lock.json` (versions 1 and 2) the extractor reads:
 *
 * ```json
 * { "version": 1,
 *   "dependencies": {
 *     "net6.0": {
 *       "Serilog": { "type": "Direct", "requested": "[2.12.0, )", "resolved": "2.12.0",
 *                    "contentHash": "…", "dependencies": { "System.Memory": "4.5.5" } } } } }
 * ```
 *
 * `dependencies` is keyed by target framework (optionally `framework/runtime-id`), then by package
 * name. `type` is `Direct`, `Transitive`, `CentralTransitive` (pinned in Directory.Packages.props) or
 * `Project` (another project of the solution, not a NuGet package, and without `resolved`). The inner
 * `dependencies` map holds the requested version ranges of a package's own dependencies; their resolved
 * versions are the entries of the same framework.
 */

export const SUPPORTED_VERSIONS: readonly number[] = [1, 2];

export interface NuGetLockEntry {
  type?: string;
  requested?: string;
  resolved?: string;
  dependencies?: Record<string, string>;
}

export interface NuGetLock {
  version: number;
  dependencies: Record<string, Record<string, NuGetLockEntry>>;
}

export const versionSchema = {
  type: 'object',
  required: ['version'],
  properties: { version: { type: 'integer' } },
} as const;

export const lockSchema = {
  type: 'object',
  required: ['version', 'dependencies'],
  properties: {
    version: { type: 'integer' },
    dependencies: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            requested: { type: 'string' },
            resolved: { type: 'string', minLength: 1 },
            dependencies: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
