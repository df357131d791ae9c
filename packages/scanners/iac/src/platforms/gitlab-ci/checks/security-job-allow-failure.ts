import type { IacCheck } from '../../../check.js';
import { asArray } from '../../../yaml/load.js';
import { reportAt, type GitlabDoc } from '../model.js';

/** Words in a job or template name that mark a security scan. */
const SECURITY_WORDS = new Set([
  'sast',
  'dast',
  'secret',
  'secrets',
  'security',
  'scan',
  'scanning',
  'scanner',
  'audit',
  'vulnerability',
  'vulnerabilities',
  'cve',
  'gitleaks',
  'trufflehog',
  'trivy',
  'grype',
  'semgrep',
  'snyk',
  'checkov',
  'tfsec',
  'kics',
  'bandit',
  'gosec',
  'zap',
  'osv',
  'fuzz',
  'fuzzing',
]);

function isSecurityName(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((word) => SECURITY_WORDS.has(word));
}

export const check: IacCheck<GitlabDoc> = {
  meta: {
    id: 'iac/gitlab-security-job-allow-failure',
    title: 'Security scan job allowed to fail',
    severity: 'low',
    cwe: ['CWE-693'],
    description:
      '`allow_failure: true` on a scanning job (SAST, secret detection, dependency or container scanning) lets the pipeline pass when the ' +
      'scan finds problems or does not run at all, so the gate exists only on paper. Findings are easy to miss once the job is shown as a ' +
      'warning.',
    help: {
      bad: [
        'secret_detection:',
        '  stage: test',
        '  allow_failure: true',
        '  script:',
        '    - gitleaks detect --source .',
        '',
      ].join('\n'),
      good: [
        'secret_detection:',
        '  stage: test',
        '  allow_failure: false',
        '  script:',
        '    - gitleaks detect --source .',
        '',
      ].join('\n'),
      fix: "Let the scan fail the pipeline (`allow_failure: false`), and handle accepted findings with the scanner's own baseline or ignore file.",
    },
    references: [
      'https://docs.gitlab.com/ee/ci/yaml/#allow_failure',
      'https://docs.gitlab.com/ee/user/application_security/',
    ],
    tags: ['gitlab-ci', 'owasp:A05:2021'],
    precision: 'medium',
    platform: 'gitlab-ci',
  },
  check(doc, report) {
    for (const job of doc.jobs) {
      if (job.value.allow_failure !== true) continue;
      const parent = job.value.extends;
      const extendsNames = (typeof parent === 'string' ? [parent] : asArray(parent)).filter(
        (n): n is string => typeof n === 'string',
      );
      if (!isSecurityName(job.name) && !extendsNames.some(isSecurityName)) continue;
      reportAt(doc, report, [...job.path, 'allow_failure'], { resource: job.label });
    }
  },
};
