/**
 * Python packaging helpers shared by the PyPI extractors (pip, Poetry, Pipenv, uv, PDM): PEP 503 name
 * normalisation, PEP 508 requirement strings and PEP 440 specifier lists, and commits in VCS URLs.
 */
import { satisfies } from '@renovatebot/pep440';
import { ExtractError } from '../../model.js';

/** PEP 503: lower-case, runs of `-`, `_` and `.` become one `-` (`Zope.Interface` -> `zope-interface`). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*/;
const SPECIFIER = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/;
const EXTRA = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** True for a valid (unnormalised) distribution name. */
export function isValidName(name: string): boolean {
  const m = NAME.exec(name);
  return m !== null && m[0] === name && /[A-Za-z0-9]$/.test(name);
}

export interface Specifier {
  op: string;
  version: string;
}

/** A parsed PEP 508 requirement: `name[extras] specifiers ; marker` or `name[extras] @ url ; marker`. */
export interface Requirement {
  /** As written; use `normalizeName` for comparison. */
  name: string;
  extras: string[];
  specifiers: Specifier[];
  url?: string;
  marker?: string;
}

/**
 * Parse one PEP 508 requirement. Throws ExtractError (with `line` when given) on a malformed string.
 * Markers are returned as text, not evaluated.
 */
export function parseRequirement(text: string, line?: number): Requirement {
  const fail = (why: string): never => {
    throw new ExtractError(`invalid requirement ${JSON.stringify(text.trim())}: ${why}`, line);
  };
  let rest = text.trim();
  const nameMatch = NAME.exec(rest);
  if (!nameMatch) return fail('expected a package name');
  const name = nameMatch[0];
  if (!/[A-Za-z0-9]$/.test(name)) return fail('a package name must end with a letter or digit');
  rest = rest.slice(name.length).trimStart();

  const extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return fail('unclosed "[" in extras');
    for (const raw of rest.slice(1, close).split(',')) {
      const extra = raw.trim();
      if (extra === '') continue;
      if (!EXTRA.test(extra)) return fail(`invalid extra ${JSON.stringify(extra)}`);
      extras.push(extra);
    }
    rest = rest.slice(close + 1).trimStart();
  }

  let url: string | undefined;
  let specifiers: Specifier[] = [];
  if (rest.startsWith('@')) {
    rest = rest.slice(1).trimStart();
    // PEP 508: the URL ends at whitespace; a marker must be separated from it by whitespace.
    const space = rest.search(/\s/);
    url = space === -1 ? rest : rest.slice(0, space);
    if (url === '') return fail('expected a URL after "@"');
    rest = space === -1 ? '' : rest.slice(space).trimStart();
  } else {
    const semicolon = rest.indexOf(';');
    let specText = semicolon === -1 ? rest : rest.slice(0, semicolon);
    rest = semicolon === -1 ? '' : rest.slice(semicolon);
    specText = specText.trim();
    if (specText.startsWith('(')) {
      if (!specText.endsWith(')')) return fail('unclosed "(" in version specifiers');
      specText = specText.slice(1, -1);
    }
    specifiers = parseSpecifiers(specText, fail);
  }

  let marker: string | undefined;
  if (rest.startsWith(';')) {
    marker = rest.slice(1).trim();
    if (marker === '') return fail('empty environment marker after ";"');
  } else if (rest !== '') {
    return fail(`unexpected ${JSON.stringify(rest)}`);
  }
  return { name, extras, specifiers, ...(url === undefined ? {} : { url }), ...(marker ? { marker } : {}) };
}

/** Parse a comma-separated PEP 440 specifier list (`>=1.0, <2`); '' gives []. */
export function parseSpecifiers(text: string, fail: (why: string) => never): Specifier[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const m = SPECIFIER.exec(part.trim());
    if (!m) return fail(`invalid version specifier ${JSON.stringify(part.trim())}`);
    return { op: m[1] ?? '', version: m[2] ?? '' };
  });
}

