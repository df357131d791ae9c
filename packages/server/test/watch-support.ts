import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { importAdvisories } from '@rampart/scanner-sca/db';

/** Made-up OSV advisories for the zero-day watch tests. */
export function advisory(
  id: string,
  pkg: { ecosystem?: string; name: string; fixed: string },
  options: { aliases?: string[]; severity?: 'LOW' | 'MODERATE' | 'HIGH' | 'CRITICAL' } = {},
) {
  return {
    schema_version: '1.6.0',
    id,
    modified: '2026-01-10T00:00:00Z',
    published: '2026-01-10T00:00:00Z',
    ...(options.aliases ? { aliases: options.aliases } : {}),
    summary: `Made-up flaw in ${pkg.name} (${id})`,
    affected: [
      {
        package: { ecosystem: pkg.ecosystem ?? 'npm', name: pkg.name },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: pkg.fixed }] }],
      },
    ],
    database_specific: { severity: options.severity ?? 'HIGH' },
    references: [{ type: 'ADVISORY', url: `https://example.com/advisories/${id}` }],
  };
}

export const LODASH_ADVISORY = advisory(
  'GHSA-2222-3333-4444',
  { name: 'lodash', fixed: '4.17.21' },
  { aliases: ['CVE-2026-10001'] },
);
export const LEFT_PAD_ADVISORY = advisory('GHSA-5555-6666-7777', { name: 'left-pad', fixed: '1.3.0' });
export const EXPRESS_ADVISORY = advisory(
  'GHSA-8888-9999-cccc',
  { name: 'express', fixed: '4.19.2' },
  { aliases: ['CVE-2026-10002'], severity: 'CRITICAL' },
);

/**
 * Import records into the database at `dbPath` as `rampart db import <dir>` does: each call is its own
 * source (a folder of `*.json`), merged with what the database holds.
 */
export async function importRecords(dbPath: string, dir: string, records: object[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const record of records)
    writeFileSync(join(dir, `${(record as { id: string }).id}.json`), JSON.stringify(record));
  await importAdvisories(dbPath, dir, { mode: 'merge' });
}

/** A zip of stored (uncompressed) entries: enough for `<mirror>/<ecosystem>/all.zip`. */
export function storedZip(entries: { name: string; data: string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.from(entry.data, 'utf8');
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An OSV-like mirror on 127.0.0.1: `/<ecosystem>/all.zip` with an ETag, 304 when it matches. */
export class LocalMirror {
  readonly files = new Map<string, Buffer>();
  readonly requests: { url: string; status: number }[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const url = req.url ?? '/';
      const body = this.files.get(url);
      let status = 404;
      if (body !== undefined) {
        const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
        status = req.headers['if-none-match'] === etag ? 304 : 200;
        res.writeHead(status, { etag, 'content-length': status === 200 ? body.length : 0 });
        res.end(status === 200 ? body : undefined);
      } else {
        res.writeHead(404).end();
      }
      this.requests.push({ url, status });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
export const REACT_ADVISORY = advisory(
  'GHSA-8888-9999-dddd',
  { name: 'react', fixed: '18.3.0' },
  { severity: 'CRITICAL' },
);
