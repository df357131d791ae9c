/**
 * CycloneDX 1.6 output (https://cyclonedx.org/docs/1.6/json/), JSON and XML, from an inventory.
 *
 * Mapping decisions:
 * - `bom-ref` is the component's ref (`<lockfile>#<id>`); the project is `metadata.component`.
 * - `group`/`name`: npm scopes (`@scope`), Maven groupIds and Packagist vendors go to `group`; Go
 *   module paths and everything else stay whole in `name`.
 * - `scope`: `required` for prod and peer dependencies (both are needed at run time), `optional` for
 *   dev and optional ones. CycloneDX has no dev scope, so the exact scope is in `rampart:scope`.
 * - `evidence.occurrences[].location`: the lockfile the component was read from.
 * - properties: `rampart:scope`, `rampart:direct`, `rampart:dependencyPath` (the first path, steps
 *   joined with ` > `), and when set `rampart:depGroups` (comma-separated) and `rampart:commit`.
 * - `dependencies`: the project depends on the direct components; every component appears once.
 * - `serialNumber`: a UUID derived from the SHA-256 of the rest of the document, so the same
 *   inventory, meta and timestamp always give the same BOM, byte for byte.
 */
import type { Component, Inventory, Scope } from '../model.js';
import { cycloneDxLicenses, type CycloneDxLicense } from './licenses.js';
import {
  formatTimestamp,
  PATH_SEPARATOR,
  projectRef,
  sha256Hex,
  sortedComponents,
  TOOL_NAME,
  uuidFromDigest,
  type SbomMeta,
} from './meta.js';
import { el, renderXmlDocument, type XmlElement } from './xml.js';

export const CYCLONEDX_SPEC_VERSION = '1.6';
export const CYCLONEDX_XML_NAMESPACE = 'http://cyclonedx.org/schema/bom/1.6';

export interface CycloneDxProperty {
  name: string;
  value: string;
}

export interface CycloneDxComponent {
  type: 'library' | 'application';
  'bom-ref'?: string;
  group?: string;
  name: string;
  version?: string;
  scope?: 'required' | 'optional';
  licenses?: CycloneDxLicense[];
  purl?: string;
  properties?: CycloneDxProperty[];
  evidence?: { occurrences: { location: string }[] };
}

export interface CycloneDxDependency {
  ref: string;
  dependsOn: string[];
}

export interface CycloneDxBom {
  $schema: string;
  bomFormat: 'CycloneDX';
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    tools: { components: CycloneDxComponent[] };
    component: CycloneDxComponent;
  };
  components: CycloneDxComponent[];
  dependencies: CycloneDxDependency[];
}

/** `[group, name]` for CycloneDX: npm scope, Maven groupId and Packagist vendor become the group. */
export function splitGroup(component: Pick<Component, 'ecosystem' | 'name'>): [string | undefined, string] {
  const { ecosystem, name } = component;
  const cut = (at: number): [string | undefined, string] =>
    at > 0 && at < name.length - 1 ? [name.slice(0, at), name.slice(at + 1)] : [undefined, name];
  switch (ecosystem) {
    case 'npm':
      return name.startsWith('@') ? cut(name.indexOf('/')) : [undefined, name];
    case 'Maven':
      return cut(name.indexOf(':'));
    case 'Packagist':
      return cut(name.indexOf('/'));
    default:
      return [undefined, name];
  }
}

/** CycloneDX scope for our scope (see the module comment). */
export function cycloneDxScope(scope: Scope): 'required' | 'optional' {
  return scope === 'dev' || scope === 'optional' ? 'optional' : 'required';
}

function properties(component: Component): CycloneDxProperty[] {
  const props: CycloneDxProperty[] = [];
  if (component.commit) props.push({ name: 'rampart:commit', value: component.commit });
  if (component.depGroups.length > 0)
    props.push({ name: 'rampart:depGroups', value: component.depGroups.join(',') });
  const path = component.paths[0];
  if (path && path.length > 0)
    props.push({ name: 'rampart:dependencyPath', value: path.join(PATH_SEPARATOR) });
  props.push({ name: 'rampart:direct', value: String(component.direct) });
  props.push({ name: 'rampart:scope', value: component.scope });
  return props;
}

