import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

// The real binary, the real dependency scanner and real OSV records (test/fixtures/sca/README.md).
const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));
const advisories = fileURLToPath(new URL('fixtures/sca/advisories.jsonl', import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function rampart(cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, CI: 'true', RAMPART_DB: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const LOCK = {
  name: 'my-app',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': {
      name: 'my-app',
      version: '1.0.0',
      dependencies: { 'some-lib': '^1.0.0' },
      devDependencies: { marked: '0.3.0' },
    },
    'node_modules/some-lib': { version: '1.0.0', dependencies: { lodash: '^4.17.0' } },
    'node_modules/lodash': { version: '4.17.4' },
    'node_modules/marked': { version: '0.3.0', dev: true },
  },
};

let db: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-sca-db-'));
  db = join(dir, 'osv.db');
  const res = await rampart(dir, 'db', 'import', advisories, '--db', db);
  expect(res.stderr).toBe('');
  expect(res.stdout).toContain('imported 6 advisories');
  return () => rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'rampart-sca-e2e-'));
  dirs.push(root);
  writeFileSync(join(root, 'package-lock.json'), JSON.stringify(LOCK, null, 2));
  writeFileSync(join(root, 'requirements.txt'), 'flask==1.1.2\njinja2==2.10\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function lineOf(root: string, file: string, needle: string): number {
  const text = readFileSync(join(root, file), 'utf8');
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  location: { path: string; startLine: number };
  details: {
    packageName: string;
    version: string;
    purl: string;
    advisoryIds: string[];
    aliases: string[];
    fixedVersions: string[];
    fixedIn?: string;
    dependencyPaths: string[][];
    scope: string;
    direct: boolean;
  };
  suppression?: { kind: string; reason: string };
}

