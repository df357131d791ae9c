/**
 * Reading an SBOM someone else (or Rampart) wrote: CycloneDX JSON and XML (1.2 to 1.7; 1.4 to 1.6
 * tested) and SPDX 2.2/2.3 JSON, into components.
 *
 * - Ecosystem, name and version come from the purl (types npm, pypi, golang, cargo, gem, composer,
 *   maven, nuget, pub, hex, conan, cran, apk, deb). The name the SBOM declares is kept when it is the
 *   purl's name spelled differently (case; PEP 503 for PyPI), and its version is preferred to the
 *   purl's. Components without a usable purl are skipped and listed in `skipped` with the reason.
 * - Edges: CycloneDX `dependencies`; SPDX `DEPENDS_ON` and the `*_DEPENDENCY_OF` relationships
 *   (reversed). Edges through skipped components are dropped.
 * - Direct: depended on by the root (CycloneDX `metadata.component`, the packages an SPDX document
 *   DESCRIBES). Without root edges, the components nothing depends on; without any edges, all.
 *   Rampart's own `rampart:direct` property wins where present.
 * - Scope: `rampart:scope` where present; otherwise CycloneDX `scope` (`required` → prod, `optional`
 *   → optional, `excluded` → dev) or the SPDX relationship types (only `DEV_`/`TEST_`/`BUILD_` edges
 *   in → dev, only `OPTIONAL_` → optional); otherwise prod.
 * - Source: the CycloneDX evidence location or the SPDX `rampart:source` annotation, else the
 *   SBOM's own path. Ref: Rampart's ref when the SBOM carries it (`bom-ref`, `rampart:ref`), else
 *   `<source>#<bom-ref or SPDXID or purl>`.
 */
import { validateShape } from '../extractors/validate.js';
import { ExtractError, parseJson, type Component, type Inventory, type Scope } from '../model.js';
import { parseCycloneDxXml } from './cyclonedx-xml.js';
import { compareStrings } from './meta.js';
import { packageFromPurl, sameName } from './purl.js';
import {
  CYCLONEDX_SCHEMA,
  SPDX_SCHEMA,
  type CdxBomIn,
  type CdxComponentIn,
  type CdxLicenseIn,
  type SpdxDocumentIn,
  type SpdxPackageIn,
} from './schema.js';

export interface SkippedComponent {
  /** The component's name (or bom-ref/SPDXID when it has none). */
  name: string;
  reason: string;
}

export type SbomFormat = 'cyclonedx-json' | 'cyclonedx-xml' | 'spdx-json';

export interface SbomInventory extends Inventory {
  format: SbomFormat;
  /** Components that could not be scanned (no purl, or a purl type we have no advisories for). */
  skipped: SkippedComponent[];
}

/** Paths kept per component, as in the lockfile graph: the shortest ones. */
const MAX_PATHS = 3;

const SCOPES: readonly Scope[] = ['prod', 'dev', 'optional', 'peer'];

/** A component as a document states it, before purl mapping and graph analysis. */
interface Raw {
  /** What edges refer to (bom-ref, SPDXID); undefined when nothing can refer to it. */
  key: string | undefined;
  /** The id the document gives it, for its ref. */
  id: string;
  label: string;
  names: string[];
  version: string | undefined;
  purl: string | undefined;
  licenses: string[] | undefined;
  source: string | undefined;
  /** `rampart:*` properties or annotations, without the prefix. */
  rampart: Map<string, string>;
  /** Scope the document states in its own terms. */
  scope: Scope | undefined;
}

interface RawDocument {
  format: SbomFormat;
  components: Raw[];
  /** key → keys it depends on. */
  edges: Map<string, Set<string>>;
  /** key → the scopes implied by the typed edges into it (SPDX). */
  edgeScopes: Map<string, Set<Scope>>;
  roots: Set<string>;
}