function toComponent(component: Component): CycloneDxComponent {
  const [group, name] = splitGroup(component);
  const licenses = cycloneDxLicenses(component.licenses);
  return {
    type: 'library',
    'bom-ref': component.ref,
    ...(group === undefined ? {} : { group }),
    name,
    ...(component.version ? { version: component.version } : {}),
    scope: cycloneDxScope(component.scope),
    ...(licenses ? { licenses } : {}),
    purl: component.purl,
    properties: properties(component),
    evidence: { occurrences: [{ location: component.source }] },
  };
}

/** The CycloneDX 1.6 BOM as a JSON-ready object (see the module comment for the mapping). */
export function toCycloneDx(inventory: Inventory, meta: SbomMeta): CycloneDxBom {
  const components = sortedComponents(inventory);
  const rootRef = projectRef(meta, components);
  const root: CycloneDxComponent = {
    type: 'application',
    'bom-ref': rootRef,
    name: meta.name,
    ...(meta.version ? { version: meta.version } : {}),
  };
  const metadata: CycloneDxBom['metadata'] = {
    timestamp: formatTimestamp(meta.timestamp),
    tools: { components: [{ type: 'application', name: TOOL_NAME, version: meta.toolVersion }] },
    component: root,
  };
  const dependencies: CycloneDxDependency[] = [
    { ref: rootRef, dependsOn: components.filter((c) => c.direct).map((c) => c.ref) },
    ...components.map((c) => ({ ref: c.ref, dependsOn: c.dependsOn })),
  ];
  const body = {
    metadata,
    components: components.map(toComponent),
    dependencies,
  };
  const serialNumber = `urn:uuid:${uuidFromDigest(sha256Hex(JSON.stringify(body)))}`;
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: CYCLONEDX_SPEC_VERSION,
    serialNumber,
    version: 1,
    ...body,
  };
}

function licensesXml(licenses: CycloneDxLicense[] | undefined): XmlElement | undefined {
  if (!licenses) return undefined;
  return el(
    'licenses',
    [],
    licenses.map((l) => {
      if ('expression' in l) return el('expression', [], l.expression);
      return 'id' in l.license
        ? el('license', [], [el('id', [], l.license.id)])
        : el('license', [], [el('name', [], l.license.name)]);
    }),
  );
}

/** A component in the element order the CycloneDX 1.6 XSD prescribes. */
function componentXml(c: CycloneDxComponent): XmlElement {
  return el(
    'component',
    [
      ['type', c.type],
      ['bom-ref', c['bom-ref']],
    ],
    [
      c.group === undefined ? undefined : el('group', [], c.group),
      el('name', [], c.name),
      c.version === undefined ? undefined : el('version', [], c.version),
      c.scope === undefined ? undefined : el('scope', [], c.scope),
      licensesXml(c.licenses),
      c.purl === undefined ? undefined : el('purl', [], c.purl),
      c.properties === undefined
        ? undefined
        : el(
            'properties',
            [],
            c.properties.map((p) => el('property', [['name', p.name]], p.value)),
          ),
      c.evidence === undefined
        ? undefined
        : el(
            'evidence',
            [],
            [
              el(
                'occurrences',
                [],
                c.evidence.occurrences.map((o) => el('occurrence', [], [el('location', [], o.location)])),
              ),
            ],
          ),
    ],
  );
}

/** The same BOM as `toCycloneDx`, as CycloneDX 1.6 XML (same serial number). */
export function toCycloneDxXml(inventory: Inventory, meta: SbomMeta): string {
  const bom = toCycloneDx(inventory, meta);
  const root = el(
    'bom',
    [
      ['xmlns', CYCLONEDX_XML_NAMESPACE],
      ['serialNumber', bom.serialNumber],
      ['version', String(bom.version)],
    ],
    [
      el(
        'metadata',
        [],
        [
          el('timestamp', [], bom.metadata.timestamp),
          el('tools', [], [el('components', [], bom.metadata.tools.components.map(componentXml))]),
          componentXml(bom.metadata.component),
        ],
      ),
      el('components', [], bom.components.map(componentXml)),
      el(
        'dependencies',
        [],
        bom.dependencies.map((d) =>
          el(
            'dependency',
            [['ref', d.ref]],
            d.dependsOn.map((ref) => el('dependency', [['ref', ref]])),
          ),
        ),
      ),
    ],
  );
  return renderXmlDocument(root);
}
