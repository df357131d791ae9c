import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, createBaseline, loadConfigAsync, scan, type FlagValue } from '@rampart/core';
import { EXIT, type CliIo } from '../io.js';
import { resolveTarget, scanOptionsFor } from './scan.js';

/** `rampart baseline create`: record today's open findings as accepted, so later scans show only new ones. */
export async function baselineCreateCommand(
  io: CliIo,
  pathArg: string,
  flags: Record<string, FlagValue>,
  outputArg: string | undefined,
): Promise<number> {
  const target = resolveTarget(io, pathArg);
  const loaded = await loadConfigAsync({ root: target.root, cwd: io.cwd, env: io.env, flags });
  const result = await scan({ ...scanOptionsFor(io, target, loaded), ignoreBaseline: true });
  const path = outputArg === undefined ? loaded.config.baseline : resolve(io.cwd, outputArg);
  try {
    writeFileSync(path, createBaseline(result.findings, 'rampart'));
  } catch (error) {
    throw new UsageError(
      `cannot write baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  io.stderr(
    `rampart: wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to ${path}\n`,
  );
  return EXIT.ok;
}
