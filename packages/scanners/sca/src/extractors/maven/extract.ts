import {
  ExtractError,
  lineAt,
  type Extraction,
  type Extractor,
  type LockPackage,
  type Scope,
} from '../../model.js';
import {
  ARRAY_ELEMENTS,
  MAX_INTERPOLATED_LENGTH,
  RUNTIME_SCOPES,
  pinnedVersion,
  type PomDependency,
} from './schema.js';
import { child, children, isNode, parseXml, spanOf, text, type XmlNode } from './xml.js';

/**
 * Maven `pom.xml`: the dependencies the project declares (all direct), with versions from the
 * same file's `<properties>` and `<dependencyManagement>`. Entries of `<dependencyManagement>` the
 * project does not itself declare are reported too, as not direct: they pin the versions of
 * transitive dependencies (and of child modules). Nothing is fetched: a parent POM, imported BOMs and
 * transitive dependencies are out of reach, so a version managed elsewhere is reported as ''.
 */
export const extractor: Extractor = {
  id: 'maven',
  ecosystem: 'Maven',
  files: ['pom.xml'],
  extract({ text: source }) {
    return extractPom(source);
  },
};

function extractPom(source: string): Extraction {
  const document = parseXml(source, 'pom.xml', { arrays: ARRAY_ELEMENTS });
  const rootName = Object.keys(document)[0];
  if (rootName !== 'project') {
    throw new ExtractError(`not a Maven POM: the root element is <${rootName ?? ''}>, expected <project>`);
  }
  const project = isNode(document.project) ? document.project : {};
  const interpolate = interpolator(project);

  const readDependencies = (list: XmlNode | undefined): PomDependency[] =>
    children(list, 'dependency').map((node) => {
      const span = spanOf(node);
      const groupId = interpolate(text(node, 'groupId') ?? '').trim();
      const artifactId = interpolate(text(node, 'artifactId') ?? '').trim();
      if (groupId === '' || artifactId === '') {
        throw new ExtractError(
          `dependency without ${groupId === '' ? 'groupId' : 'artifactId'}`,
          span.start === undefined ? undefined : lineAt(source, span.start),
        );
      }
      const version = text(node, 'version')?.trim();
      const scope = interpolate(text(node, 'scope') ?? '')
        .trim()
        .toLowerCase();
      return {
        groupId,
        artifactId,
        ...(version && { version: interpolate(version) }),
        ...(scope !== '' && { scope }),
        optional: interpolate(text(node, 'optional') ?? '').trim() === 'true',
        ...span,
      };
    });

  const declared = readDependencies(child(project, 'dependencies'));
  const managed = readDependencies(child(child(project, 'dependencyManagement'), 'dependencies'));
  const managedByName = new Map(managed.map((d) => [`${d.groupId}:${d.artifactId}`, d]));
  const declaredNames = new Set(declared.map((d) => `${d.groupId}:${d.artifactId}`));

  const packages = new Map<string, LockPackage>();
  const roots = new Set<string>();
  for (const dependency of declared) {
    const name = `${dependency.groupId}:${dependency.artifactId}`;
    const management = managedByName.get(name);
    const version = pinnedVersion(dependency.version ?? management?.version ?? '');
    const scope = dependency.scope ?? management?.scope;
    const pkg = toPackage(name, version, { ...dependency, ...(scope !== undefined && { scope }) }, true);
    roots.add(pkg.id);
    add(packages, pkg);
  }
  for (const dependency of managed) {
    const name = `${dependency.groupId}:${dependency.artifactId}`;
    if (declaredNames.has(name)) continue;
    add(packages, toPackage(name, pinnedVersion(dependency.version ?? ''), dependency, false));
  }
  return {
    packages: [...packages.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    roots: [...roots].sort(),
  };
}

function toPackage(name: string, version: string, dependency: PomDependency, direct: boolean): LockPackage {
  const test = dependency.scope === 'test';
  const depGroups = [...(dependency.optional ? ['optional'] : []), ...(test ? ['test'] : [])];
  let scope: Scope | undefined;
  if (test) scope = 'dev';
  else if (dependency.optional) scope = 'optional';
  else if (dependency.scope === undefined ? direct : RUNTIME_SCOPES.has(dependency.scope)) scope = 'prod';
  return {
    id: `${name}@${version}`,
    name,
    version,
    ecosystem: 'Maven',
    depGroups,
    direct,
    ...(scope && { scope }),
    ...(dependency.start !== undefined && { start: dependency.start }),
    ...(dependency.end !== undefined && { end: dependency.end }),
  };
}

/** Merge a package declared twice (e.g. with two classifiers): the broadest use wins. */
function add(packages: Map<string, LockPackage>, pkg: LockPackage): void {
  const existing = packages.get(pkg.id);
  if (!existing) {
    packages.set(pkg.id, pkg);
    return;
  }
  existing.direct = existing.direct === true || pkg.direct === true;
  existing.depGroups =
    existing.depGroups.length === 0 || pkg.depGroups.length === 0
      ? []
      : [...new Set([...existing.depGroups, ...pkg.depGroups])].sort();
  const rank = (scope: Scope | undefined): number =>
    scope === 'prod' ? 3 : scope === 'optional' ? 2 : scope === 'dev' ? 1 : 0;
  if (rank(pkg.scope) > rank(existing.scope) && pkg.scope !== undefined) existing.scope = pkg.scope;
}

/**
 * `${…}` resolution against the POM's own properties and model values, recursively, with cycles and
 * unknown names left as written.
 */
function interpolator(project: XmlNode): (value: string) => string {
  const parent = child(project, 'parent');
  const raw = new Map<string, string>();
  const properties = child(project, 'properties');
  for (const key of Object.keys(properties ?? {})) {
    if (key === '#text') continue;
    const value = text(properties, key);
    if (value !== undefined) raw.set(key, value.trim());
  }
  const model: [string, string | undefined][] = [
    ['project.groupId', text(project, 'groupId') ?? text(parent, 'groupId')],
    ['project.artifactId', text(project, 'artifactId')],
    ['project.version', text(project, 'version') ?? text(parent, 'version')],
    ['project.parent.groupId', text(parent, 'groupId')],
    ['project.parent.artifactId', text(parent, 'artifactId')],
    ['project.parent.version', text(parent, 'version')],
  ];
  for (const [key, value] of model) {
    if (value === undefined) continue;
    raw.set(key, value.trim());
    // Maven 2 spellings, still accepted: ${pom.version}, ${version}, ${parent.version}.
    raw.set(key.replace(/^project\./, 'pom.'), value.trim());
    if (key.startsWith('project.parent.')) raw.set(key.slice('project.'.length), value.trim());
    else if (!raw.has(key.slice('project.'.length))) raw.set(key.slice('project.'.length), value.trim());
  }

  const resolved = new Map<string, string | undefined>();
  const resolving = new Set<string>();
  const resolveKey = (key: string): string | undefined => {
    if (resolved.has(key)) return resolved.get(key);
    const value = raw.get(key);
    if (value === undefined || resolving.has(key)) return undefined;
    resolving.add(key);
    const result = expand(value);
    resolving.delete(key);
    resolved.set(key, result);
    return result;
  };
  const expand = (value: string): string | undefined => {
    if (!value.includes('${')) return value;
    let failed = false;
    const result = value.replace(/\$\{([^${}]*)\}/g, (match, key: string) => {
      const replacement = resolveKey(key.trim());
      if (replacement === undefined) failed = true;
      return replacement ?? match;
    });
    // An unresolvable part or a runaway expansion leaves the value unresolved (its `${` stays).
    if (result.length > MAX_INTERPOLATED_LENGTH) return undefined;
    return failed ? undefined : result;
  };
  return (value: string) => expand(value) ?? value;
}
