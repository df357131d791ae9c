import { assignFingerprints, dedupe } from '../post/chain.js';
import { RuleCatalog } from '../rule-catalog.js';
import type { Diagnostic, ScannerDefinition } from '../scanner.js';
import { FileProcessor, type CandidateFinding } from './process-file.js';

/**
 * Run one scanner's file scanner over one text through the per-file chain (locate, inline suppress,
 * mask, fingerprint). For scanner fixture tests and editor integrations.
 */
export async function scanText<Options>(
  scanner: ScannerDefinition<Options>,
  path: string,
  text: string,
  options: { scannerOptions?: Options; enabledRules?: readonly string[] } = {},
): Promise<{ findings: CandidateFinding[]; diagnostics: Diagnostic[] }> {
  if (!scanner.createFileScanner) throw new Error(`scanner ${scanner.id} has no file scanner`);
  const scannerOptions = (options.scannerOptions ?? {}) as Options;
  const rules = [...scanner.rules, ...(scanner.extraRules?.(scannerOptions) ?? [])];
  const enabled = new Set(options.enabledRules ?? rules.map((r) => r.id));
  const fileScanner = await scanner.createFileScanner({
    options: scannerOptions,
    enabledRules: enabled,
  });
  const diagnostics: Diagnostic[] = [];
  const catalog = new RuleCatalog([{ id: scanner.id, rules }]);
  const processor = new FileProcessor(
    path,
    text,
    { catalog, enabledRules: enabled, severityOverrides: {}, mask: true },
    diagnostics,
  );
  await fileScanner.scanFile({ path, text }, (raw) => processor.add(scanner.id, raw));
  return { findings: assignFingerprints(dedupe(processor.finish())), diagnostics };
}
