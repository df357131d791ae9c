/**
 * npm versions: SemVer 2.0.0 through the `semver` package (what npm itself uses), ordered by
 * precedence (build metadata ignored). A leading `v` or `=` (`v1.2.3`, `=1.2.3`, as npm prints them
 * in some places) and surrounding whitespace are tolerated.
 */
import semver from 'semver';
import type { SemVer } from 'semver';
import type { VersionScheme } from './scheme.js';

function stripPrefix(v: string): string {
  let s = v.trim();
  let i = 0;
  while (i < s.length && (s[i] === '=' || s[i] === 'v' || s[i] === 'V' || s[i] === ' ')) i++;
  s = s.slice(i);
  return s;
}

export const npmScheme: VersionScheme<SemVer> = {
  name: 'npm',
  parse: (v) => semver.parse(stripPrefix(v)) ?? undefined,
  compare: (a, b) => a.compare(b),
};
