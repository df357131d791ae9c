import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { RampartConfig } from '@rampart/core';
import type { CliIo } from './io.js';

/** The dependency scanner's flags on `rampart scan` (they land in `scanner-config.sca`). */
export interface ScaFlags {
  db?: string;
  sbom?: string;
  vex?: string[];
  skipDev?: boolean;
}

/**
 * Where the advisory database lives: `--db`, else `RAMPART_DB`, else the user's cache folder
 * (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows).
 */
export function advisoryDbPath(io: CliIo, flag?: string): string {
  if (flag) return resolve(io.cwd, flag);
  const env = io.env;
  if (env.RAMPART_DB) return resolve(io.cwd, env.RAMPART_DB);
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const cache =
    process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)
          ? env.XDG_CACHE_HOME
          : join(home, '.cache');
  return join(cache, 'rampart', 'osv.db');
}

/**
 * Fill `scanner-config.sca` from the flags and defaults: the database path, and paths from the config
 * file made absolute (relative to the scan root). `--sbom` scans the SBOM instead of the tree, so it
 * runs the dependency scanner alone.
 */
export function applyScaFlags(
  io: CliIo,
  root: string,
  config: RampartConfig,
  flags: ScaFlags = {},
): RampartConfig {
  const section = { ...((config.scannerConfig.sca as Record<string, unknown> | undefined) ?? {}) };
  const fromConfig = (key: string) =>
    typeof section[key] === 'string' ? resolve(root, section[key]) : undefined;
  section.db = flags.db ? resolve(io.cwd, flags.db) : (fromConfig('db') ?? advisoryDbPath(io));
  const sbom = flags.sbom ? resolve(io.cwd, flags.sbom) : fromConfig('sbom');
  if (sbom) section.sbom = sbom;
  const vex = [
    ...(Array.isArray(section.vex) ? section.vex.filter((v): v is string => typeof v === 'string') : []).map(
      (v) => resolve(root, v),
    ),
    ...(flags.vex ?? []).map((v) => resolve(io.cwd, v)),
  ];
  if (vex.length > 0) section.vex = vex;
  if (flags.skipDev) section.dev = false;
  return {
    ...config,
    ...(flags.sbom ? { scanners: ['sca'] } : {}),
    scannerConfig: { ...config.scannerConfig, sca: section },
  };
}