function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a parsed JSON document is, by its marker fields. */
export function jsonDocumentKind(data: unknown): 'cyclonedx' | 'spdx' | 'spdx3' | 'openvex' | undefined {
  if (!isObject(data)) return undefined;
  if (data.bomFormat === 'CycloneDX') return 'cyclonedx';
  if ('spdxVersion' in data) return 'spdx';
  const context = data['@context'];
  const contexts = Array.isArray(context) ? context : [context];
  if (contexts.some((c) => typeof c === 'string' && c.includes('openvex'))) return 'openvex';
  if (contexts.some((c) => typeof c === 'string' && c.includes('spdx.org/rdf/3'))) return 'spdx3';
  return undefined;
}

/** Parse a JSON document (byte-order mark allowed), with the line of a syntax error. */
export function parseDocumentJson(text: string, what: string): unknown {
  const body = stripByteOrderMark(text);
  if (body.trim() === '') throw new ExtractError(`empty ${what}`);
  return parseJson(body, what);
}

/** Validate a CycloneDX JSON (or converted XML) document's shape and version. */
export function checkCycloneDx(data: unknown): CdxBomIn {
  const bom = validateShape<CdxBomIn>(CYCLONEDX_SCHEMA, data, 'CycloneDX document');
  if (!/^1\.[2-7]$/.test(bom.specVersion))
    throw new ExtractError(
      `unsupported CycloneDX specVersion "${bom.specVersion}" (Rampart reads 1.2 to 1.7)`,
    );
  return bom;
}

/** Read an SBOM (CycloneDX JSON or XML, SPDX 2.3 JSON) into components; see the module comment. */
export function readSbom(text: string, path: string): SbomInventory {
  const body = stripByteOrderMark(text);
  if (body.trim() === '') throw new ExtractError('empty SBOM');
  if (body.trimStart().startsWith('<'))
    return build(fromCycloneDx(checkCycloneDx(parseCycloneDxXml(body)), 'cyclonedx-xml'), path);
  const tagValue = /^SPDXVersion:/m.exec(body);
  if (tagValue && !body.trimStart().startsWith('{'))
    throw new ExtractError('SPDX tag-value documents are not supported; convert the SBOM to SPDX JSON');
  const data = parseDocumentJson(body, 'SBOM');
  switch (jsonDocumentKind(data)) {
    case 'cyclonedx':
      return build(fromCycloneDx(checkCycloneDx(data), 'cyclonedx-json'), path);
    case 'spdx':
      return build(fromSpdx(checkSpdx(data)), path);
    case 'spdx3':
      throw new ExtractError('SPDX 3 documents are not supported; use SPDX 2.3 JSON or CycloneDX');
    case 'openvex':
      throw new ExtractError('this is an OpenVEX document, not an SBOM (pass it as VEX)');
    default:
      throw new ExtractError(
        'not a CycloneDX or SPDX document (expected "bomFormat": "CycloneDX" or an "spdxVersion" field)',
      );
  }
}

// ---------------------------------------------------------------------------------------------- CycloneDX

function cdxLicenses(licenses: CdxLicenseIn[] | undefined): string[] | undefined {
  const out = (licenses ?? []).flatMap((l) => {
    const text = l.expression ?? l.license?.id ?? l.license?.name;
    return text === undefined || text.trim() === '' ? [] : [text.trim()];
  });
  return out.length > 0 ? out : undefined;
}

function cdxScope(scope: string | undefined): Scope | undefined {
  if (scope === 'required') return 'prod';
  if (scope === 'optional') return 'optional';
  if (scope === 'excluded') return 'dev';
  return undefined;
}

/** Candidate full names: group and name joined as the purl type joins them, and the bare name. */
function cdxNames(c: CdxComponentIn): string[] {
  const name = c.name ?? '';
  const group = c.group ?? '';
  if (group === '') return [name];
  const scoped = group.startsWith('@') ? group : `@${group}`;
  return [`${scoped}/${name}`, `${group}:${name}`, `${group}/${name}`, name];
}

