import {
  ExtractError,
  parseJson,
  type Extraction,
  type Extractor,
  type LockPackage,
  type Scope,
} from '../../model.js';
import { blankBom, jsonSpans, pathKey, type Span } from '../nuget/json-spans.js';
import { validateShape } from '../validate.js';
import {
  V2_LISTS,
  parseRef,
  v1Schema,
  v2Schema,
  type NodeEdges,
  type V1Lock,
  type V2Lock,
} from './schema.js';

/**
 * `conan.lock`, Conan 1 (graph lock) and Conan 2 (flat lists). Conan 2 groups follow the list a
 * reference is in (`requires`, `build-requires`, `python-requires`), as osv-scanner reports them.
 * Conan 1 packages carry no group (osv-scanner reports none); there, build requirements get scope `dev`
 * from the graph instead.
 */
export const extractor: Extractor = {
  id: 'conan',
  ecosystem: 'ConanCenter',
  files: ['conan.lock'],
  extract(input) {
    const text = blankBom(input.text);
    const data = parseJson(text, 'conan.lock');
    if (typeof data === 'object' && data !== null && 'graph_lock' in data) return extractV1(text, data);
    if (typeof data === 'object' && data !== null && !Array.isArray(data) && isV2(data)) {
      return extractV2(text, data);
    }
    throw new ExtractError('not a Conan lockfile: neither graph_lock (Conan 1) nor requires lists (Conan 2)');
  },
};

function isV2(data: object): boolean {
  return 'version' in data || V2_LISTS.some(([key]) => key in data);
}

function extractV1(text: string, data: unknown): Extraction {
  const lock = validateShape<V1Lock>(v1Schema, data, 'conan.lock');
  const nodes = lock.graph_lock.nodes;
  const spans = jsonSpans(text, 3);

  // Package ids of nodes with a reference. Consumer nodes are the roots: the conanfile (with `path`),
  // or in the unversioned format the virtual root (`pref: null`).
  const idOfNode = new Map<string, string>();
  const rootNodes: string[] = [];
  const packages = new Map<string, LockPackage>();
  for (const [nodeId, node] of Object.entries(nodes)) {
    if (node.path !== undefined || (node.ref === undefined && node.pref === null)) {
      rootNodes.push(nodeId);
      continue;
    }
    const ref = parseRef(node.ref ?? node.pref ?? '');
    if (!ref) continue;
    const id = `${ref.name}@${ref.version}`;
    idOfNode.set(nodeId, id);
    if (!packages.has(id)) {
      packages.set(id, {
        id,
        name: ref.name,
        version: ref.version,
        ecosystem: 'ConanCenter',
        depGroups: [],
        dependencies: [],
        ...spanOf(spans.get(pathKey(['graph_lock', 'nodes', nodeId]))),
      });
    }
  }
  const targets = (edges: NodeEdges | undefined): string[] =>
    edges === undefined ? [] : Array.isArray(edges) ? edges : Object.values(edges);

  for (const [nodeId, node] of Object.entries(nodes)) {
    const id = idOfNode.get(nodeId);
    const pkg = id === undefined ? undefined : packages.get(id);
    if (!pkg) continue;
    const deps = new Set(pkg.dependencies);
    for (const target of [...targets(node.requires), ...targets(node.build_requires)]) {
      const depId = idOfNode.get(target);
      if (depId !== undefined && depId !== id) deps.add(depId);
    }
    pkg.dependencies = [...deps].sort();
  }

  // Scope: what the consumers reach through `requires` alone is shipped; the rest is build tooling.
  const roots = new Set<string>();
  const runtime = new Set<string>();
  const queue: string[] = [];
  for (const nodeId of rootNodes) {
    const node = nodes[nodeId];
    for (const target of targets(node?.requires)) queue.push(target);
    for (const target of [...targets(node?.requires), ...targets(node?.build_requires)]) {
      const id = idOfNode.get(target);
      if (id !== undefined) roots.add(id);
    }
  }
  for (let nodeId = queue.pop(); nodeId !== undefined; nodeId = queue.pop()) {
    const node = nodes[nodeId];
    if (runtime.has(nodeId) || !node || node.context === 'build') continue;
    runtime.add(nodeId);
    queue.push(...targets(node.requires));
  }
  if (rootNodes.length > 0) {
    const prodIds = new Set([...runtime].map((nodeId) => idOfNode.get(nodeId)));
    for (const pkg of packages.values()) {
      pkg.scope = prodIds.has(pkg.id) ? 'prod' : 'dev';
      pkg.direct = roots.has(pkg.id);
    }
  }
  return {
    packages: sorted(packages),
    ...(rootNodes.length > 0 && { roots: [...roots].sort() }),
  };
}

function extractV2(text: string, data: unknown): Extraction {
  const lock = validateShape<V2Lock>(v2Schema, data, 'conan.lock');
  const spans = jsonSpans(text, 2);
  const packages = new Map<string, LockPackage>();
  for (const [key, group] of V2_LISTS) {
    const scope: Scope = key === 'requires' ? 'prod' : 'dev';
    (lock[key] ?? []).forEach((reference, index) => {
      const ref = parseRef(reference);
      if (!ref) return;
      const id = `${ref.name}@${ref.version}`;
      const existing = packages.get(id);
      if (existing) {
        existing.depGroups = [...new Set([...existing.depGroups, group])].sort();
        if (scope === 'prod') existing.scope = 'prod';
        return;
      }
      packages.set(id, {
        id,
        name: ref.name,
        version: ref.version,
        ecosystem: 'ConanCenter',
        depGroups: [group],
        scope,
        ...spanOf(spans.get(pathKey([key, index]))),
      });
    });
  }
  return { packages: sorted(packages) };
}

function spanOf(span: Span | undefined): { start?: number; end?: number } {
  return span ? { start: span.start, end: span.end } : {};
}

function sorted(packages: Map<string, LockPackage>): LockPackage[] {
  return [...packages.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
