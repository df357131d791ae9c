/**
 * The dependencies a `pyproject.toml` declares, for lockfiles that do not record which packages are
 * direct (poetry.lock, pdm.lock). Read leniently: a pyproject that cannot be parsed gives undefined,
 * since a broken manifest does not make the lockfile next to it unreadable.
 *
 * Sections read: `[project].dependencies` and `[project.optional-dependencies]` (PEP 621),
 * `[dependency-groups]` (PEP 735), `[tool.poetry.dependencies]`, `[tool.poetry.dev-dependencies]`,
 * `[tool.poetry.group.<g>.dependencies]` and `[tool.pdm.dev-dependencies]`.
 */
import { parse } from 'smol-toml';
import { normalizeName } from '../pip/pep508.js';

export type DeclaredKind = 'main' | 'optional' | 'dev';

export interface Declared {
  /** PEP 503-normalised. */
  name: string;
  kind: DeclaredKind;
  /** The extra or group that declares it (lower-case), for optional and dev dependencies. */
  group?: string;
}

export interface Pyproject {
  declared: Declared[];
  /** Names of optional-dependency extras and of dev groups, lower-case. */
  extras: Set<string>;
  devGroups: Set<string>;
  /** Whether any dependency section is present at all (an empty one still says "no dependencies"). */
  hasSections: boolean;
}

const LEADING_NAME = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/;

/** Read the `pyproject.toml` next to a lockfile; undefined when there is none or it cannot be read. */
export async function siblingPyproject(
  readRelative: ((path: string) => Promise<string | undefined>) | undefined,
): Promise<Pyproject | undefined> {
  let text: string | undefined;
  try {
    text = await readRelative?.('pyproject.toml');
  } catch {
    return undefined;
  }
  return text === undefined ? undefined : readPyproject(text);
}

export function readPyproject(text: string): Pyproject | undefined {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined;
  }
  if (!isTable(doc)) return undefined;
  const out: Pyproject = { declared: [], extras: new Set(), devGroups: new Set(), hasSections: false };
  const add = (name: string, kind: DeclaredKind, group?: string): void => {
    out.declared.push({ name: normalizeName(name), kind, ...(group ? { group: group.toLowerCase() } : {}) });
    if (group && kind === 'optional') out.extras.add(group.toLowerCase());
    if (group && kind === 'dev') out.devGroups.add(group.toLowerCase());
  };
  const addStrings = (list: unknown, kind: DeclaredKind, group?: string): void => {
    if (!Array.isArray(list)) return;
    out.hasSections = true;
    for (const item of list as unknown[]) {
      if (typeof item !== 'string' || item.trimStart().startsWith('-')) continue; // `-e ./path` (PDM)
      const name = LEADING_NAME.exec(item)?.[1];
      if (name) add(name, kind, group);
    }
  };
  const addTable = (table: unknown, kind: DeclaredKind, group?: string): void => {
    if (!isTable(table)) return;
    out.hasSections = true;
    for (const [name, spec] of Object.entries(table)) {
      if (name.toLowerCase() === 'python') continue;
      const optional = isTable(spec) && spec.optional === true;
      add(name, optional && kind === 'main' ? 'optional' : kind, group);
    }
  };

  const project = doc.project;
  if (isTable(project)) {
    addStrings(project.dependencies, 'main');
    const optional = project['optional-dependencies'];
    if (isTable(optional)) {
      out.hasSections = true;
      for (const [extra, list] of Object.entries(optional)) addStrings(list, 'optional', extra);
    }
  }
  const groups = doc['dependency-groups'];
  if (isTable(groups)) {
    out.hasSections = true;
    for (const [group, list] of Object.entries(groups)) addStrings(list, 'dev', group);
  }
  const tool = doc.tool;
  if (isTable(tool)) {
    const poetry = tool.poetry;
    if (isTable(poetry)) {
      addTable(poetry.dependencies, 'main');
      addTable(poetry['dev-dependencies'], 'dev', 'dev');
      if (isTable(poetry.group)) {
        for (const [group, body] of Object.entries(poetry.group)) {
          if (isTable(body)) addTable(body.dependencies, group === 'main' ? 'main' : 'dev', group);
        }
      }
    }
    const pdm = tool.pdm;
    if (isTable(pdm) && isTable(pdm['dev-dependencies'])) {
      out.hasSections = true;
      for (const [group, list] of Object.entries(pdm['dev-dependencies'])) addStrings(list, 'dev', group);
    }
  }
  return out;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
