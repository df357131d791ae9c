/**
 * The parts of `renv.lock` the extractor reads:
 *
 * ```json
 * { "R": { "Version": "4.3.1", "Repositories": [{ "Name": "CRAN", "URL": "https://cloud.r-project.org" }] },
 *   "Packages": {
 *     "markdown": { "Package": "markdown", "Version": "1.0", "Source": "Repository",
 *                   "Repository": "CRAN", "Requirements": ["mime"] } } }
 * ```
 *
 * `Source` says where a package came from: `Repository` (CRAN or a CRAN-like mirror such as RSPM, named
 * by `Repository`), `Bioconductor`, `GitHub`/`GitLab`/`Bitbucket`/`git`, `URL`, `Local`. Older lockfiles
 * omit `Source` and only give `Repository`.
 */

export interface RenvPackage {
  Package: string;
  Version: string;
  Source?: string;
  Repository?: string;
  Requirements?: string[];
}

export interface RenvLock {
  Packages?: Record<string, RenvPackage>;
}

export const lockSchema = {
  type: 'object',
  properties: {
    Packages: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['Package', 'Version'],
        properties: {
          Package: { type: 'string', minLength: 1 },
          Version: { type: 'string', minLength: 1 },
          Source: { type: 'string' },
          Repository: { type: 'string' },
          Requirements: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;
