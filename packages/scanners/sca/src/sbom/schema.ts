/**
 * JSON Schemas for what the SBOM and VEX readers take from a document (used with `validateShape`), and
 * the types of the validated data. Only the fields read are described; everything else is allowed.
 */

const string = { type: 'string' } as const;
const strings = { type: 'array', items: string } as const;

// ---------------------------------------------------------------------------------------------- CycloneDX

export interface CdxLicenseIn {
  license?: { id?: string; name?: string };
  expression?: string;
}

export interface CdxComponentIn {
  'bom-ref'?: string;
  type?: string;
  group?: string;
  name?: string;
  version?: string;
  purl?: string;
  scope?: string;
  licenses?: CdxLicenseIn[];
  properties?: { name: string; value?: string }[];
  evidence?: { occurrences?: { location: string }[] };
  components?: CdxComponentIn[];
}

export interface CdxVulnerabilityIn {
  'bom-ref'?: string;
  id?: string;
  references?: { id: string }[];
  updated?: string;
  analysis?: {
    state?: CdxAnalysisState;
    justification?: string;
    detail?: string;
    lastUpdated?: string;
  };
  affects?: { ref: string }[];
}

export const CDX_ANALYSIS_STATES = [
  'resolved',
  'resolved_with_pedigree',
  'exploitable',
  'in_triage',
  'false_positive',
  'not_affected',
] as const;
export type CdxAnalysisState = (typeof CDX_ANALYSIS_STATES)[number];

export interface CdxBomIn {
  bomFormat: 'CycloneDX';
  specVersion: string;
  metadata?: { component?: CdxComponentIn };
  components?: CdxComponentIn[];
  dependencies?: { ref: string; dependsOn?: string[] }[];
  vulnerabilities?: CdxVulnerabilityIn[];
}

const cdxComponent = {
  type: 'object',
  properties: {
    'bom-ref': string,
    type: string,
    group: string,
    name: string,
    version: string,
    purl: string,
    scope: string,
    licenses: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          license: { type: 'object', properties: { id: string, name: string } },
          expression: string,
        },
      },
    },
    properties: {
      type: 'array',
      items: { type: 'object', required: ['name'], properties: { name: string, value: string } },
    },
    evidence: {
      type: 'object',
      properties: {
        occurrences: {
          type: 'array',
          items: { type: 'object', required: ['location'], properties: { location: string } },
        },
      },
    },
    components: { type: 'array', items: { $ref: '#/definitions/component' } },
  },
} as const;

export const CYCLONEDX_SCHEMA = {
  type: 'object',
  required: ['bomFormat', 'specVersion'],
  definitions: { component: cdxComponent },
  properties: {
    bomFormat: { const: 'CycloneDX' },
    specVersion: string,
    metadata: { type: 'object', properties: { component: { $ref: '#/definitions/component' } } },
    components: { type: 'array', items: { $ref: '#/definitions/component' } },
    dependencies: {
      type: 'array',
      items: { type: 'object', required: ['ref'], properties: { ref: string, dependsOn: strings } },
    },
    vulnerabilities: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          'bom-ref': string,
          id: string,
          updated: string,
          references: {
            type: 'array',
            items: { type: 'object', required: ['id'], properties: { id: string } },
          },
          analysis: {
            type: 'object',
            properties: {
              state: { enum: CDX_ANALYSIS_STATES },
              justification: string,
              detail: string,
              lastUpdated: string,
            },
          },
          affects: {
            type: 'array',
            items: { type: 'object', required: ['ref'], properties: { ref: string } },
          },
        },
      },
    },
  },
} as const;

// ------------------------------------------------------------------------------------------------- SPDX

export interface SpdxPackageIn {
  SPDXID: string;
  name?: string;
  versionInfo?: string;
  licenseDeclared?: string;
  licenseConcluded?: string;
  externalRefs?: { referenceCategory?: string; referenceType: string; referenceLocator: string }[];
  annotations?: { comment: string }[];
}

export interface SpdxDocumentIn {
  spdxVersion: string;
  SPDXID?: string;
  documentDescribes?: string[];
  packages?: SpdxPackageIn[];
  relationships?: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
  hasExtractedLicensingInfos?: { licenseId: string; extractedText?: string; name?: string }[];
}

export const SPDX_SCHEMA = {
  type: 'object',
  required: ['spdxVersion'],
  properties: {
    spdxVersion: string,
    SPDXID: string,
    documentDescribes: strings,
    packages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['SPDXID'],
        properties: {
          SPDXID: string,
          name: string,
          versionInfo: string,
          licenseDeclared: string,
          licenseConcluded: string,
          externalRefs: {
            type: 'array',
            items: {
              type: 'object',
              required: ['referenceType', 'referenceLocator'],
              properties: { referenceCategory: string, referenceType: string, referenceLocator: string },
            },
          },
          annotations: {
            type: 'array',
            items: { type: 'object', required: ['comment'], properties: { comment: string } },
          },
        },
      },
    },
    relationships: {
      type: 'array',
      items: {
        type: 'object',
        required: ['spdxElementId', 'relationshipType', 'relatedSpdxElement'],
        properties: { spdxElementId: string, relationshipType: string, relatedSpdxElement: string },
      },
    },
    hasExtractedLicensingInfos: {
      type: 'array',
      items: {
        type: 'object',
        required: ['licenseId'],
        properties: { licenseId: string, extractedText: string, name: string },
      },
    },
  },
} as const;

// ---------------------------------------------------------------------------------------------- OpenVEX

export const OPENVEX_STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;

/** A product or subcomponent: a string (OpenVEX before 0.2) or an object with `@id` and identifiers. */
export type OpenVexComponentIn =
  string | { '@id'?: string; identifiers?: { purl?: string }; subcomponents?: OpenVexComponentIn[] };

export interface OpenVexDocumentIn {
  '@context': string;
  timestamp?: string;
  statements: {
    vulnerability: string | { '@id'?: string; name?: string; aliases?: string[] };
    products?: OpenVexComponentIn[];
    status: (typeof OPENVEX_STATUSES)[number];
    justification?: string;
    impact_statement?: string;
    status_notes?: string;
    timestamp?: string;
    last_updated?: string;
  }[];
}

const openVexComponent = {
  anyOf: [
    string,
    {
      type: 'object',
      properties: {
        '@id': string,
        identifiers: { type: 'object', properties: { purl: string } },
        subcomponents: { type: 'array', items: { $ref: '#/definitions/component' } },
      },
    },
  ],
} as const;

export const OPENVEX_SCHEMA = {
  type: 'object',
  required: ['@context', 'statements'],
  definitions: { component: openVexComponent },
  properties: {
    '@context': string,
    timestamp: string,
    statements: {
      type: 'array',
      items: {
        type: 'object',
        required: ['vulnerability', 'status'],
        properties: {
          vulnerability: {
            anyOf: [
              string,
              { type: 'object', properties: { '@id': string, name: string, aliases: strings } },
            ],
          },
          products: { type: 'array', items: { $ref: '#/definitions/component' } },
          status: { enum: OPENVEX_STATUSES },
          justification: string,
          impact_statement: string,
          status_notes: string,
          timestamp: string,
          last_updated: string,
        },
      },
    },
  },
} as const;
