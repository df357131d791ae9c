import type { ScannerDefinition } from '@rampart/core/model';
import { IAC_RULE_SUMMARIES } from './rule-summaries.generated.js';

export type { IacCheck, IacRuleMeta, Platform } from './check.js';

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
  // Generated copies of the checks' metadata. Every scan imports this module for the rule catalog, so it
  // holds only what a scan needs (ids, titles, severities, tags); the docs (446 KB) load when a rule is
  // shown (a finding in the report, `rampart explain`), and the checks themselves, with their parsers,
  // only when the project pass has files to check.
  rules: IAC_RULE_SUMMARIES,
  ruleDocs: async () => (await import('./rule-catalog.generated.js')).IAC_RULE_CATALOG,
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
    if (context.files.length === 0) return;
    const project = await import('./project.js');
    await project.scanProject(context);
  },
};

export default scanner;
