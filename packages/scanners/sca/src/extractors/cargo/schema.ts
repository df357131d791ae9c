/**
 * The parts of `Cargo.lock` the extractor reads (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html).
 *
 * ```toml
 * version = 4                      # absent in v1/v2 lockfiles
 * [[package]]
 * name = "syn"
 * version = "2.0.48"
 * source = "registry+https://github.com/rust-lang/crates.io-index"   # absent for workspace/path packages
 * dependencies = ["proc-macro2", "quote 1.0.35", "serde 1.0.196 (registry+https://…)"]
 * ```
 *
 * A dependency entry names a package by name alone, or with its version, or with version and source,
 * whichever is needed to make it unambiguous. Git sources carry the resolved commit after `#`:
 * `git+https://github.com/o/r?rev=abc#<sha>`.
 */

/** Highest lockfile version this extractor understands. */
export const MAX_CARGO_LOCK_VERSION = 4;

export interface CargoPackage {
  name: string;
  version: string;
  source?: string;
  dependencies?: string[];
}

export interface CargoLock {
  version?: number;
  package?: unknown[];
  /** Cargo.lock v1 (pre-2018) recorded the workspace root package separately. */
  root?: unknown;
}

export const lockSchema = {
  type: 'object',
  properties: {
    version: { type: 'integer', minimum: 1 },
    package: { type: 'array', items: { type: 'object' } },
    root: { type: 'object' },
  },
} as const;

export const packageSchema = {
  type: 'object',
  required: ['name', 'version'],
  properties: {
    name: { type: 'string', minLength: 1 },
    version: { type: 'string', minLength: 1 },
    source: { type: 'string' },
    dependencies: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
} as const;
