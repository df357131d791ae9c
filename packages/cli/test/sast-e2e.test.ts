import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { resultSchemaValidator, sarifSchemaValidator } from '../../reporters/test/validators.js';

// The real binary and the real SAST scanner on a small two-file Express app.
const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function rampart(cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, CI: 'true' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rampart-sast-e2e-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const APP = {
  'src/server.ts': [
    "import express from 'express';",
    "import { archive } from './jobs/archive';",
    '',
    'const app = express();',
    "app.post('/archive', (req, res) => {",
    '  const folder = req.body.folder;',
    '  archive(folder);',
    '  res.json({ ok: true });',
    '});',
    '',
  ].join('\n'),
  'src/jobs/archive.ts': [
    "import { execSync } from 'node:child_process';",
    '',
    'export function archive(name: string): void {',
    '  const command = `tar czf /backups/${name}.tgz /data/${name}`;',
    '  execSync(command);',
    '}',
    '',
  ].join('\n'),
  'src/broken.ts': 'export const = ;\n',
};

describe('rampart scan with the SAST scanner', () => {
  it('follows request data into another file and shows the path in the terminal', async () => {
    const root = project(APP);
    const res = await rampart(root, 'scan', '.', '--scanners', 'sast');
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('sast/command-injection  src/jobs/archive.ts:5:3');
    expect(res.stdout).toMatch(/1\. src\/server\.ts:6:\d+ +source: req\.body/);
    expect(res.stdout).toMatch(/src\/jobs\/archive\.ts:5:3 +sink: child_process\.execSync\(\)/);
    // The file that does not parse is reported and the rest is analysed.
    expect(res.stdout + res.stderr).toMatch(/src\/broken\.ts:1.*could not parse/);
  });

  it('writes SARIF with codeFlows that validates against the SARIF 2.1.0 schema', async () => {
    const root = project(APP);
    const res = await rampart(root, 'scan', '.', '--scanners', 'sast', '--format', 'sarif');
    const sarif = JSON.parse(res.stdout) as {
      runs: {
        results: {
          ruleId: string;
          codeFlows?: {
            threadFlows: {
              locations: { location: { physicalLocation: { artifactLocation: { uri: string } } } }[];
            }[];
          }[];
        }[];
      }[];
    };
    const validate = sarifSchemaValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'sast/command-injection')!;
    const steps = result.codeFlows![0]!.threadFlows[0]!.locations.map(
      (l) => l.location.physicalLocation.artifactLocation.uri,
    );
    expect(steps[0]).toBe('src/server.ts');
    expect(steps.at(-1)).toBe('src/jobs/archive.ts');
  });

  it('writes the trace in the JSON format, valid against its schema', async () => {
    const root = project(APP);
    const res = await rampart(root, 'scan', '.', '--scanners', 'sast', '--format', 'json');
    const json = JSON.parse(res.stdout) as {
      findings: { ruleId: string; cwe: string[]; trace?: { location: { path: string } }[] }[];
    };
    const validate = resultSchemaValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const finding = json.findings.find((f) => f.ruleId === 'sast/command-injection')!;
    expect(finding.cwe).toEqual(['CWE-78']);
    expect(finding.trace!.map((s) => s.location.path)).toContain('src/server.ts');
  });

  it('scans piped text with --stdin and --type, showing the stdin file name', () => {
    const root = project({});
    const res = spawnSync(
      process.execPath,
      [bin, 'scan', '--stdin', '--type', 'javascript', '--scanners', 'sast'],
      {
        cwd: root,
        input:
          "const { exec } = require('child_process');\napp.get('/x', (req, res) => exec(req.query.c));\n",
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
      },
    );
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('sast/command-injection  stdin.js:2');
    const bad = spawnSync(process.execPath, [bin, 'scan', '--stdin', '--type', 'cobol'], {
      cwd: root,
      input: '',
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown --type "cobol"');
  });

  it('explains a rule with its example and fix', async () => {
    const res = await rampart(tmpdir(), 'explain', 'sast/sql-injection');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('CWE-89');
    expect(res.stdout).toContain('$1');
  });

  it('stays quiet on the sanitised version', async () => {
    const root = project({
      ...APP,
      'src/jobs/archive.ts': [
        "import { execFileSync } from 'node:child_process';",
        '',
        'export function archive(name: string): void {',
        "  execFileSync('tar', ['czf', `/backups/${name}.tgz`, `/data/${name}`]);",
        '}',
        '',
      ].join('\n'),
      'src/broken.ts': 'export const ok = 1;\n',
    });
    const res = await rampart(root, 'scan', '.', '--scanners', 'sast');
    expect(res.stdout).toContain('No findings');
    expect(res.code).toBe(0);
  });
});
