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

/** Defined (true) by scripts/bundle.mjs in the bundled CLI, whose scanner entries sit beside this code. */
declare const RAMPART_BUNDLE: boolean | undefined;

export function registeredScanners(): ScannerModule[] {
  const bundled = typeof RAMPART_BUNDLE !== 'undefined' && RAMPART_BUNDLE;
  return SCANNER_REGISTRY.map((entry) => ({
    id: entry.id,
    url: bundled
      ? new URL(`./scanner-${entry.id}.js`, import.meta.url).href
      : import.meta.resolve(entry.packageName),
  }));
}
