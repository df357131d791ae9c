import picomatch from 'picomatch';

/**
 * The test for the files a scanner declares it wants. As with picomatch's `basename` option, a glob
 * without a slash matches the file name and one with a slash the whole repository-relative path; dot
 * files are included. Faster than `basename: true`, which splits every path once per glob list.
 */
export function fileFilter(files: {
  include: readonly string[];
  exclude?: readonly string[];
}): (path: string) => boolean {
  const include = globTest(files.include);
  const exclude = files.exclude?.length ? globTest(files.exclude) : undefined;
  return exclude ? (path) => include(path) && !exclude(path) : include;
}

function globTest(globs: readonly string[]): (path: string) => boolean {
  if (globs.includes('**')) return () => true;
  const byName = globs.filter((g) => !g.includes('/'));
  const byPath = globs.filter((g) => g.includes('/'));
  const name = byName.length > 0 ? oneRegex(byName) : undefined;
  const full = byPath.length > 0 ? oneRegex(byPath) : undefined;
  return (path) =>
    (name !== undefined && name.test(path.slice(path.lastIndexOf('/') + 1))) ||
    (full !== undefined && full.test(path));
}

/**
 * One expression for a list of globs (picomatch's own list matcher tries each glob in turn, and this test
 * runs for every file of the tree). picomatch's expressions are anchored, so their alternation is exact.
 */
function oneRegex(globs: readonly string[]): RegExp {
  const parts = globs.map((glob) => picomatch.makeRe(glob, { dot: true }));
  if (parts.length === 1) return parts[0]!;
  return new RegExp(parts.map((re) => `(?:${re.source})`).join('|'), parts[0]!.flags);
}
