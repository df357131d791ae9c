import type { LicensePolicy } from './licenses.js';

/** `scanner-config.sca` in rampart.yml. */
export interface ScaOptions {
  /** The advisory database file (set by the CLI from `--db`, `RAMPART_DB` or the user cache dir). */
  db?: string;
  /** Include dev/test dependencies (default true). */
  dev?: boolean;
  /** Scan this SBOM (CycloneDX or SPDX JSON, CycloneDX XML) instead of the lockfiles in the tree. */
  sbom?: string;
  /** VEX documents (CycloneDX VEX or OpenVEX): `not_affected`/`fixed` statements suppress findings. */
  vex?: string[];
  licenses?: LicensePolicy;
}

export const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    db: { type: 'string', minLength: 1, description: 'Path of the advisory database file.' },
    dev: { type: 'boolean', description: 'Include dev and test dependencies (default true).' },
    sbom: { type: 'string', minLength: 1, description: 'Scan this SBOM instead of the lockfiles.' },
    vex: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'VEX documents whose not_affected/fixed statements suppress findings.',
    },
    licenses: {
      type: 'object',
      additionalProperties: false,
      properties: {
        deny: { type: 'array', items: { type: 'string', minLength: 1 } },
        allow: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
  },
} as const;