function fromCycloneDx(bom: CdxBomIn, format: SbomFormat): RawDocument {
  const components: Raw[] = [];
  const keys = new Set<string>();
  const rootRef = bom.metadata?.component?.['bom-ref'];
  if (rootRef !== undefined) keys.add(rootRef);
  const visit = (c: CdxComponentIn): void => {
    const key = c['bom-ref'];
    if (key !== undefined) {
      if (keys.has(key)) throw new ExtractError(`CycloneDX document: duplicate bom-ref "${key}"`);
      keys.add(key);
    }
    const rampart = new Map<string, string>();
    for (const p of c.properties ?? []) {
      if (p.name.startsWith('rampart:') && p.value !== undefined) rampart.set(p.name.slice(8), p.value);
    }
    const purl = c.purl?.trim();
    components.push({
      key,
      id: key ?? purl ?? c.name ?? '',
      label: c.name ?? key ?? '(unnamed)',
      names: cdxNames(c),
      version: c.version,
      purl: purl === '' ? undefined : purl,
      licenses: cdxLicenses(c.licenses),
      source: c.evidence?.occurrences?.[0]?.location,
      rampart,
      scope: cdxScope(c.scope),
    });
    for (const child of c.components ?? []) visit(child);
  };
  for (const c of bom.components ?? []) visit(c);

  const edges = new Map<string, Set<string>>();
  for (const d of bom.dependencies ?? []) {
    const targets = edges.get(d.ref) ?? new Set<string>();
    for (const t of d.dependsOn ?? []) targets.add(t);
    edges.set(d.ref, targets);
  }
  return {
    format,
    components,
    edges,
    edgeScopes: new Map(),
    roots: new Set(rootRef === undefined ? [] : [rootRef]),
  };
}

// ------------------------------------------------------------------------------------------------- SPDX

function checkSpdx(data: unknown): SpdxDocumentIn {
  const doc = validateShape<SpdxDocumentIn>(SPDX_SCHEMA, data, 'SPDX document');
  if (doc.spdxVersion.startsWith('SPDX-3'))
    throw new ExtractError('SPDX 3 documents are not supported; use SPDX 2.3 JSON or CycloneDX');
  if (doc.spdxVersion !== 'SPDX-2.3' && doc.spdxVersion !== 'SPDX-2.2')
    throw new ExtractError(
      `unsupported spdxVersion "${doc.spdxVersion}" (Rampart reads SPDX-2.2 and SPDX-2.3 JSON)`,
    );
  return doc;
}

/** `A <type> B` as an edge parent → child with the scope the type implies. */
const SPDX_EDGES: Readonly<Record<string, { reverse: boolean; scope?: Scope }>> = {
  DEPENDS_ON: { reverse: false },
  DEPENDENCY_OF: { reverse: true },
  RUNTIME_DEPENDENCY_OF: { reverse: true },
  PROVIDED_DEPENDENCY_OF: { reverse: true },
  DEV_DEPENDENCY_OF: { reverse: true, scope: 'dev' },
  TEST_DEPENDENCY_OF: { reverse: true, scope: 'dev' },
  BUILD_DEPENDENCY_OF: { reverse: true, scope: 'dev' },
  OPTIONAL_DEPENDENCY_OF: { reverse: true, scope: 'optional' },
};

const NO_LICENSE = new Set(['', 'NOASSERTION', 'NONE']);

function spdxLicenses(p: SpdxPackageIn, extracted: Map<string, string>): string[] | undefined {
  const declared = p.licenseDeclared?.trim() ?? '';
  const concluded = p.licenseConcluded?.trim() ?? '';
  const expression = NO_LICENSE.has(declared) ? concluded : declared;
  if (NO_LICENSE.has(expression)) return undefined;
  return [extracted.get(expression) ?? expression];
}

