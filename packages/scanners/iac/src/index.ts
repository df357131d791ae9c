import type { ScannerDefinition } from '@rampart/core/model';
import type { IacCheck, IacRuleMeta, SourceText } from './check.js';
import { PLATFORMS } from './platforms.js';

export type { IacCheck, IacRuleMeta, Platform } from './check.js';
export { PLATFORMS } from './platforms.js';

/** Every rule of the scanner, sorted by id. */
export const IAC_RULES: readonly IacRuleMeta[] = PLATFORMS.flatMap((p) =>
  p.checks.map((c: IacCheck<unknown>) => c.meta),
).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * @rampart/scanner-iac: checks infrastructure and pipeline definitions (Dockerfile, Kubernetes, docker-compose,
 * Terraform for AWS/GCP/Azure, GitHub Actions, GitLab CI) with exact lines.
 */
const scanner: ScannerDefinition = {
  id: 'iac',
  title: 'Infrastructure as code',
  description:
    'Misconfigurations in Dockerfiles, Kubernetes manifests, docker-compose files, Terraform (AWS, GCP, Azure), GitHub Actions workflows and GitLab CI pipelines.',
  version: '0.1.0',
  rules: IAC_RULES,
  files: {
    include: [
      'Dockerfile',
      'dockerfile',
      'Dockerfile.*',
      'dockerfile.*',
      '*.Dockerfile',
      '*.dockerfile',
      'Containerfile',
      'containerfile',
      'Containerfile.*',
      'containerfile.*',
      '*.Containerfile',
      '*.containerfile',
      '*.yml',
      '*.yaml',
      '*.tf',
      '*.tfvars',
    ],
  },
  async scanProject(context) {
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
  },
};

export default scanner;
