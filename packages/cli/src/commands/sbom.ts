import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError, loadConfigAsync, walk, type RampartConfig } from '@rampart/core';
import { collectInventory, lockfileGlobs } from '@rampart/scanner-sca/api';
import { sbomTimestamp, toCycloneDx, toCycloneDxXml, toSpdx } from '@rampart/scanner-sca/sbom';
import picomatch from 'picomatch';
import { EXIT, type CliIo } from '../io.js';
import { toolInfo } from '../version.js';
import { resolveTarget } from './scan.js';

export const SBOM_FORMATS = ['cyclonedx', 'cyclonedx-xml', 'spdx'] as const;
type SbomFormat = (typeof SBOM_FORMATS)[number];

/** The components of every lockfile under `root`, walked with the configuration's ignore rules. */
export function treeInventory(root: string, config: RampartConfig): ReturnType<typeof collectInventory> {
  const walked = walk({
    root,
    exclude: config.exclude,
    gitignore: config.gitignore,
    followSymlinks: config.followSymlinks,
    skip: new Set(config.skip),
  });
  const wanted = picomatch(lockfileGlobs(), { dot: true, basename: true });
  const files = walked.files.filter((f) => wanted(f) || wanted(basename(f)));
  return collectInventory(files, (path) => Promise.resolve(readFileSync(resolve(root, path), 'utf8')));
}

/**
 * The CycloneDX SBOM that `scan --upload` sends beside the result (so the server can answer "who uses
 * package X"), or undefined when the tree has no lockfile. `timestamp` is fixed by the caller (the
 * commit's time), so that uploading the same commit twice sends the same document.
 */
export async function uploadSbom(
  root: string,
  config: RampartConfig,
  timestamp: string,
): Promise<object | undefined> {
  const inventory = await treeInventory(root, config);
  if (inventory.components.length === 0) return undefined;
  return toCycloneDx(
    { components: inventory.components },
    { name: basename(root), timestamp, toolVersion: toolInfo().version },
  );
}

/**
 * `rampart sbom [path]`: the components of every lockfile in the tree (same walk and ignore rules as
 * `rampart scan`), as CycloneDX 1.6 JSON or XML, or SPDX 2.3 JSON.
 */
export async function sbomCommand(
  io: CliIo,
  pathArg: string,
  opts: { format?: string; output?: string; name?: string; skipDev?: boolean },
): Promise<number> {
  const format = (opts.format ?? 'cyclonedx') as SbomFormat;
  if (!SBOM_FORMATS.includes(format))
    throw new UsageError(`unknown SBOM format "${opts.format}"; known: ${SBOM_FORMATS.join(', ')}`);
  const target = resolveTarget(io, pathArg);
  const { config } = await loadConfigAsync({ root: target.root, cwd: io.cwd, env: io.env, flags: {} });
  const inventory = await treeInventory(target.root, config);
  for (const p of inventory.problems) {
    if (p.level === 'info') continue;
    io.stderr(`${p.level}: ${p.path}${p.line === undefined ? '' : `:${p.line}`}: ${p.message} (${p.code})\n`);
  }
  const components = opts.skipDev
    ? inventory.components.filter((c) => c.scope !== 'dev')
    : inventory.components;
  const meta = {
    name: opts.name ?? basename(target.root),
    timestamp: sbomTimestamp(io.env.SOURCE_DATE_EPOCH),
    toolVersion: toolInfo().version,
  };
  const text =
    format === 'cyclonedx-xml'
      ? toCycloneDxXml({ components }, meta)
      : `${JSON.stringify(format === 'spdx' ? toSpdx({ components }, meta) : toCycloneDx({ components }, meta), null, 2)}\n`;
  if (opts.output) {
    const out = resolve(io.cwd, opts.output);
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
    } catch (error) {
      throw new UsageError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    io.stderr(
      `rampart: wrote ${components.length} components from ${inventory.sources.length} lockfiles to ${opts.output}\n`,
    );
  } else {
    io.stdout(text);
  }
  return inventory.problems.some((p) => p.level === 'error') ? EXIT.error : EXIT.ok;
}
