import { readSbom } from '@rampart/scanner-sca/sbom';
import { IngestError } from '../errors.js';
import type { ImportedComponent } from './model.js';

export interface SbomReport {
  format: string;
  components: ImportedComponent[];
  skipped: number;
}

/**
 * Components of an SBOM (CycloneDX JSON or XML, or SPDX 2.2/2.3 JSON), read by the SCA scanner's reader
 * so that ecosystems and names are spelled exactly as the advisory matcher expects them. Components
 * without a usable purl are counted as skipped.
 */
export function readSbomComponents(text: string): SbomReport {
  let inventory: ReturnType<typeof readSbom>;
  try {
    inventory = readSbom(text, 'sbom');
  } catch (error) {
    throw new IngestError(`SBOM: ${error instanceof Error ? error.message : String(error)}`);
  }
  const seen = new Set<string>();
  const components: ImportedComponent[] = [];
  for (const c of inventory.components) {
    // The same package may appear under several refs (several lockfiles): record it once per scan.
    const key = `${c.purl}\n${c.scope}\n${c.direct ? 1 : 0}`;
    if (seen.has(key)) continue;
    seen.add(key);
    components.push({
      purl: c.purl,
      ecosystem: c.ecosystem,
      name: c.name,
      version: c.version,
      scope: c.scope,
      direct: c.direct,
      licenses: c.licenses && c.licenses.length > 0 ? [...c.licenses] : null,
    });
  }
  components.sort(
    (a, b) => (a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0) || a.scope.localeCompare(b.scope),
  );
  return { format: inventory.format, components, skipped: inventory.skipped.length };
}
