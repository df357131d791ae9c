import { homedir } from 'node:os';
import { join as posixJoin } from 'node:path/posix';
import { join as win32Join } from 'node:path/win32';

/**
 * Where the advisory database lives by default: `$RAMPART_DB` when set, else `rampart/osv.db` in the
 * user's cache directory (`$XDG_CACHE_HOME` or `~/.cache` on Linux and other Unixes,
 * `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows).
 */
export function defaultDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.RAMPART_DB) return env.RAMPART_DB;
  const join = platform === 'win32' ? win32Join : posixJoin;
  return join(userCacheDir(env, platform, home), 'rampart', 'osv.db');
}

function userCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return env.LOCALAPPDATA || win32Join(home, 'AppData', 'Local');
  if (platform === 'darwin') return posixJoin(home, 'Library', 'Caches');
  // XDG requires an absolute path; a relative one is ignored.
  const xdg = env.XDG_CACHE_HOME;
  return xdg && xdg.startsWith('/') ? xdg : posixJoin(home, '.cache');
}
