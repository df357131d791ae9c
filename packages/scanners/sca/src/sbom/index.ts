export { sbomTimestamp, formatTimestamp, TOOL_NAME, type SbomMeta } from './meta.js';
export {
  toCycloneDx,
  toCycloneDxXml,
  splitGroup,
  cycloneDxScope,
  CYCLONEDX_SPEC_VERSION,
  CYCLONEDX_XML_NAMESPACE,
  type CycloneDxBom,
  type CycloneDxComponent,
  type CycloneDxDependency,
  type CycloneDxProperty,
} from './cyclonedx.js';
export { cycloneDxLicenses, spdxLicenseExpression, type CycloneDxLicense } from './licenses.js';
export {
  toSpdx,
  SPDX_VERSION,
  SPDX_NAMESPACE_BASE,
  type SpdxDocument,
  type SpdxPackage,
  type SpdxRelationship,
  type SpdxAnnotation,
} from './spdx.js';
export { readSbom, type SbomInventory, type SbomFormat, type SkippedComponent } from './read.js';
export { packageFromPurl, purlKey, type PurlPackage, type PurlReading } from './purl.js';
export { readVex, vexSuppresses, type VexStatement, type VexStatus } from './vex.js';
