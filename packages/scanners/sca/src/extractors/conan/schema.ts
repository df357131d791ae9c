/**
 * The parts of `conan.lock` the extractor reads.
 *
 * Conan 1 (lockfile versions 0.1 to 0.4, and the unversioned 0.0) holds the resolved graph:
 *
 * ```json
 * { "version": "0.4",
 *   "graph_lock": { "nodes": {
 *     "0": { "ref": "app/1.0", "path": "conanfile.py", "requires": ["1"], "build_requires": ["2"] },
 *     "1": { "ref": "zlib/1.2.13#rrev", "context": "host" },
 *     "2": { "ref": "ninja/1.11.1", "context": "build" } } } }
 * ```
 *
 * Older versions give `pref` (`ref:package_id#prev`) instead of `ref`, and `requires` as an object
 * from reference to node id. The node with `path` is the consumer conanfile itself.
 *
 * Conan 2 (lockfile version 0.5) is flat: lists of references
 * `name/version[@user/channel][#recipe_revision[%timestamp]]`.
 *
 * ```json
 * { "version": "0.5", "requires": ["zlib/1.2.13#13c9…%1667396813.733"], "build_requires": [],
 *   "python_requires": [] }
 * ```
 */

export type NodeEdges = string[] | Record<string, string>;

export interface V1Node {
  ref?: string;
  pref?: string | null;
  path?: string;
  context?: string;
  requires?: NodeEdges;
  build_requires?: NodeEdges;
}

export interface V1Lock {
  graph_lock: { nodes: Record<string, V1Node> };
}

export interface V2Lock {
  version?: string;
  requires?: string[];
  build_requires?: string[];
  python_requires?: string[];
}

/** Conan 2 lists read, with the group osv-scanner reports for each. */
export const V2_LISTS = [
  ['requires', 'requires'],
  ['build_requires', 'build-requires'],
  ['python_requires', 'python-requires'],
] as const;

const edges = {
  anyOf: [
    { type: 'array', items: { type: 'string' } },
    { type: 'object', additionalProperties: { type: 'string' } },
  ],
} as const;

export const v1Schema = {
  type: 'object',
  required: ['graph_lock'],
  properties: {
    graph_lock: {
      type: 'object',
      required: ['nodes'],
      properties: {
        nodes: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: {
              ref: { type: 'string' },
              pref: { type: ['string', 'null'] },
              path: { type: 'string' },
              context: { type: 'string' },
              requires: edges,
              build_requires: edges,
            },
          },
        },
      },
    },
  },
} as const;

const refList = { type: 'array', items: { type: 'string' } } as const;

export const v2Schema = {
  type: 'object',
  properties: {
    version: { type: 'string' },
    requires: refList,
    build_requires: refList,
    python_requires: refList,
  },
} as const;

export interface ConanRef {
  name: string;
  version: string;
}

/**
 * Name and version of a reference or package reference (`name/version@user/channel#rrev%ts:pkgid#prev`);
 * undefined when it has no `name/` part.
 */
export function parseRef(ref: string): ConanRef | undefined {
  const recipe = ref.split(':', 1)[0] ?? '';
  const withoutRevision = recipe.split('#', 1)[0] ?? '';
  const withoutTimestamp = withoutRevision.split('%', 1)[0] ?? '';
  const nameVersion = withoutTimestamp.split('@', 1)[0] ?? '';
  const slash = nameVersion.indexOf('/');
  if (slash <= 0) return undefined;
  const name = nameVersion.slice(0, slash).trim();
  const version = nameVersion.slice(slash + 1).trim();
  if (name === '' || version === '' || version.includes('/')) return undefined;
  return { name, version };
}