describe('dependency scanning end to end', () => {
  it('reports a vulnerable transitive dependency with its fixed version and path, in JSON and SARIF', async () => {
    const root = project();
    const res = await rampart(
      root,
      'scan',
      '.',
      '--db',
      db,
      '--format',
      'json,sarif',
      '--output',
      'sarif=out.sarif',
      '--scanners',
      'sca',
    );
    expect(res.code).toBe(1);
    const json = JSON.parse(res.stdout) as { findings: JsonFinding[] };
    // Two findings on one line are ordered by fingerprint: sort by advisory for the test.
    const byId = (a: JsonFinding, b: JsonFinding) =>
      a.details.advisoryIds[0]!.localeCompare(b.details.advisoryIds[0]!);
    const lodash = json.findings.filter((f) => f.details.packageName === 'lodash').sort(byId);
    expect(lodash.map((f) => [f.details.advisoryIds, f.details.fixedIn, f.severity])).toEqual([
      [['x_NSWG-ECO-368'], '4.17.5', 'low'],
      [['x_NSWG-ECO-493'], '4.17.11', 'medium'],
    ]);
    expect(lodash[0]!).toMatchObject({
      ruleId: 'sca/vulnerable-dependency',
      location: {
        path: 'package-lock.json',
        startLine: lineOf(root, 'package-lock.json', '"node_modules/lodash"'),
      },
      details: {
        version: '4.17.4',
        purl: 'pkg:npm/lodash@4.17.4',
        dependencyPaths: [['some-lib@1.0.0', 'lodash@4.17.4']],
        scope: 'prod',
        direct: false,
        aliases: ['CVE-2018-3721'],
      },
    });
    expect(lodash[0]!.message).toContain('lodash@4.17.4 (via some-lib@1.0.0)');
    expect(lodash[0]!.message).toContain('fixed in 4.17.5');
    // The same flaw from two databases (PYSEC and GHSA, sharing CVE-2020-28493) is one finding.
    const jinja = json.findings.filter((f) => f.details.packageName === 'jinja2').sort(byId);
    expect(jinja.map((f) => f.details.advisoryIds)).toEqual([
      ['GHSA-g3rq-g295-4j3m', 'PYSEC-2021-66'],
      ['PYSEC-2019-217'],
    ]);
    expect(jinja[0]!.details).toMatchObject({
      fixedIn: '2.11.3',
      aliases: ['CVE-2020-28493', 'SNYK-PYTHON-JINJA2-1012994'],
      direct: true,
    });
    expect(json.findings.find((f) => f.details.packageName === 'marked')?.details.scope).toBe('dev');

    const sarif = JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; message: { text: string }; locations: unknown[] }[] }[];
    };
    const results = sarif.runs[0]!.results.filter((r) => r.message.text.startsWith('lodash@4.17.4'));
    expect(results).toHaveLength(2);
    expect(results[0]!.ruleId).toBe('sca/vulnerable-dependency');
    expect(JSON.stringify(results[0]!.locations)).toContain('package-lock.json');
    expect(results.map((r) => r.message.text).join('\n')).toContain('fixed in 4.17.11');
  });

  it('leaves dev dependencies out with --skip-dev', async () => {
    const root = project();
    const res = await rampart(
      root,
      'scan',
      '.',
      '--db',
      db,
      '--format',
      'json',
      '--skip-dev',
      '--scanners',
      'sca',
    );
    const json = JSON.parse(res.stdout) as { findings: JsonFinding[] };
    expect(json.findings.map((f) => f.details.packageName)).not.toContain('marked');
    expect(json.findings.map((f) => f.details.packageName)).toContain('lodash');
  });

  it('suppresses by advisory alias with a reason, and by VEX; both stay visible as suppressed', async () => {
    const vex = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.com/vex/1',
      author: 'appsec@example.com',
      timestamp: '2026-11-01T00:00:00Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2018-16487' },
          products: [{ '@id': 'pkg:npm/lodash@4.17.4' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
        },
      ],
    };
    const root = project({
      'vex.json': JSON.stringify(vex),
      '.rampart-suppressions.yml': [
        'suppressions:',
        '  - rule: sca/vulnerable-dependency',
        '    advisory: CVE-2018-3721',
        '    reason: lodash is only used at build time here',
        '    owner: appsec@example.com',
        '    expires: 2099-01-01',
        '  - rule: sca/vulnerable-dependency',
        '    advisory: GHSA-0000-0000-0000',
        '    reason: an old flaw that no longer applies',
        '    owner: appsec@example.com',
      ].join('\n'),
    });
    const res = await rampart(
      root,
      'scan',
      '.',
      '--db',
      db,
      '--format',
      'json',
      '--vex',
      'vex.json',
      '--scanners',
      'sca',
    );
    const json = JSON.parse(res.stdout) as { findings: JsonFinding[]; suppressed: JsonFinding[] };
    expect(json.findings.map((f) => f.details.packageName)).not.toContain('lodash');
    const byId = (a: JsonFinding, b: JsonFinding) =>
      a.details.advisoryIds[0]!.localeCompare(b.details.advisoryIds[0]!);
    expect(
      [...json.suppressed].sort(byId).map((f) => [f.details.advisoryIds[0], f.suppression?.kind]),
    ).toEqual([
      ['x_NSWG-ECO-368', 'file'],
      ['x_NSWG-ECO-493', 'vex'],
    ]);
    expect(res.stderr).toContain(
      'suppression of sca/vulnerable-dependency GHSA-0000-0000-0000 matched no finding',
    );
  });

  it('reports a broken lockfile with its line and still scans the others', async () => {
    const root = project({ 'sub/package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n' });
    const res = await rampart(root, 'scan', '.', '--db', db, '--format', 'json', '--scanners', 'sca');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/error: sub\/package-lock\.json(:\d+)?: cannot read npm lockfile/);
    const json = JSON.parse(res.stdout) as { findings: JsonFinding[] };
    expect(json.findings.some((f) => f.details.packageName === 'lodash')).toBe(true);
  });

  it('fails closed without a database, naming the command that makes one', async () => {
    const root = project();
    const res = await rampart(root, 'scan', '.', '--db', join(root, 'none.db'), '--scanners', 'sca');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('rampart db update');
    expect(res.stderr).toContain('advisory-db-missing');
  });

  it('writes an SBOM of the tree and scans it instead of the tree', async () => {
    const root = project();
    const sbom = await rampart(root, 'sbom', '.', '--format', 'cyclonedx', '--output', 'bom.json');
    expect(sbom.code).toBe(0);
    const bom = JSON.parse(readFileSync(join(root, 'bom.json'), 'utf8')) as {
      specVersion: string;
      components: { purl: string; evidence?: { occurrences?: { location: string }[] } }[];
    };
    expect(bom.specVersion).toBe('1.6');
    const lodash = bom.components.find((c) => c.purl === 'pkg:npm/lodash@4.17.4');
    expect(lodash?.evidence?.occurrences?.[0]?.location).toBe('package-lock.json');
    rmSync(join(root, 'package-lock.json'));
    const res = await rampart(root, 'scan', '--sbom', 'bom.json', '--db', db, '--format', 'json');
    expect(res.code).toBe(1);
    const json = JSON.parse(res.stdout) as { findings: JsonFinding[] };
    expect(json.findings.filter((f) => f.details.packageName === 'lodash')).toHaveLength(2);
    expect(json.findings[0]!.location.path).toBe('bom.json');
  });
});
