/**
 * The structure of Elixir's `mix.lock`: one map from each dependency's app name to the tuple its SCM
 * locked it with.
 *
 * ```elixir
 * %{
 *   "plug": {:hex, :plug, "1.15.3", "<inner checksum>", [:mix], [
 *     {:mime, "~> 1.0 or ~> 2.0", [hex: :mime, repo: "hexpm", optional: false]},
 *   ], "hexpm", "<outer checksum>"},
 *   "foo": {:git, "https://github.com/o/foo.git", "<commit>", [branch: "main"]},
 * }
 * ```
 *
 * Older lockfiles write `"plug" => {...}` and shorter hex tuples (without the repository and outer
 * checksum, or without the dependency list). The hex tuple's second element is the package's name
 * on Hex, which can differ from the app name when the dependency says `hex: :other_name`.
 */
import { ExtractError, lineAt } from '../../model.js';
import type { Term } from './term.js';

export interface MixEntry {
  /** App name: the map key, and what other entries' dependency lists refer to. */
  app: string;
  scm: 'hex' | 'git';
  name: string;
  version: string;
  commit?: string;
  /** App names of the dependencies (hex entries only; git entries do not list them). */
  dependencies: string[];
  start: number;
  end: number;
}

/** Read one `app => {scm, ...}` entry; undefined for SCMs other than hex and git. */
export function readEntry(text: string, key: Term, value: Term): MixEntry | undefined {
  const fail = (message: string, at: Term): never => {
    throw new ExtractError(`mix.lock: ${message}`, lineAt(text, at.start));
  };
  if (key.kind !== 'string' && key.kind !== 'atom') return fail('dependency names must be strings', key);
  const app = key.value;
  if (value.kind !== 'tuple') return fail(`'${app}' must be locked to a tuple`, value);
  const [scm, ...rest] = value.items;
  if (scm?.kind !== 'atom') return fail(`'${app}' must start with its SCM (:hex or :git)`, value);
  const base = { app, start: key.start, end: value.end };

  if (scm.value === 'hex') {
    const [name, version, , , deps] = rest;
    if (name?.kind !== 'atom') return fail(`hex entry '${app}' has no package name`, value);
    if (version?.kind !== 'string') return fail(`hex entry '${app}' has no version`, value);
    return {
      ...base,
      scm: 'hex',
      name: name.value,
      version: version.value,
      dependencies: depApps(deps, app),
    };
  }
  if (scm.value === 'git') {
    const [url, commit] = rest;
    if (url?.kind !== 'string') return fail(`git entry '${app}' has no repository URL`, value);
    if (commit?.kind !== 'string') return fail(`git entry '${app}' has no commit`, value);
    return { ...base, scm: 'git', name: app, version: '', commit: commit.value, dependencies: [] };
  }
  return undefined;

  function depApps(deps: Term | undefined, owner: string): string[] {
    if (deps === undefined) return [];
    if (deps.kind !== 'list') return fail(`dependencies of '${owner}' must be a list`, deps);
    return deps.items.map((d) => {
      const first = d.kind === 'tuple' ? d.items[0] : undefined;
      return first?.kind === 'atom' ? first.value : fail(`malformed dependency of '${owner}'`, d);
    });
  }
}
