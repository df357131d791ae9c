import { UsageError } from '../errors.js';
import { isValidRuleId } from '../rule.js';
import type { ScannerDefinition } from '../scanner.js';

/** Where a scanner module lives. The CLI's registry provides these; core never names a scanner. */
export interface ScannerModule {
  id: string;
  /** A `file:` URL (or specifier) whose default export is a ScannerDefinition. */
  url: string;
}

/** Import scanner modules and check that each honours the contract. */
export async function loadScanners(modules: readonly ScannerModule[]): Promise<ScannerDefinition[]> {
  const scanners: ScannerDefinition[] = [];
  for (const module of modules) {
    const imported = (await import(module.url)) as { default?: ScannerDefinition };
    const scanner = imported.default;
    if (!scanner || typeof scanner !== 'object' || scanner.id !== module.id) {
      throw new UsageError(`scanner module ${module.url} does not export a scanner with id "${module.id}"`);
    }
    for (const rule of scanner.rules) {
      if (!isValidRuleId(rule.id) || !rule.id.startsWith(`${scanner.id}/`)) {
        throw new UsageError(`scanner ${scanner.id} has a rule with an invalid id "${rule.id}"`);
      }
    }
    scanners.push(scanner);
  }
  return scanners;
}
