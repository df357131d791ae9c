// Config given to every git command Rampart runs. A repository's own `.git/config` can name programs
// that git runs while reading it. Scanning a checkout someone else prepared (an unpacked archive with its
// `.git`, a shared folder) must not run them: Rampart only reads.

/**
 * `core.fsmonitor` names a program that git runs whenever it looks at the index (`git diff --cached`,
 * `git diff <commit>`, `git ls-files`); off, git stats the files itself. `core.quotepath=off` keeps
 * non-ASCII paths as they are in the output Rampart parses.
 */
export const GIT_SAFE_CONFIG: readonly string[] = ['-c', 'core.fsmonitor=false', '-c', 'core.quotepath=off'];

/**
 * Environment that turns off the content filters (`filter.<driver>.clean`, `.process`, `.smudge`) that a
 * repository's config names, for a command that reads working-tree files (`git diff <commit>` hashes a
 * file whose stat data is stale through its clean filter). `listing` is the output of
 * `git config -z --get-regexp ^filter\.`. Given as GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n (git 2.31 and
 * later; older git ignores them) after any the caller already set, so a driver name with `=` or spaces
 * cannot be misread as `-c` would.
 */
export function filterOffEnv(
  listing: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const drivers = new Set<string>();
  for (const entry of listing.split('\0')) {
    const key = entry.slice(0, entry.includes('\n') ? entry.indexOf('\n') : entry.length);
    const dot = key.lastIndexOf('.');
    if (!key.startsWith('filter.') || dot <= 'filter.'.length) continue;
    drivers.add(key.slice('filter.'.length, dot));
  }
  const out: Record<string, string> = {};
  const have = Number(env.GIT_CONFIG_COUNT ?? 0);
  let count = Number.isSafeInteger(have) && have > 0 ? have : 0;
  for (const driver of [...drivers].sort()) {
    for (const [name, value] of [
      ['clean', ''],
      ['smudge', ''],
      ['process', ''],
      // A required filter that does not run fails the command.
      ['required', 'false'],
    ] as const) {
      out[`GIT_CONFIG_KEY_${count}`] = `filter.${driver}.${name}`;
      out[`GIT_CONFIG_VALUE_${count}`] = value;
      count++;
    }
  }
  if (drivers.size > 0) out.GIT_CONFIG_COUNT = String(count);
  return out;
}

/**
 * git's own safety check: it refuses a repository owned by another user unless `safe.directory` names it
 * ("detected dubious ownership in repository at '<path>'"). Rampart does not override that; this turns
 * git's message into one that says what happened and what the user can do. Undefined for other errors.
 */
export function ownershipRefusal(stderr: string): string | undefined {
  const match = /detected dubious ownership in repository at '([^'\n]*)'/.exec(stderr);
  if (!match) return undefined;
  const path = match[1] ?? '';
  return (
    `git refuses to read the repository at ${path}: it belongs to another user (git's safe.directory check, ` +
    `which rampart keeps). If you trust it, run: git config --global --add safe.directory '${path}'`
  );
}
