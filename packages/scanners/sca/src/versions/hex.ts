/**
 * Hex (Erlang/Elixir) versions: SemVer 2.0.0 as Elixir's `Version` module reads it
 * (`MAJOR.MINOR.PATCH[-pre][+build]`, all three numbers required). Build metadata is ignored when
 * comparing.
 */
import type { VersionScheme } from './scheme.js';
import { compareSemVer, parseSemVer, type SemVerParts } from './semver-core.js';

export const hexScheme: VersionScheme<SemVerParts> = {
  name: 'Hex',
  parse: (v) => parseSemVer(v, { trim: true }),
  compare: compareSemVer,
};