function fromSpdx(doc: SpdxDocumentIn): RawDocument {
  const documentId = doc.SPDXID ?? 'SPDXRef-DOCUMENT';
  const extracted = new Map<string, string>();
  for (const info of doc.hasExtractedLicensingInfos ?? []) {
    const text = info.extractedText ?? info.name;
    if (text !== undefined && text.trim() !== '') extracted.set(info.licenseId, text.trim());
  }
  const described = new Set(doc.documentDescribes ?? []);
  for (const r of doc.relationships ?? []) {
    if (r.relationshipType === 'DESCRIBES' && r.spdxElementId === documentId)
      described.add(r.relatedSpdxElement);
    if (r.relationshipType === 'DESCRIBED_BY' && r.relatedSpdxElement === documentId)
      described.add(r.spdxElementId);
  }
  const packages = doc.packages ?? [];
  const ids = new Set<string>();
  for (const p of packages) {
    if (ids.has(p.SPDXID)) throw new ExtractError(`SPDX document: duplicate SPDXID "${p.SPDXID}"`);
    ids.add(p.SPDXID);
  }
  // A document that describes every package is a flat list, not a project with dependencies.
  const roots =
    packages.length > 0 && packages.every((p) => described.has(p.SPDXID)) ? new Set<string>() : described;

  const components: Raw[] = [];
  for (const p of packages) {
    if (roots.has(p.SPDXID)) continue;
    const rampart = new Map<string, string>();
    for (const a of p.annotations ?? []) {
      if (!a.comment.startsWith('rampart:')) continue;
      const eq = a.comment.indexOf('=');
      if (eq > 8) rampart.set(a.comment.slice(8, eq), a.comment.slice(eq + 1));
    }
    const purl = p.externalRefs?.find((r) => r.referenceType === 'purl' && r.referenceLocator.trim() !== '');
    components.push({
      key: p.SPDXID,
      id: rampart.get('ref') ?? p.SPDXID,
      label: p.name ?? p.SPDXID,
      names: p.name === undefined ? [] : [p.name],
      version: p.versionInfo,
      purl: purl?.referenceLocator.trim(),
      licenses: spdxLicenses(p, extracted),
      source: rampart.get('source'),
      rampart,
      scope: undefined,
    });
  }

  const edges = new Map<string, Set<string>>();
  const edgeScopes = new Map<string, Set<Scope>>();
  for (const r of doc.relationships ?? []) {
    const kind = SPDX_EDGES[r.relationshipType];
    if (!kind) continue;
    const [parent, child] = kind.reverse
      ? [r.relatedSpdxElement, r.spdxElementId]
      : [r.spdxElementId, r.relatedSpdxElement];
    const targets = edges.get(parent) ?? new Set<string>();
    targets.add(child);
    edges.set(parent, targets);
    const scopes = edgeScopes.get(child) ?? new Set<Scope>();
    scopes.add(kind.scope ?? 'prod');
    edgeScopes.set(child, scopes);
  }
  return { format: 'spdx-json', components, edges, edgeScopes, roots };
}

// ------------------------------------------------------------------------------------------------ Graph

function edgeScope(scopes: Set<Scope> | undefined): Scope | undefined {
  if (!scopes || scopes.size !== 1) return undefined;
  const [only] = scopes;
  return only === 'prod' ? undefined : only;
}

