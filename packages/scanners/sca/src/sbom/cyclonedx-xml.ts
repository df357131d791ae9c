/**
 * CycloneDX XML (1.2 to 1.7 namespaces) read into the shape of CycloneDX JSON, so that one reader
 * handles both. Parsed with entity processing off; a DOCTYPE is refused outright (CycloneDX never
 * needs one, and it is how entity-expansion attacks start).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ExtractError, lineAt } from '../model.js';
import type { CdxAnalysisState, CdxComponentIn, CdxLicenseIn } from './schema.js';
import { asList, asNode, attributeOf, scalar, textOf, type XmlNode } from './xml.js';

const REPEATED = new Set([
  'component',
  'dependency',
  'license',
  'property',
  'occurrence',
  'vulnerability',
  'reference',
  'target',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: '#cdata',
  // Namespace prefixes off tag names (`<bom:component>` → `component`); attributes keep theirs, so
  // the root's `xmlns`/`xmlns:x` declarations stay readable.
  transformTagName: (name: string) => name.slice(name.indexOf(':') + 1),
  isArray: (name: string) => REPEATED.has(name),
});

const NAMESPACE = /^https?:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function licenses(value: unknown): CdxLicenseIn[] | undefined {
  if (value === undefined) return undefined;
  const node = asNode(value);
  const out: CdxLicenseIn[] = [];
  for (const l of asList(node.license)) {
    const license = asNode(l);
    out.push({
      license: { ...optional('id', textOf(license.id)), ...optional('name', textOf(license.name)) },
    });
  }
  for (const e of asList(node.expression)) {
    const expression = textOf(e);
    if (expression !== undefined) out.push({ expression });
  }
  return out;
}

function component(value: unknown): CdxComponentIn {
  const node = asNode(value);
  const properties = asList(asNode(node.properties).property).map((p) => {
    const property = asNode(p);
    return { name: attributeOf(property, 'name') ?? '', value: textOf(p) ?? '' };
  });
  const occurrences = asList(asNode(asNode(node.evidence).occurrences).occurrence).flatMap((o) => {
    const location = textOf(asNode(o).location);
    return location === undefined ? [] : [{ location }];
  });
  const children = asList(asNode(node.components).component);
  return {
    ...optional('bom-ref', attributeOf(node, 'bom-ref')),
    ...optional('type', attributeOf(node, 'type')),
    ...optional('group', textOf(node.group)),
    ...optional('name', textOf(node.name)),
    ...optional('version', textOf(node.version)),
    ...optional('purl', textOf(node.purl)),
    ...optional('scope', textOf(node.scope)),
    ...optional('licenses', licenses(node.licenses)),
    ...(properties.length > 0 ? { properties } : {}),
    ...(occurrences.length > 0 ? { evidence: { occurrences } } : {}),
    ...(children.length > 0 ? { components: children.map(component) } : {}),
  };
}

function vulnerability(value: unknown): Record<string, unknown> {
  const node = asNode(value);
  const analysis = node.analysis === undefined ? undefined : asNode(node.analysis);
  const references = asList(asNode(node.references).reference).flatMap((r) => {
    const id = textOf(asNode(r).id);
    return id === undefined ? [] : [{ id }];
  });
  return {
    ...optional('bom-ref', attributeOf(node, 'bom-ref')),
    ...optional('id', textOf(node.id)),
    ...optional('updated', textOf(node.updated)),
    ...(references.length > 0 ? { references } : {}),
    ...(analysis === undefined
      ? {}
      : {
          analysis: {
            ...optional('state', textOf(analysis.state) as CdxAnalysisState | undefined),
            ...optional('justification', textOf(analysis.justification)),
            ...optional('detail', textOf(analysis.detail)),
            ...optional('lastUpdated', textOf(analysis.lastUpdated)),
          },
        }),
    affects: asList(asNode(node.affects).target).map((t) => optional('ref', textOf(asNode(t).ref))),
  };
}

/**
 * Parse a CycloneDX XML document into the JSON shape. Not validated: the caller checks the result
 * against the CycloneDX schema, so a missing `ref` or `name` is reported the same way as in JSON.
 */
export function parseCycloneDxXml(text: string): unknown {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype)
    throw new ExtractError(
      'DOCTYPE declarations are not allowed in CycloneDX XML',
      lineAt(text, doctype.index),
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ExtractError(`invalid XML: ${valid.err.msg}`, valid.err.line);
  const document = asNode(parser.parse(text));
  const roots = Object.keys(document).filter((key) => !key.startsWith('?'));
  const rootName = roots[0];
  if (roots.length !== 1 || rootName !== 'bom')
    throw new ExtractError(`not a CycloneDX document: the root element is <${rootName ?? ''}>, not <bom>`);
  const bom: XmlNode = asNode(document.bom);
  let specVersion: string | undefined;
  for (const [key, value] of Object.entries(bom)) {
    if (key !== '@_xmlns' && !key.startsWith('@_xmlns:')) continue;
    const match = NAMESPACE.exec(scalar(value) ?? '');
    if (match) specVersion = match[1];
  }
  if (specVersion === undefined)
    throw new ExtractError(
      'not a CycloneDX document: <bom> is not in a http://cyclonedx.org/schema/bom/1.x namespace',
    );
  const rootComponent = asList(asNode(bom.metadata).component)[0];
  const dependencies = asList(asNode(bom.dependencies).dependency).map((d) => {
    const node = asNode(d);
    return {
      ...optional('ref', attributeOf(node, 'ref')),
      dependsOn: asList(node.dependency).flatMap((c) => {
        const ref = attributeOf(asNode(c), 'ref');
        return ref === undefined ? [] : [ref];
      }),
    };
  });
  const bomIn: Record<string, unknown> = {
    bomFormat: 'CycloneDX',
    specVersion,
    ...(rootComponent === undefined ? {} : { metadata: { component: component(rootComponent) } }),
    components: asList(asNode(bom.components).component).map(component),
    dependencies,
    vulnerabilities: asList(asNode(bom.vulnerabilities).vulnerability).map(vulnerability),
  };
  return bomIn;
}
