/**
 * SPDX 2.3 JSON output (https://spdx.github.io/spdx-spec/v2.3/) from an inventory.
 *
 * Mapping decisions:
 * - The project is the root package, which the document DESCRIBES.
 * - `SPDXID`: `SPDXRef-` plus the component's ref reduced to `[A-Za-z0-9.-]`, made unique with a
 *   numeric suffix in ref order.
 * - Licences: `licenseDeclared` carries what the lockfile records (non-SPDX texts become
 *   `LicenseRef-` ids defined in `hasExtractedLicensingInfos`); `licenseConcluded` is always
 *   `NOASSERTION`, because Rampart reads metadata and concludes nothing from the package's files.
 * - Edges: for a parent and a dependency of scope dev the relationship is `dep DEV_DEPENDENCY_OF
 *   parent`, of scope optional `dep OPTIONAL_DEPENDENCY_OF parent`, otherwise `parent DEPENDS_ON dep`
 *   (peer included: SPDX has no peer relationship). The root takes the direct components as
 *   dependencies in the same way.
 * - Provenance: annotations `rampart:source=<lockfile>`, `rampart:ref=<ref>`, `rampart:scope=<scope>`
 *   and, when set, `rampart:depGroups=<a,b>` and `rampart:commit=<sha>`; `readSbom` reads them back.
 * - `documentNamespace`: `https://rampart.dev/spdx/<name>-<hash of the rest of the document>`.
 */
import type { Component, Inventory } from '../model.js';
import { LicenseRefs, spdxLicenseExpression } from './licenses.js';
import { formatTimestamp, idString, sha256Hex, sortedComponents, TOOL_NAME, type SbomMeta } from './meta.js';

export const SPDX_VERSION = 'SPDX-2.3';
export const SPDX_NAMESPACE_BASE = 'https://rampart.dev/spdx/';

export interface SpdxAnnotation {
  annotationType: 'OTHER';
  annotator: string;
  annotationDate: string;
  comment: string;
}

export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: string;
  licenseDeclared: string;
  copyrightText: 'NOASSERTION';
  primaryPackagePurpose: 'APPLICATION' | 'LIBRARY';
  externalRefs?: { referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }[];
  annotations?: SpdxAnnotation[];
}

export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'DEPENDS_ON' | 'DEV_DEPENDENCY_OF' | 'OPTIONAL_DEPENDENCY_OF';
  relatedSpdxElement: string;
}

export interface SpdxDocument {
  spdxVersion: string;
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { creators: string[]; created: string };
  packages: SpdxPackage[];
  hasExtractedLicensingInfos?: { licenseId: string; extractedText: string; name: string }[];
  relationships: SpdxRelationship[];
}

/** SPDXIDs for the root and every component: unique, stable for the same refs. */
function assignIds(components: readonly Component[]): { root: string; byRef: Map<string, string> } {
  const used = new Set(['SPDXRef-DOCUMENT']);
  const claim = (base: string): string => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
  const root = claim('SPDXRef-RootPackage');
  const byRef = new Map<string, string>();
  for (const c of components) byRef.set(c.ref, claim(`SPDXRef-${idString(c.ref) || 'Package'}`));
  return { root, byRef };
}

function edge(parent: string, child: Component, childId: string): SpdxRelationship {
  if (child.scope === 'dev')
    return { spdxElementId: childId, relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: parent };
  if (child.scope === 'optional')
    return { spdxElementId: childId, relationshipType: 'OPTIONAL_DEPENDENCY_OF', relatedSpdxElement: parent };
  return { spdxElementId: parent, relationshipType: 'DEPENDS_ON', relatedSpdxElement: childId };
}

/** The SPDX 2.3 document as a JSON-ready object (see the module comment for the mapping). */
export function toSpdx(inventory: Inventory, meta: SbomMeta): SpdxDocument {
  const components = sortedComponents(inventory);
  const created = formatTimestamp(meta.timestamp);
  const tool = `Tool: ${TOOL_NAME}-${meta.toolVersion}`;
  const { root, byRef } = assignIds(components);
  const refs = new LicenseRefs();
  const annotation = (comment: string): SpdxAnnotation => ({
    annotationType: 'OTHER',
    annotator: tool,
    annotationDate: created,
    comment,
  });

  const packages: SpdxPackage[] = [
    {
      SPDXID: root,
      name: meta.name,
      ...(meta.version ? { versionInfo: meta.version } : {}),
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'APPLICATION',
    },
  ];
  for (const c of components) {
    const annotations = [
      annotation(`rampart:source=${c.source}`),
      annotation(`rampart:ref=${c.ref}`),
      annotation(`rampart:scope=${c.scope}`),
    ];
    if (c.depGroups.length > 0) annotations.push(annotation(`rampart:depGroups=${c.depGroups.join(',')}`));
    if (c.commit) annotations.push(annotation(`rampart:commit=${c.commit}`));
    packages.push({
      SPDXID: byRef.get(c.ref)!,
      name: c.name,
      ...(c.version ? { versionInfo: c.version } : {}),
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: spdxLicenseExpression(c.licenses, refs),
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'LIBRARY',
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl },
      ],
      annotations,
    });
  }

  const byRefComponent = new Map(components.map((c) => [c.ref, c]));
  const relationships: SpdxRelationship[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: root },
  ];
  for (const c of components) if (c.direct) relationships.push(edge(root, c, byRef.get(c.ref)!));
  for (const c of components) {
    const parent = byRef.get(c.ref)!;
    for (const dep of c.dependsOn)
      relationships.push(edge(parent, byRefComponent.get(dep)!, byRef.get(dep)!));
  }

  const extracted = refs.extractedLicensingInfos();
  const body = {
    packages,
    ...(extracted.length > 0 ? { hasExtractedLicensingInfos: extracted } : {}),
    relationships,
  };
  const hash = sha256Hex(JSON.stringify({ name: meta.name, created, tool, ...body })).slice(0, 32);
  return {
    spdxVersion: SPDX_VERSION,
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: meta.name,
    documentNamespace: `${SPDX_NAMESPACE_BASE}${idString(meta.name) || 'project'}-${hash}`,
    creationInfo: { creators: [tool], created },
    ...body,
  };
}