function build(doc: RawDocument, path: string): SbomInventory {
  const skipped: SkippedComponent[] = [];
  const kept: { raw: Raw; component: Component }[] = [];
  const usedRefs = new Set<string>();
  for (const raw of doc.components) {
    if (raw.purl === undefined) {
      skipped.push({ name: raw.label, reason: 'no purl' });
      continue;
    }
    const reading = packageFromPurl(raw.purl);
    if (!reading.ok) {
      skipped.push({ name: raw.label, reason: reading.reason });
      continue;
    }
    const { pkg } = reading;
    const name = raw.names.find((n) => n !== '' && sameName(pkg.ecosystem, n, pkg.name)) ?? pkg.name;
    let version = raw.version?.trim() || pkg.version;
    if (pkg.ecosystem === 'Go' && /^v\d/.test(version)) version = version.slice(1);
    const source = raw.source?.trim() || path;
    const base = raw.id.startsWith(`${source}#`) ? raw.id : `${source}#${raw.id}`;
    let ref = base;
    for (let n = 2; usedRefs.has(ref); n++) ref = `${base}~${n}`;
    usedRefs.add(ref);
    const stated = raw.rampart.get('scope') as Scope | undefined;
    const scope =
      (stated !== undefined && SCOPES.includes(stated) ? stated : undefined) ??
      raw.scope ??
      (raw.key === undefined ? undefined : edgeScope(doc.edgeScopes.get(raw.key))) ??
      'prod';
    const groups = raw.rampart.get('depGroups');
    const component: Component = {
      ref,
      name,
      version,
      ecosystem: pkg.ecosystem,
      purl: raw.purl,
      direct: false,
      scope,
      depGroups:
        groups !== undefined
          ? groups
              .split(',')
              .filter((g) => g !== '')
              .sort(compareStrings)
          : scope === 'dev' || scope === 'optional'
            ? [scope]
            : [],
      paths: [],
      dependsOn: [],
      source,
    };
    if (pkg.ecosystemVariant) component.ecosystemVariant = pkg.ecosystemVariant;
    if (raw.licenses) component.licenses = raw.licenses;
    const commit = raw.rampart.get('commit');
    if (commit) component.commit = commit;
    kept.push({ raw, component });
  }

  const byKey = new Map<string, Component>();
  for (const { raw, component } of kept) if (raw.key !== undefined) byKey.set(raw.key, component);
  let anyEdge = false;
  const dependedOn = new Set<string>();
  for (const { raw, component } of kept) {
    if (raw.key === undefined) continue;
    const deps = new Set<string>();
    for (const target of doc.edges.get(raw.key) ?? []) {
      const dep = byKey.get(target);
      if (dep && dep !== component) deps.add(dep.ref);
    }
    component.dependsOn = [...deps].sort(compareStrings);
    for (const d of deps) dependedOn.add(d);
    if (deps.size > 0) anyEdge = true;
  }
  const rootTargets = new Set<string>();
  for (const root of doc.roots) {
    for (const target of doc.edges.get(root) ?? []) {
      const dep = byKey.get(target);
      if (dep) rootTargets.add(dep.ref);
    }
  }
  for (const { raw, component } of kept) {
    const stated = raw.rampart.get('direct');
    if (stated === 'true' || stated === 'false') component.direct = stated === 'true';
    else if (rootTargets.size > 0) component.direct = rootTargets.has(component.ref);
    else component.direct = anyEdge ? !dependedOn.has(component.ref) : true;
  }

  const components = kept.map((k) => k.component).sort((a, b) => compareStrings(a.ref, b.ref));
  assignPaths(components);
  return { format: doc.format, components, skipped };
}

/** Shortest dependency paths from the direct components, breadth first (as for lockfiles). */
function assignPaths(components: Component[]): void {
  const byRef = new Map(components.map((c) => [c.ref, c]));
  const step = (c: Component) => (c.version ? `${c.name}@${c.version}` : c.name);
  const paths = new Map<string, string[][]>();
  let frontier: Component[] = [];
  for (const c of components) {
    if (!c.direct) continue;
    paths.set(c.ref, [[step(c)]]);
    frontier.push(c);
  }
  while (frontier.length > 0) {
    const next: Component[] = [];
    for (const parent of frontier) {
      const first = paths.get(parent.ref)![0]!;
      for (const ref of parent.dependsOn) {
        const child = byRef.get(ref)!;
        const known = paths.get(ref);
        if (known === undefined) {
          paths.set(ref, [[...first, step(child)]]);
          next.push(child);
        } else if (!child.direct && known.length < MAX_PATHS && known[0]!.length === first.length + 1) {
          known.push([...first, step(child)]);
        }
      }
    }
    frontier = next;
  }
  for (const c of components) c.paths = paths.get(c.ref) ?? [[step(c)]];
}
