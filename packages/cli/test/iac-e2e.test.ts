import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { resultSchemaValidator, sarifSchemaValidator } from '../../reporters/test/validators.js';

// The real binary and the real IaC scanner on a small repository with every platform, broken files included.
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
  const root = mkdtempSync(join(tmpdir(), 'rampart-iac-e2e-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

const REPO = {
  Dockerfile: lines(
    'FROM node:20.11-alpine',
    'WORKDIR /app',
    'COPY . .',
    'RUN npm ci',
    'CMD ["node", "server.js"]',
  ),
  'k8s/deploy.yaml': lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      hostNetwork: true',
    '      containers:',
    '        - name: web',
    '          image: registry.example.com/web:1.4.2',
    '          securityContext:',
    '            privileged: true',
  ),
  'k8s/broken.yaml': lines(
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: x',
    'data:',
    '  a: [unclosed',
  ),
  'k8s/chart.yaml': lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: {{ .Values.name }}'),
  'docker-compose.yml': lines(
    'services:',
    '  web:',
    '    image: nginx:1.27',
    '    # rampart-ignore: iac/compose-privileged needs the host devices, reviewed in SEC-42',
    '    privileged: true',
  ),
  'infra/main.tf': lines(
    'variable "ssh_cidr" {',
    '  default = "10.0.0.0/8"',
    '}',
    '',
    'resource "aws_security_group" "admin" {',
    '  name = "admin"',
    '  ingress {',
    '    from_port   = 22',
    '    to_port     = 22',
    '    protocol    = "tcp"',
    '    cidr_blocks = [var.ssh_cidr]',
    '  }',
    '}',
    '',
    'module "logs" {',
    '  source = "./modules/bucket"',
    '  acl    = "public-read"',
    '}',
  ),
  // The variable's default is private; the tfvars file opens it to the world.
  'infra/terraform.tfvars': lines('ssh_cidr = "0.0.0.0/0"'),
  'infra/modules/bucket/main.tf': lines(
    'variable "acl" {',
    '  type = string',
    '}',
    '',
    'resource "aws_s3_bucket" "this" {',
    '  bucket = "logs"',
    '}',
    '',
    'resource "aws_s3_bucket_acl" "this" {',
    '  bucket = aws_s3_bucket.this.id',
    '  acl    = var.acl',
    '}',
  ),
  'infra/broken.tf': lines('resource "aws_instance" "x" {', '  ami = "ami-123"'),
  '.github/workflows/triage.yml': lines(
    'name: triage',
    'on: issues',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  triage:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo "${{ github.event.issue.title }}"',
  ),
  '.gitlab-ci.yml': lines(
    'build:',
    '  image: alpine:3.20',
    '  script:',
    '    - curl -fsSL https://example.com/install.sh | sh',
  ),
};

interface JsonResult {
  findings: { ruleId: string; location: { path: string; startLine: number } }[];
  suppressed: { ruleId: string }[];
  diagnostics: { code: string; level: string; path?: string; line?: number; message: string }[];
  stats: { filesScanned: number };
}

describe('rampart scan with the IaC scanner', () => {
  it('checks every platform with exact lines, reports broken files and goes on', async () => {
    const root = project(REPO);
    const res = await rampart(root, 'scan', '.', '--scanners', 'iac', '--format', 'json');
    expect(res.code).toBe(1);
    const json = JSON.parse(res.stdout) as JsonResult;
    const validate = resultSchemaValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const at = json.findings.map((f) => `${f.ruleId}@${f.location.path}:${f.location.startLine}`);
    expect(at).toEqual(
      expect.arrayContaining([
        'iac/docker-missing-user@Dockerfile:1',
        'iac/k8s-host-network@k8s/deploy.yaml:8',
        'iac/k8s-privileged-container@k8s/deploy.yaml:13',
        'iac/aws-sg-ingress-ssh-open@infra/main.tf:11',
        // Found inside the local module, with the value the root module passes in.
        'iac/aws-s3-bucket-public-acl@infra/modules/bucket/main.tf:11',
        'iac/gha-expression-injection@.github/workflows/triage.yml:9',
        'iac/gitlab-curl-pipe-shell@.gitlab-ci.yml:4',
      ]),
    );
    // The reviewed inline suppression holds.
    expect(at.some((a) => a.startsWith('iac/compose-privileged@'))).toBe(false);
    expect(json.suppressed.map((f) => f.ruleId)).toContain('iac/compose-privileged');
    // One error per broken file, with its line; the template is skipped with a hint, not an error.
    const diagnostics = json.diagnostics.map((d) => `${d.level} ${d.path}:${d.line}`);
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        'warning infra/broken.tf:1',
        'warning k8s/broken.yaml:7',
        'info k8s/chart.yaml:4',
      ]),
    );
    expect(json.diagnostics.find((d) => d.path === 'k8s/chart.yaml')?.message).toContain('helm template');
    expect(json.stats.filesScanned).toBe(Object.keys(REPO).length);
    // Library warnings never leak to the terminal.
    expect(res.stderr).not.toContain('Warning');
  });

  it('shows findings and broken files in the terminal', async () => {
    const root = project(REPO);
    const res = await rampart(root, 'scan', '.', '--scanners', 'iac');
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('iac/aws-sg-ingress-ssh-open  infra/main.tf:11:5');
    expect(res.stderr).toMatch(/infra\/broken\.tf:1: HCL syntax error: missing '}'/);
  });

  it('lets a security team override inline skips with --no-inline-ignores', async () => {
    const root = project(REPO);
    const res = await rampart(
      root,
      'scan',
      '.',
      '--scanners',
      'iac',
      '--format',
      'json',
      '--no-inline-ignores',
    );
    const json = JSON.parse(res.stdout) as JsonResult;
    const privileged = json.findings.find((f) => f.ruleId === 'iac/compose-privileged');
    expect(privileged?.location).toMatchObject({ path: 'docker-compose.yml', startLine: 5 });
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema', async () => {
    const root = project(REPO);
    const res = await rampart(root, 'scan', '.', '--scanners', 'iac', '--format', 'sarif');
    const sarif = JSON.parse(res.stdout) as unknown;
    const validate = sarifSchemaValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
  });

  it('scans rendered Helm output piped with --stdin --type k8s', () => {
    const root = project({});
    const rendered = lines(
      '---',
      '# Source: web/templates/pod.yaml',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  hostPID: true',
      '  containers:',
      '    - name: web',
      '      image: nginx:1.27',
    );
    const res = spawnSync(process.execPath, [bin, 'scan', '--stdin', '--type', 'k8s', '--scanners', 'iac'], {
      cwd: root,
      input: rendered,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('iac/k8s-host-pid  stdin.yaml:8');
  });

  it('explains a rule with its example and fix', async () => {
    const res = await rampart(tmpdir(), 'explain', 'iac/aws-sg-ingress-ssh-open');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('0.0.0.0/0');
    expect(res.stdout).toContain('CWE-');
  });
});
