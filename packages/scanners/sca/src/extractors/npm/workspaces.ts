/**
 * npm workspace globs (`"workspaces": ["packages/*"]` in package.json, copied to the lockfile's project
 * entry): which install paths outside node_modules are workspace projects rather than `file:` packages.
 * Supports `*`, `?`, `**` and `!` exclusions; other glob syntax is matched literally.
 */

export function workspaceMatcher(patterns: readonly string[]): (path: string) => boolean {
  const include: string[][] = [];
  const exclude: string[][] = [];
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const segments = normalize(negated ? raw.slice(1) : raw);
    if (segments.length === 0) continue;
    (negated ? exclude : include).push(segments);
  }
  return (path) => {
    const segments = normalize(path);
    return (
      include.some((pattern) => matchPath(pattern, 0, segments, 0)) &&
      !exclude.some((pattern) => matchPath(pattern, 0, segments, 0))
    );
  };
}

function normalize(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .filter((segment, i, all) => !(i === all.length - 1 && segment === 'package.json'))
    .filter((segment, i, all) => !(segment === '**' && all[i - 1] === '**'));
}

function matchPath(pattern: string[], p: number, path: string[], s: number): boolean {
  for (; p < pattern.length; p++, s++) {
    const segment = pattern[p] as string;
    if (segment === '**') {
      for (let rest = s; rest <= path.length; rest++) if (matchPath(pattern, p + 1, path, rest)) return true;
      return false;
    }
    const name = path[s];
    if (name === undefined || !matchSegment(segment, name)) return false;
  }
  return s === path.length;
}

/** `*` and `?` within one path segment; linear backtracking on the last `*`. */
function matchSegment(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    const c = pattern[p];
    if (c === '*') {
      star = p++;
      resume = n;
    } else if (c !== undefined && (c === '?' || c === name[n])) {
      p++;
      n++;
    } else if (star !== -1) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
