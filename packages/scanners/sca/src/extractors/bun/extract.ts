/**
 * `bun.lock`, Bun's text lockfile (see `schema.ts`). The binary `bun.lockb` is not read.
 *
 * Packages are the `packages` entries other than workspaces, the root and symlinks, reported once per
 * name, version and commit under the key of their first entry. Workspaces give the direct
 * dependencies and their scope; each package's info gives its edges, resolved the way Bun lays them
 * out: a dependency `d` of the package at key `a/b` is at `a/b/d`, else `a/d`, else `d`.
 */
import { basename } from 'node:path/posix';
import { ExtractError, lineAt, type Extraction, type Extractor, type Scope } from '../../model.js';
import { lineOfKey, parseJsonWithSpans } from '../npm/json.js';
import {
  gitCommit,
  isPackageName,
  membersOf,
  PackageTable,
  propagateScopes,
  sortedIds,
  splitSpec,
  validateWithLines,
  type Occurrence,
  type ScopedEdge,
} from '../npm/shared.js';
import {
  bunLockSchema,
  packageTupleSchema,
  workspaceSchema,
  type BunLock,
  type PackageInfo,
  type Workspace,
} from './schema.js';

export const extractor: Extractor = {
  id: 'bun',
  ecosystem: 'npm',
  files: ['bun.lock'],
  extract({ path, text }) {
    return readBunLock(text, basename(path) || 'bun.lock');
  },
};

const SUPPORTED_VERSIONS = [0, 1, 2];

const EDGE_FIELDS = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
] as const;

const WORKSPACE_FIELDS = [...EDGE_FIELDS, ['devDependencies', 'dev']] as const;

function readBunLock(text: string, what: string): Extraction {
  const parsed = parseJsonWithSpans(text, what, { jsonc: true });
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    throw new ExtractError('expected a JSON object at the top level', 1);
  }
  const root = parsed.value;
  const lock = validateWithLines<BunLock>(bunLockSchema, root, what, () =>
    (['workspaces', 'packages'] as const).flatMap((section) =>
      membersOf((root as Record<string, unknown>)[section]).map(([key, value]) => {
        const span = value !== null && typeof value === 'object' ? parsed.spanOf(value) : undefined;
        return {
          schema: section === 'packages' ? packageTupleSchema : workspaceSchema,
          value,
          what: `${section}[${JSON.stringify(key)}]`,
          line: span ? lineAt(text, span.start) : undefined,
        };
      }),
    ),
  );
  if (!SUPPORTED_VERSIONS.includes(lock.lockfileVersion)) {
    throw new ExtractError(
      `unsupported lockfileVersion ${lock.lockfileVersion} (expected 0, 1 or 2)`,
      lineOfKey(text, 'lockfileVersion'),
    );
  }

  const table = new PackageTable();
  /** Keys of workspaces, the root and symlinks: installed, but not packages. */
  const localKeys = new Set<string>();
  const infos = new Map<string, PackageInfo>();
  for (const [key, tuple] of Object.entries(lock.packages ?? {})) {
    const span = parsed.spanOf(tuple);
    const fail: (message: string) => never = (message) => {
      throw new ExtractError(message, span ? lineAt(text, span.start) : undefined);
    };
    const ident = splitSpec(tuple[0]);
    if (!ident || !isPackageName(ident.name)) {
      fail(`invalid package ${JSON.stringify(tuple[0])} at ${JSON.stringify(key)}`);
    }
    if (!isInstallKey(key)) fail(`invalid package key ${JSON.stringify(key)}`);
    const { name, rest: resolution } = ident;
    if (/^(?:workspace|root|link):/.test(resolution)) {
      localKeys.add(key);
      continue;
    }
    const occurrence: Occurrence = { name, version: '', depGroups: [] };
    if (/^[0-9]/.test(resolution) && !resolution.includes(':') && !resolution.includes('/')) {
      occurrence.version = resolution; // from a registry
    } else if (!resolution.startsWith('file:')) {
      const commit = gitCommit(resolution);
      if (commit !== undefined) occurrence.commit = commit;
    }
    if (span) Object.assign(occurrence, span);
    table.add(key, occurrence);
    const info = tuple.slice(1).find((item): item is PackageInfo => typeof item === 'object');
    if (info) infos.set(key, info);
  }

  const exists = (key: string): boolean => table.has(key) || localKeys.has(key);
  const edges = new Map<string, ScopedEdge[]>();
  for (const [key, info] of infos) {
    const list: ScopedEdge[] = [];
    for (const [field, cap] of EDGE_FIELDS) {
      for (const dependency of Object.keys(info[field] ?? {})) {
        const to = resolveKey(key, dependency, exists);
        if (to === undefined || !table.has(to)) continue;
        list.push({ to, cap });
        table.edge(key, to);
      }
    }
    edges.set(key, list);
  }

  const roots: Array<{ id: string; scope: Scope }> = [];
  for (const [path, workspace] of Object.entries(lock.workspaces ?? {})) {
    for (const [field, scope] of WORKSPACE_FIELDS) {
      for (const dependency of Object.keys(workspace[field] ?? {})) {
        const to = resolveFromWorkspace(path, workspace, dependency, exists);
        if (to !== undefined && table.has(to)) roots.push({ id: to, scope });
      }
    }
  }

  const scopes = propagateScopes(roots, (id) => edges.get(id) ?? []);
  for (const [key, occurrence] of table.entries()) {
    const scope = scopes.get(key);
    if (scope !== undefined) occurrence.scope = scope;
  }
  const { packages, idOf } = table.build();
  const extraction: Extraction = { packages };
  if (lock.workspaces) extraction.roots = sortedIds(roots.map((r) => idOf.get(r.id) as string));
  return extraction;
}

/** A key is a chain of package names: `a`, `@s/a`, `a/@s/b/c`. */
function isInstallKey(key: string): boolean {
  return names(key) !== undefined;
}

function names(key: string): string[] | undefined {
  const segments = key.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const name = segment.startsWith('@') ? `${segment}/${segments[++i] ?? ''}` : segment;
    if (!isPackageName(name)) return undefined;
    out.push(name);
  }
  return out;
}

/** The key a dependency of the package at `from` is installed at: nearest first, the top last. */
function resolveKey(from: string, dependency: string, exists: (key: string) => boolean): string | undefined {
  const chain = names(from) ?? [];
  for (let depth = chain.length; depth >= 0; depth--) {
    const candidate = [...chain.slice(0, depth), dependency].join('/');
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

/** A workspace's dependency: nested under the workspace's name when it differs from the hoisted one. */
function resolveFromWorkspace(
  path: string,
  workspace: Workspace,
  dependency: string,
  exists: (key: string) => boolean,
): string | undefined {
  for (const prefix of [workspace.name, path]) {
    if (prefix === undefined || prefix === '' || path === '') continue;
    const candidate = `${prefix}/${dependency}`;
    if (exists(candidate)) return candidate;
  }
  return exists(dependency) ? dependency : undefined;
}
