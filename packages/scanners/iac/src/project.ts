import type { ProjectContext } from '@rampart/core/model';
import type { IacCheck, SourceText } from './check.js';
import { PLATFORMS } from './platforms.js';

/**
 * The IaC project pass: each platform parses its files and runs its enabled checks. Loaded by the scanner
 * definition only when the scan has files for it.
 */
export async function scanProject(context: ProjectContext<Record<string, unknown>>): Promise<void> {
  const files: SourceText[] = [];
  for (const path of context.files) files.push({ path, text: await context.readText(path) });
  const texts = new Map(files.map((f) => [f.path, f.text]));
  for (const platform of PLATFORMS) {
    const own = files.filter((f) => platform.matches(f.path, f.text));
    if (own.length === 0) continue;
    const { docs, errors } = platform.parse(own);
    for (const error of errors)
      context.diagnostic({
        level: error.level ?? 'warning',
        code: 'iac-parse-error',
        path: error.path,
        ...(error.line !== undefined && { line: error.line }),
        message: error.message,
      });
    for (const check of platform.checks as readonly IacCheck<unknown>[]) {
      if (!context.enabledRules.has(check.meta.id)) continue;
      for (const doc of docs) {
        try {
          check.check(doc, (finding) => {
            const text = texts.get(finding.path) ?? '';
            context.report(finding.path, text, {
              ruleId: check.meta.id,
              message: finding.message ?? check.meta.title,
              start: finding.start,
              end: finding.end,
              details: {
                kind: 'config',
                platform: platform.id,
                ...(finding.resource !== undefined && { resource: finding.resource }),
              },
              fingerprintKey: finding.resource ?? '',
            });
          });
        } catch (error) {
          context.diagnostic({
            level: 'error',
            code: 'check-failed',
            message: `${check.meta.id} failed: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      }
    }
  }
}