/**
 * The exact version a specifier list pins, or '' when it does not pin one: `==1.2.3` and `===1.2.3`
 * pin; `==1.2.*` (a prefix match), ranges and exclusions do not.
 */
export function pinnedVersion(specifiers: readonly Specifier[]): string {
  const pins = new Set<string>();
  for (const s of specifiers) {
    if (s.op === '===' || (s.op === '==' && !s.version.includes('*'))) pins.add(s.version);
  }
  return pins.size === 1 ? ([...pins][0] ?? '') : '';
}

const COMMIT = /^[0-9a-f]{40}$/i;

/** True for a full 40-hex commit id. */
export function isCommit(ref: string): boolean {
  return COMMIT.test(ref);
}

/**
 * The commit a pip-style VCS URL pins (`git+https://host/o/r.git@<sha>#egg=r`), lower-cased; undefined
 * for a branch, a tag, or a URL that is not a VCS URL.
 */
export function vcsCommit(url: string): string | undefined {
  if (!/^(git|hg)\+/i.test(url)) return undefined;
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const at = base.lastIndexOf('@');
  if (at === -1 || at < base.lastIndexOf('/')) return undefined;
  const ref = base.slice(at + 1);
  return isCommit(ref) ? ref.toLowerCase() : undefined;
}

/** The `#egg=name` of a pip URL, without extras or a version suffix; undefined when absent or invalid. */
export function eggName(url: string): string | undefined {
  const hash = url.indexOf('#');
  if (hash === -1) return undefined;
  for (const param of url.slice(hash + 1).split('&')) {
    if (!param.startsWith('egg=')) continue;
    let egg = param.slice(4);
    const bracket = egg.indexOf('[');
    if (bracket !== -1) egg = egg.slice(0, bracket);
    return isValidName(egg) ? egg : undefined;
  }
  return undefined;
}

/**
 * Of several locked versions of one package, those a dependency's specifier allows. When the
 * specifier is absent, `*`, not PEP 440 (Poetry's `^1.2`), or allows none of them, all are kept:
 * an edge to every candidate is better than a lost one.
 */
export function allowedBy<T extends { version: string }>(
  candidates: readonly T[],
  specifier: string | undefined,
): T[] {
  const spec = specifier?.trim() ?? '';
  if (candidates.length <= 1 || spec === '' || spec === '*') return [...candidates];
  const normalized = /^[0-9]/.test(spec) ? `==${spec}` : spec;
  try {
    const allowed = candidates.filter((c) => satisfies(c.version, normalized));
    return allowed.length > 0 ? allowed : [...candidates];
  } catch {
    return [...candidates];
  }
}

/**
 * Hands out ids unique within one lockfile: `name@version`, `name#commit` for an unversioned VCS
 * package, `name` when neither is known, and `~2`, `~3` appended to a repeat.
 */
export function idAllocator(): (name: string, version: string, commit?: string) => string {
  const used = new Set<string>();
  return (name, version, commit) => {
    const base = version !== '' ? `${name}@${version}` : commit ? `${name}#${commit}` : name;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}~${n}`;
    used.add(id);
    return id;
  };
}

/** Order packages by id (extractor output is deterministic). */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Name (normalised) and specifier of a requirement string written by a tool (a lockfile's dependency
 * list), read leniently: a string that is not valid PEP 508 still yields its leading name.
 */
export function looseRequirement(text: string): { name: string; specifier: string } | undefined {
  try {
    const req = parseRequirement(text);
    return {
      name: normalizeName(req.name),
      specifier: req.specifiers.map((s) => `${s.op}${s.version}`).join(','),
    };
  } catch {
    let name = NAME.exec(text.trim())?.[0] ?? '';
    while (name !== '' && !/[A-Za-z0-9]/.test(name.charAt(name.length - 1))) name = name.slice(0, -1);
    return name ? { name: normalizeName(name), specifier: '' } : undefined;
  }
}
