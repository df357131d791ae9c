import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '@rampart/core';
import { EXIT, type CliIo } from '../io.js';
import { serverSettings, type ServerFlags } from './server.js';

function readText(io: CliIo, path: string, what: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

function report(
  io: CliIo,
  result: {
    ok: boolean;
    entries: number;
    checkpoints: number;
    sealedThrough: number;
    unsealed: number;
    problems: { kind: string; seq: number; message: string }[];
  },
  format: string | undefined,
): number {
  if (format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else {
    for (const p of result.problems) io.stdout(`${p.kind}: ${p.message}\n`);
    io.stdout(
      `${result.ok ? 'audit log intact' : 'AUDIT LOG TAMPERED'}: ${result.entries} entries, ${result.checkpoints} signed checkpoints, ` +
        `sealed through entry ${result.sealedThrough}` +
        (result.unsealed > 0 ? ` (${result.unsealed} newer entries not yet sealed)` : '') +
        '\n',
    );
  }
  return result.ok ? EXIT.ok : EXIT.policyFailed;
}

/**
 * `rampart audit verify`: check the hash chain and the signed checkpoints, either of the store in the
 * data directory (`DATABASE_URL` for PostgreSQL) or of an export file (`--export`, offline, with
 * `--public-key`). Exit 0 intact, 1 tampered, 2 usage error.
 */
export async function auditVerifyCommand(
  io: CliIo,
  opts: ServerFlags & { export?: string; publicKey?: string; format?: string },
): Promise<number> {
  if (opts.format !== undefined && opts.format !== 'text' && opts.format !== 'json')
    throw new UsageError(`unknown format "${opts.format}"; known: text, json`);
  const server = await import('@rampart/server');
  const publicKey = opts.publicKey === undefined ? undefined : readText(io, opts.publicKey, 'public key');
  let key;
  if (publicKey !== undefined) {
    try {
      key = server.publicKeyFromPem(publicKey);
    } catch {
      throw new UsageError(`${opts.publicKey} is not a PEM public key`);
    }
  }
  if (opts.export !== undefined) {
    if (key === undefined)
      throw new UsageError(
        '--export needs --public-key (the server key, e.g. from GET /api/v1/audit/public-key)',
      );
    const text = readText(io, opts.export, 'audit export');
    try {
      return report(io, await server.verifyAuditExport(text, key), opts.format);
    } catch (error) {
      if (error instanceof SyntaxError) throw new UsageError(`${opts.export}: ${error.message}`);
      throw error;
    }
  }
  const settings = serverSettings(io, opts);
  let store;
  try {
    store = await server.openStore({
      dataDir: settings.dataDir,
      ...(settings.databaseUrl !== '' ? { databaseUrl: settings.databaseUrl } : {}),
    });
  } catch (error) {
    throw new UsageError(`cannot open the store: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    if (key === undefined)
      io.stderr(
        `rampart: verifying with the key in ${join(settings.dataDir, server.SIGNING_KEY_FILE)}; ` +
          'pass --public-key with a copy kept elsewhere to rule out a re-signed log\n',
      );
    return report(io, await server.verifyAudit(store, key ?? store.signingKey.publicKey), opts.format);
  } finally {
    await store.close();
  }
}

/** `rampart audit export -o file.jsonl`: the audit log as JSON lines, and the public key beside it. */
export async function auditExportCommand(
  io: CliIo,
  opts: ServerFlags & { output?: string },
): Promise<number> {
  const server = await import('@rampart/server');
  const settings = serverSettings(io, opts);
  const store = await server.openStore({
    dataDir: settings.dataDir,
    ...(settings.databaseUrl !== '' ? { databaseUrl: settings.databaseUrl } : {}),
  });
  try {
    const lines: string[] = [];
    for await (const line of server.exportAuditJsonl(store)) lines.push(line);
    if (opts.output === undefined) io.stdout(lines.join(''));
    else {
      const path = resolve(io.cwd, opts.output);
      writeFileSync(path, lines.join(''));
      writeFileSync(`${path}.pub.pem`, store.signingKey.publicKeyPem);
      io.stderr(`rampart: wrote ${path} and its public key ${path}.pub.pem\n`);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
