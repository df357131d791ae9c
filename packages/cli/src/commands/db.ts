import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '@rampart/core';
import {
  AdvisoryDbError,
  importAdvisories,
  openAdvisoryDb,
  updateDatabase,
  type ImportResult,
} from '@rampart/scanner-sca/db';
import { ECOSYSTEMS } from '@rampart/scanner-sca';
import { EXIT, type CliIo } from '../io.js';
import { advisoryDbPath } from '../sca.js';

/** `rampart db import <source...>`: build the database from local files (air-gapped use). */
export async function dbImportCommand(
  io: CliIo,
  sources: readonly string[],
  opts: { db?: string; replace?: boolean },
): Promise<number> {
  const dbPath = advisoryDbPath(io, opts.db);
  let code: number = EXIT.ok;
  for (const [i, source] of sources.entries()) {
    const path = resolve(io.cwd, source);
    if (!existsSync(path)) throw new UsageError(`advisory source not found: ${source}`);
    try {
      const result = await importAdvisories(dbPath, path, {
        mode: opts.replace && i === 0 ? 'replace' : 'merge',
      });
      report(io, source, result);
    } catch (error) {
      if (!(error instanceof AdvisoryDbError)) throw error;
      io.stderr(`rampart: ${error.message}\n`);
      code = EXIT.error;
    }
  }
  return code;
}

function report(io: CliIo, source: string, result: ImportResult): void {
  if (result.discarded)
    io.stderr(`rampart: warning: rebuilt the database from scratch: ${result.discarded}\n`);
  io.stdout(
    `imported ${result.imported} advisories from ${source} (${result.withdrawn} withdrawn, ${result.duplicates} already present); ` +
      `${result.advisories} in ${result.path}\n`,
  );
  if (result.skipped > 0) {
    io.stderr(
      `rampart: warning: skipped ${result.skipped} invalid record${result.skipped === 1 ? '' : 's'}:\n`,
    );
    for (const p of result.problems.slice(0, 20))
      io.stderr(
        `  ${p.where}${p.line === undefined ? '' : `:${p.line}`}${p.id ? ` (${p.id})` : ''}: ${p.reason}\n`,
      );
    if (result.skipped > 20) io.stderr(`  ... and ${result.skipped - 20} more\n`);
  }
}

/** The OSV ecosystems whose packages Rampart's extractors report. */
export const DEFAULT_ECOSYSTEMS = ECOSYSTEMS;

/** `rampart db update`: download what changed since the last update and rebuild the index atomically. */
export async function dbUpdateCommand(
  io: CliIo,
  opts: { db?: string; mirror?: string; ecosystems?: string },
): Promise<number> {
  const dbPath = advisoryDbPath(io, opts.db);
  const ecosystems = opts.ecosystems
    ? opts.ecosystems
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)
    : [...DEFAULT_ECOSYSTEMS];
  const mirror = opts.mirror ?? io.env.RAMPART_OSV_MIRROR;
  let lastLine = '';
  try {
    const result = await updateDatabase(dbPath, {
      ecosystems,
      ...(mirror ? { mirror } : {}),
      onProgress: (p) => {
        if (p.phase === 'not-modified' || p.phase === 'downloaded') {
          const line =
            p.phase === 'not-modified'
              ? `${p.ecosystem}: unchanged`
              : `${p.ecosystem}: downloaded ${Math.round(p.bytes / 1024)} KiB (verified: ${p.verified.join(', ') || 'size only'})`;
          if (line !== lastLine) io.stderr(`rampart: ${(lastLine = line)}\n`);
        }
      },
    });
    if (result.import) report(io, 'OSV', result.import);
    else io.stdout(`advisory database is up to date: ${result.path}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof AdvisoryDbError)) throw error;
    io.stderr(`rampart: ${error.message}\n`);
    return EXIT.error;
  }
}

/** `rampart db status`: what the database holds and when it was last updated. */
export function dbStatusCommand(io: CliIo, opts: { db?: string; format?: string }): number {
  const dbPath = advisoryDbPath(io, opts.db);
  if (!existsSync(dbPath)) {
    io.stderr(
      `rampart: no advisory database at ${dbPath}; run \`rampart db update\` or \`rampart db import <source>\`\n`,
    );
    return EXIT.error;
  }
  let info;
  try {
    const db = openAdvisoryDb(dbPath, { readonly: true });
    try {
      info = db.info();
    } finally {
      db.close();
    }
  } catch (error) {
    if (!(error instanceof AdvisoryDbError)) throw error;
    io.stderr(`rampart: ${error.message}\n`);
    return EXIT.error;
  }
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify(info, null, 2)}\n`);
    return EXIT.ok;
  }
  if (opts.format !== undefined && opts.format !== 'table')
    throw new UsageError(`unknown format "${opts.format}"; known: table, json`);
  io.stdout(
    `database: ${info.path} (${Math.round(info.sizeBytes / 1024)} KiB, schema ${info.schemaVersion})\n`,
  );
  io.stdout(`updated:  ${info.updatedAt ?? 'unknown'}\n`);
  io.stdout(`advisories: ${info.advisories} (${info.withdrawn} withdrawn, ignored by scans)\n`);
  for (const e of info.ecosystems)
    io.stdout(
      `  ${e.ecosystem.padEnd(12)} ${String(e.advisories).padStart(7)} advisories  ${String(e.packages).padStart(7)} packages\n`,
    );
  for (const s of info.sources)
    io.stdout(
      `source: ${s.url} (${s.records} records, ${s.importedAt}${s.etag ? `, etag ${s.etag}` : ''})\n`,
    );
  return EXIT.ok;
}
