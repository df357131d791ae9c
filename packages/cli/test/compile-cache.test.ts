import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

// bin/rampart.js keeps V8's compiled code in the user's cache folder on Node 22.1 and later
// (module.enableCompileCache); Node 20 has no such cache and nothing is written.
const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));
const hasCompileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function cacheHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-cache-home-'));
  dirs.push(dir);
  return dir;
}

async function version(env: Record<string, string>): Promise<string> {
  const base: Record<string, string | undefined> = { ...process.env };
  delete base.NODE_COMPILE_CACHE;
  delete base.NODE_DISABLE_COMPILE_CACHE;
  const { stdout } = await run(process.execPath, [bin, '--version'], {
    env: { ...base, ...env },
    timeout: 20_000,
  });
  return stdout.trim();
}

describe('compile cache', () => {
  it.runIf(hasCompileCache)('is written under $XDG_CACHE_HOME/rampart/compile-cache', async () => {
    const home = cacheHome();
    expect(await version({ XDG_CACHE_HOME: home })).toMatch(/^\d+\.\d+\.\d+/);
    const folder = join(home, 'rampart', 'compile-cache');
    const versions = readdirSync(folder);
    expect(versions.length).toBe(1);
    expect(readdirSync(join(folder, versions[0]!)).length).toBeGreaterThan(0);
  });

  it.runIf(hasCompileCache)("leaves the folder to Node's own NODE_COMPILE_CACHE when it is set", async () => {
    const home = cacheHome();
    const own = join(home, 'own');
    await version({ XDG_CACHE_HOME: home, NODE_COMPILE_CACHE: own });
    expect(existsSync(join(home, 'rampart'))).toBe(false);
    expect(existsSync(own)).toBe(true);
  });

  it.runIf(hasCompileCache)(
    'does without it when the folder cannot be made, without hanging (/proc, a file, a relative path)',
    async () => {
      // Node's recursive mkdir never returns under /proc; the binary creates the folders itself.
      for (const place of ['/proc', '/proc/none', '/etc/hostname', 'relative/path']) {
        if (place.startsWith('/') && !existsSync(place.split('/').slice(0, 2).join('/'))) continue;
        expect(await version({ XDG_CACHE_HOME: place, HOME: cacheHome() })).toMatch(/^\d+\.\d+\.\d+/);
      }
    },
  );

  it.skipIf(hasCompileCache)('is not written on a Node without a compile cache (Node 20)', async () => {
    const home = cacheHome();
    await version({ XDG_CACHE_HOME: home });
    expect(readdirSync(home)).toEqual([]);
  });
});
