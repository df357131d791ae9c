import type { ScannerModule } from '@rampart/core';

/**
 * The scanner registry: the one list of scanners the CLI ships. Core never imports a scanner; it gets
 * these module URLs and imports them in each worker. A test keeps this list and the folders under
 * packages/scanners/ in sync.
 */
export const SCANNER_REGISTRY: readonly { id: string; packageName: string }[] = [
  { id: 'secrets', packageName: '@rampart/scanner-secrets' },
  { id: 'sca', packageName: '@rampart/scanner-sca' },
  { id: 'sast', packageName: '@rampart/scanner-sast' },
  { id: 'iac', packageName: '@rampart/scanner-iac' },
];

export function registeredScanners(): ScannerModule[] {
  return SCANNER_REGISTRY.map((entry) => ({ id: entry.id, url: import.meta.resolve(entry.packageName) }));
}
