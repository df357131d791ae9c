import { randomBytes } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AdvisoryDbError, importAdvisories, openAdvisoryDb } from '../../src/db/index.js';
import { fixture, useTempDirs } from './support/temp.js';

const tempDir = useTempDirs();

async function builtDb(): Promise<{ dir: string; dbPath: string }> {
  const dir = tempDir();
  const dbPath = join(dir, 'osv.db');
  await importAdvisories(dbPath, fixture('records.jsonl'));
  return { dir, dbPath };
}

function openError(path: string, options?: Parameters<typeof openAdvisoryDb>[1]): AdvisoryDbError {
  try {
    openAdvisoryDb(path, options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(AdvisoryDbError);
    return error as AdvisoryDbError;
  }
  throw new Error(`${path} opened`);
}

const REBUILD = /run `rampart db update` \(or `rampart db import <dir\|zip\|jsonl>` offline\)/;

describe('opening a damaged or foreign database', () => {
  it('reports a missing file', () => {
    const error = openError(join(tempDir(), 'nothing.db'));
    expect(error.kind).toBe('missing');
    expect(error.message).toMatch(/^no advisory database at .*nothing\.db: run `rampart db update`/);
  });

  it('refuses random bytes and an empty file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'random.db'), randomBytes(8192));
    writeFileSync(join(dir, 'empty.db'), '');
    for (const name of ['random.db', 'empty.db']) {
      const error = openError(join(dir, name));
      expect(error.kind).toBe('corrupt');
      expect(error.message).toMatch(/is not an SQLite database/);
      expect(error.message).toMatch(REBUILD);
    }
  });

  it('refuses a truncated copy, at a page boundary or not', async () => {
    const { dbPath } = await builtDb();
    const size = statSync(dbPath).size;
    const cut = join(tempDir(), 'cut.db');
    for (const length of [size / 2, size - 4096, size - 100, 4096]) {
      copyFileSync(dbPath, cut);
      truncateSync(cut, length);
      const error = openError(cut);
      expect(error.kind).toBe('corrupt');
      expect(error.message).toMatch(/is truncated/);
    }
  });

  it('finds damaged pages with verify, and lookups report damage as AdvisoryDbError', async () => {
    const { dbPath } = await builtDb();
    const bytes = readFileSync(dbPath);
    randomBytes(bytes.length - 8192).copy(bytes, 8192);
    writeFileSync(dbPath, bytes);
    expect(openError(dbPath, { verify: true }).message).toMatch(/is damaged|cannot be read/);
    let failure: unknown;
    try {
      const db = openAdvisoryDb(dbPath);
      try {
        for (const name of ['jinja2', 'django', 'requests', 'jw-util']) db.lookup('PyPI', [name]);
        db.lookup('npm', ['lodash']);
        db.info();
      } finally {
        db.close();
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(AdvisoryDbError);
    expect((failure as AdvisoryDbError).message).toMatch(REBUILD);
  });

  it('refuses a directory', () => {
    const error = openError(tempDir());
    expect(error.kind).toBe('corrupt');
  });

  it('refuses an SQLite file of another application', () => {
    const path = join(tempDir(), 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE t (x)');
    other.close();
    const error = openError(path);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/is an SQLite file but not a Rampart advisory database/);
  });

  it('refuses a database whose build never finished', async () => {
    const { dbPath } = await builtDb();
    const raw = new Database(dbPath);
    raw.prepare("UPDATE meta SET value = '0' WHERE key = 'complete'").run();
    raw.close();
    const error = openError(dbPath);
    expect(error.kind).toBe('incomplete');
    expect(error.message).toMatch(/was never finished \(an import or update was interrupted\)/);
    expect(error.message).toMatch(REBUILD);
  });

  it('refuses a database from a newer Rampart', async () => {
    const { dbPath } = await builtDb();
    const raw = new Database(dbPath);
    raw.pragma('user_version = 99');
    raw.close();
    const error = openError(dbPath);
    expect(error.kind).toBe('version');
    expect(error.message).toMatch(/schema version 99, written by a newer Rampart/);
  });

  it('opens a good database read-only by default, and writable on request', async () => {
    const { dbPath } = await builtDb();
    const db = openAdvisoryDb(dbPath, { verify: true });
    expect(db.lookup('npm', ['lodash']).size).toBe(1);
    db.close();
    openAdvisoryDb(dbPath, { readonly: false }).close();
  });
});

describe('building is atomic', () => {
  it('an import that fails half-way leaves the old database as it was, and no temporary file', async () => {
    const { dir, dbPath } = await builtDb();
    const before = readFileSync(dbPath);
    const lines = readFileSync(fixture('records.jsonl'), 'utf8').split('\n').filter(Boolean);
    const many = Array.from({ length: 3000 }, (_, i) =>
      lines[i % lines.length]!.replace(/"id":"[^"]+"/, `"id":"GHSA-x-${i}"`),
    );
    writeFileSync(join(dir, 'many.jsonl'), many.join('\n'));
    await expect(
      importAdvisories(dbPath, join(dir, 'many.jsonl'), {
        mode: 'replace',
        onProgress: (progress) => {
          if (progress.phase === 'import' && progress.records === 2000) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['many.jsonl', 'osv.db']);
    const db = openAdvisoryDb(dbPath, { verify: true });
    expect(db.lookup('npm', ['lodash']).get('lodash')).toHaveLength(2);
    expect(db.get('GHSA-x-1')).toBeUndefined();
    db.close();
  });

  it('readers keep the database they opened while a new one replaces it', async () => {
    const { dbPath } = await builtDb();
    const old = openAdvisoryDb(dbPath);
    await importAdvisories(dbPath, fixture('debian.jsonl'), { mode: 'replace' });
    expect(old.lookup('npm', ['lodash']).size).toBe(1);
    old.close();
    const fresh = openAdvisoryDb(dbPath);
    expect(fresh.lookup('npm', ['lodash']).size).toBe(0);
    expect(fresh.lookup('Debian:12', ['openssl']).size).toBe(1);
    fresh.close();
  });

  it('removes files left by an import whose process died, and rebuilds over a damaged database', async () => {
    const { dir, dbPath } = await builtDb();
    // Linux pids stay below 2^22: this process cannot exist.
    const stale = join(dir, 'osv.db.4194303.deadbeef.tmp');
    writeFileSync(stale, 'half a database');
    writeFileSync(dbPath, randomBytes(4096));
    const result = await importAdvisories(dbPath, fixture('records', 'npm'));
    expect(result.discarded).toMatch(/is not an SQLite database/);
    expect(result.advisories).toBe(2);
    expect(readdirSync(dir)).toEqual(['osv.db']);
  });

  it('refuses a second import while one is running', async () => {
    const { dbPath } = await builtDb();
    const first = importAdvisories(dbPath, fixture('records'));
    await expect(importAdvisories(dbPath, fixture('records'))).rejects.toMatchObject({ kind: 'busy' });
    await first;
    await importAdvisories(dbPath, fixture('records'));
  });
});
