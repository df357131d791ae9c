import type { RuleMeta } from '@rampart/core/model';

export const RULE_VULNERABLE = 'sca/vulnerable-dependency';
export const RULE_MALICIOUS = 'sca/malicious-package';
export const RULE_LICENSE = 'sca/license-not-allowed';

export const RULES: readonly RuleMeta[] = [
  {
    id: RULE_VULNERABLE,
    title: 'Dependency with a known vulnerability',
    severity: 'high',
    cwe: ['CWE-1395'],
    description:
      "A package installed by a lockfile is in a version range that a published advisory (OSV: GHSA, CVE, PYSEC, RUSTSEC, GO...) says is vulnerable. The finding severity comes from the advisory (CVSS v4, v3 or v2 base score, else the database's label); the same flaw known under several ids is reported once.",
    help: {
      bad: '"node_modules/lodash": { "version": "4.17.20" }   (GHSA-35jh-r3h4-6jhm: command injection, fixed in 4.17.21)',
      good: '"node_modules/lodash": { "version": "4.17.21" }',
      fix: 'Upgrade the package to the fixed version shown (or a later one); for a transitive dependency, upgrade the direct dependency on the path shown, or pin the fixed version with an override/resolution. If the vulnerable code is not reachable, record that with a VEX statement or a suppression with a reason and an expiry.',
    },
    references: ['https://osv.dev/', 'https://cwe.mitre.org/data/definitions/1395.html'],
    tags: ['dependency', 'owasp-a06'],
    precision: 'high',
  },
  {
    id: RULE_MALICIOUS,
    title: 'Known malicious package',
    severity: 'critical',
    cwe: ['CWE-506'],
    description:
      'The lockfile installs a package version that an advisory (OSV `MAL-` records) reports as malicious: typo-squats, hijacked releases and packages that steal credentials on install. Installing it may already have run its code.',
    help: {
      bad: '"node_modules/event-stream": { "version": "3.3.6" }   (flatmap-stream payload)',
      good: '"node_modules/event-stream": { "version": "4.0.1" }',
      fix: 'Remove the package, rotate every credential the machines that installed it could read, and check the build and developer machines for the payload described in the advisory.',
    },
    references: [
      'https://github.com/ossf/malicious-packages',
      'https://cwe.mitre.org/data/definitions/506.html',
    ],
    tags: ['dependency', 'supply-chain', 'owasp-a08'],
    precision: 'high',
  },
  {
    id: RULE_LICENSE,
    title: 'Dependency licence not allowed by policy',
    severity: 'medium',
    cwe: [],
    description:
      "A dependency's licence (the SPDX expression the lockfile or SBOM records) is on the deny list of `scanner-config.sca.licenses`, or is not on its allow list. An OR expression passes when one of its choices is allowed; AND needs all of them.",
    help: {
      bad: 'licenses: { deny: [AGPL-3.0-only] }   and a dependency licensed "AGPL-3.0-only"',
      good: 'a dependency licensed "MIT OR AGPL-3.0-only" (MIT can be chosen)',
      fix: 'Replace the dependency with one under an allowed licence, or get the licence approved and add it to the allow list.',
    },
    references: [
      'https://spdx.org/licenses/',
      'https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/',
    ],
    tags: ['dependency', 'license'],
    precision: 'high',
  },
];
