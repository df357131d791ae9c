/**
 * A realistic upload for the dashboard tests: a native Rampart result with a masked secret, a SAST
 * finding with its dataflow, a vulnerable dependency and filler findings (enough for several pages),
 * and a CycloneDX SBOM with the vulnerable package.
 */

const RULES = [
  ['secrets/aws-access-key', 'secrets', 'AWS access key ID', 'CWE-798'],
  ['sast/sql-injection', 'sast', 'SQL injection', 'CWE-89'],
  ['sca/vulnerable-dependency', 'sca', 'Vulnerable dependency', 'CWE-1395'],
  ['iac/s3-public-read', 'iac', 'Public S3 bucket', 'CWE-732'],
] as const;

export const COMMIT = '3f2c1e0d9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e';
export const SECRET_FP = 'a1'.padStart(32, '0');
export const SQLI_FP = 'b2'.padStart(32, '0');
export const DEP_FP = 'c3'.padStart(32, '0');
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

function location(path: string, line: number, snippet?: string) {
  return {
    path,
    startLine: line,
    startColumn: 1,
    endLine: line,
    endColumn: 30,
    ...(snippet ? { snippet } : {}),
  };
}

export function nativeResult(fillers: number) {
  const findings: object[] = [
    {
      ruleId: 'secrets/aws-access-key',
      scanner: 'secrets',
      severity: 'critical',
      message: 'AWS access key ID AKIA************MPLE in config',
      location: location('config/aws.ts', 3, "const key = 'AKIA************MPLE';"),
      cwe: ['CWE-798'],
      fingerprint: SECRET_FP,
      details: { kind: 'secret', secretType: 'AWS access key ID', masked: 'AKIA************MPLE' },
    },
    {
      ruleId: 'sast/sql-injection',
      scanner: 'sast',
      severity: 'high',
      message: 'User input reaches a SQL query',
      location: location(
        'src/db/users.ts',
        42,
        'db.query(`select * from users where id = ${req.query.id}`);',
      ),
      cwe: ['CWE-89'],
      fingerprint: SQLI_FP,
      trace: [
        { location: location('src/routes/users.ts', 10), message: 'req.query.id enters here' },
        { location: location('src/db/users.ts', 42), message: 'reaches db.query' },
      ],
      details: { kind: 'code', language: 'typescript' },
    },
    {
      ruleId: 'sca/vulnerable-dependency',
      scanner: 'sca',
      severity: 'high',
      message: 'lodash 4.17.20 has a prototype pollution advisory',
      location: location('package-lock.json', 120),
      cwe: ['CWE-1321'],
      fingerprint: DEP_FP,
      details: {
        kind: 'dependency',
        ecosystem: 'npm',
        packageName: 'lodash',
        version: '4.17.20',
        purl: 'pkg:npm/lodash@4.17.20',
        advisoryIds: ['GHSA-35jh-r3h4-6jhm'],
        aliases: ['CVE-2021-23337'],
        fixedVersions: ['4.17.21'],
        fixedIn: '4.17.21',
        dependencyPaths: [['lodash']],
        summary: 'Command injection in lodash',
        cvssScore: 7.2,
      },
    },
  ];
  for (let i = 0; i < fillers; i++) {
    const [ruleId, scanner, , cwe] = RULES[(i % 2) * 3]!;
    findings.push({
      ruleId,
      scanner,
      severity: SEVERITIES[i % SEVERITIES.length],
      message: `Filler finding ${i}`,
      location: location(`src/module-${i % 7}/file-${i}.ts`, (i % 90) + 1),
      cwe: [cwe],
      fingerprint: (0x1000 + i).toString(16).padStart(32, '0'),
    });
  }
  const ruleIds = [...new Set(findings.map((f) => (f as { ruleId: string }).ruleId))].sort();
  return {
    $schema: 'https://rampart.dev/schemas/result-1.json',
    schemaVersion: '1.0.0',
    tool: { name: 'rampart', version: '0.1.0' },
    scanners: ['secrets', 'sast', 'sca', 'iac'].map((id) => ({ id, version: '0.1.0', rules: 10 })),
    rules: ruleIds.map((id) => {
      const rule = RULES.find((r) => r[0] === id)!;
      return {
        id,
        title: rule[2],
        severity: 'high',
        cwe: [rule[3]],
        description: `About ${id}.`,
        help: { bad: 'bad', good: 'good', fix: 'fix' },
        references: [],
      };
    }),
    findings,
    suppressed: [],
    diagnostics: [],
    stats: {
      filesWalked: 100,
      filesScanned: 100,
      skipped: { binary: 0, vendored: 0, minified: 0, generated: 0, 'too-large': 0, unreadable: 0 },
    },
    policy: { passed: false, reasons: ['critical findings'], failOn: 'high' },
  };
}

export function cycloneDx() {
  const components = [
    { name: 'lodash', version: '4.17.20', license: 'MIT' },
    { name: 'express', version: '4.18.2', license: 'MIT' },
    { name: 'pg', version: '8.11.0', license: 'MIT' },
    { name: 'left-pad', version: '1.3.0', license: 'WTFPL' },
  ];
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    components: components.map((c) => ({
      type: 'library',
      'bom-ref': `pkg:npm/${c.name}@${c.version}`,
      name: c.name,
      version: c.version,
      purl: `pkg:npm/${c.name}@${c.version}`,
      licenses: [{ license: { id: c.license } }],
    })),
  };
}

export function upload(fillers = 120) {
  return {
    branch: 'main',
    commit: COMMIT,
    kind: 'full',
    pipelineUrl: 'https://github.com/acme/payments/actions/runs/1',
    report: nativeResult(fillers),
    sbom: cycloneDx(),
  };
}
