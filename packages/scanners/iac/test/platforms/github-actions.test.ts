import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IacFinding } from '../../src/check.js';
import {
  findExpressions,
  parseExpression,
  patternClassifier,
  taintOf,
  Taint,
} from '../../src/platforms/github-actions/expressions.js';
import { platform } from '../../src/platforms/github-actions/index.js';
import { untrustedContext } from '../../src/platforms/github-actions/contexts.js';
import type { GhaDoc } from '../../src/platforms/github-actions/model.js';
import { parseUses } from '../../src/platforms/github-actions/model.js';
import { isSecretName, looksLikeSecretValue } from '../../src/platforms/github-actions/secrets.js';
import { logicalLines, pipesDownloadToShell } from '../../src/platforms/github-actions/shell.js';
import { hasTemplateSyntax, MAX_FILE_BYTES } from '../../src/platforms/github-actions/yaml-files.js';
import { loadYaml } from '../../src/yaml/load.js';
import { runFixtures } from '../support/fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../fixtures/github-actions');
const checksDir = join(here, '../../src/platforms/github-actions/checks');
const PREFIX = 'iac/gha-';

function findings(path: string, text: string): IacFinding[] {
  const { docs, errors } = platform.parse([{ path, text }]);
  expect(errors).toEqual([]);
  const out: IacFinding[] = [];
  for (const check of platform.checks)
    for (const doc of docs)
      check.check(doc, (f) => out.push({ ...f, message: `${check.meta.id}: ${f.message ?? ''}` }));
  return out;
}

function findingsOf(checkId: string, path: string, text: string): IacFinding[] {
  const check = platform.checks.find((c) => c.meta.id === checkId);
  if (!check) throw new Error(checkId);
  const { docs, errors } = platform.parse([{ path, text }]);
  expect(errors).toEqual([]);
  const out: IacFinding[] = [];
  for (const doc of docs) check.check(doc, (f) => out.push(f));
  return out;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('github-actions checks (fixtures)', () => {
  for (const check of platform.checks) {
    const name = check.meta.id.slice(PREFIX.length);
    describe(check.meta.id, () => {
      const dir = join(fixtures, name);
      it('has ng and ok fixtures', () => {
        expect(existsSync(dir)).toBe(true);
        const entries = readdirSync(dir);
        expect(entries.some((e) => e.startsWith('ng.'))).toBe(true);
        expect(entries.some((e) => e.startsWith('ok.'))).toBe(true);
      });
      if (!existsSync(dir)) return;
      for (const result of runFixtures(platform, check, dir))
        it(result.name, () => {
          expect(result.errors).toEqual([]);
          if (result.kind === 'ng') expect(result.expected.length).toBeGreaterThan(0);
          else expect(result.expected).toEqual([]);
          expect(result.actual).toEqual(result.expected);
        });
    });
  }
});

describe('github-actions rule metadata', () => {
  it('ids are unique, prefixed and sorted', () => {
    const ids = platform.checks.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id.startsWith(PREFIX)).toBe(true);
    expect(ids.length).toBeGreaterThanOrEqual(12);
  });

  it('every file in checks/ is registered', () => {
    const files = readdirSync(checksDir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    const names = platform.checks.map((c) => c.meta.id.slice(PREFIX.length)).sort();
    expect(names).toEqual(files);
  });

  for (const check of platform.checks)
    describe(check.meta.id, () => {
      const { meta } = check;
      it('has complete metadata', () => {
        expect(meta.platform).toBe('github-actions');
        expect(meta.title.length).toBeGreaterThan(0);
        expect(meta.description.length).toBeGreaterThan(40);
        expect(meta.cwe.length).toBeGreaterThan(0);
        for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
        expect(meta.references.length).toBeGreaterThan(0);
        expect(meta.help.fix.length).toBeGreaterThan(0);
        expect(meta.tags).toContain('github-actions');
      });
      it('flags help.bad', () => {
        expect(findingsOf(meta.id, '.github/workflows/ci.yml', meta.help.bad).length).toBeGreaterThan(0);
      });
      it('does not flag help.good', () => {
        expect(findingsOf(meta.id, '.github/workflows/ci.yml', meta.help.good)).toEqual([]);
      });
    });
});

describe('github-actions files and parsing', () => {
  it('matches workflow files and action metadata', () => {
    expect(platform.matches('.github/workflows/ci.yml', '')).toBe(true);
    expect(platform.matches('svc/api/.github/workflows/release.yaml', '')).toBe(true);
    expect(platform.matches('action.yml', '')).toBe(true);
    expect(platform.matches('actions/setup/action.yaml', '')).toBe(true);
    expect(platform.matches('.github/workflows/nested/ci.yml', '')).toBe(false);
    expect(platform.matches('.github/dependabot.yml', '')).toBe(false);
    expect(platform.matches('my.github/workflows/ci.yml', '')).toBe(false);
    expect(platform.matches('ci.yml', '')).toBe(false);
  });

  it('reports invalid YAML with its line and goes on', () => {
    const { docs, errors } = platform.parse([
      { path: '.github/workflows/bad.yml', text: 'on: push\njobs:\n  a:\n    steps: [\n' },
      { path: '.github/workflows/good.yml', text: 'on: push\njobs:\n  a:\n    runs-on: x\n' },
    ]);
    expect(docs.map((d) => d.path)).toEqual(['.github/workflows/good.yml']);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('.github/workflows/bad.yml');
    expect(errors[0]?.level).toBe('warning');
    expect(errors[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it('reports templated files as info', () => {
    const { docs, errors } = platform.parse([
      {
        path: '.github/workflows/t.yml',
        text: 'on: push\njobs:\n  {{ range .jobs }}\n  {{ .name }}: {}\n  {{ end }}\n',
      },
    ]);
    expect(docs).toEqual([]);
    expect(errors[0]?.level).toBe('info');
    expect(errors[0]?.message).toContain('template');
    expect(hasTemplateSyntax('run: echo ${{ github.sha }}')).toBe(false);
    expect(hasTemplateSyntax('x: {{ .Values.x }}')).toBe(true);
  });

  it('warns on a workflow that is not a mapping, skips other files silently', () => {
    const { errors } = platform.parse([
      { path: '.github/workflows/list.yml', text: '- a\n- b\n' },
      { path: 'action.yml', text: 'name: not an action\n' },
      { path: '.github/workflows/empty.yml', text: '# nothing\n' },
    ]);
    expect(errors.map((e) => [e.path, e.line, e.level])).toEqual([
      ['.github/workflows/list.yml', 1, 'warning'],
    ]);
  });

  it('skips huge files with a warning', () => {
    const { docs, errors } = platform.parse([
      { path: '.github/workflows/big.yml', text: `on: push\n${'#'.repeat(MAX_FILE_BYTES)}\n` },
    ]);
    expect(docs).toEqual([]);
    expect(errors.map((e) => [e.level, e.message.startsWith('File is too large')])).toEqual([
      ['warning', true],
    ]);
  });

  it('does not throw on unresolved aliases and odd shapes', () => {
    const { errors } = platform.parse([
      { path: '.github/workflows/a.yml', text: 'on: push\njobs:\n  a: *nope\n' },
    ]);
    expect(errors).toHaveLength(1);
    const odd = platform.parse([
      {
        path: '.github/workflows/b.yml',
        text: 'on: [push]\njobs:\n  a: 3\n  b:\n    steps: nope\n  c:\n    steps: [1, null, {run: 5}]\n',
      },
    ]);
    expect(odd.errors).toEqual([]);
    for (const check of platform.checks) for (const doc of odd.docs) check.check(doc, () => undefined);
  });

  it('reads triggers as a string, a list, a map and the YAML 1.1 `true` key', () => {
    const read = (text: string): string[] =>
      platform.parse([{ path: '.github/workflows/a.yml', text }]).docs[0]?.triggers ?? [];
    expect(read('on: push\njobs: {}\n')).toEqual(['push']);
    expect(read('on: [push, pull_request_target]\njobs: {}\n')).toEqual(['push', 'pull_request_target']);
    expect(read('on:\n  issues:\n    types: [opened]\n  workflow_run: {}\njobs: {}\n')).toEqual([
      'issues',
      'workflow_run',
    ]);
    expect(read('%YAML 1.1\n---\non:\n  pull_request_target:\njobs: {}\n')).toEqual(['pull_request_target']);
    expect(read('true: [issue_comment]\njobs: {}\n')).toEqual(['issue_comment']);
  });

  it('finds the triggers of a YAML 1.1 workflow for privileged checks', () => {
    const text = [
      '%YAML 1.1',
      '---',
      'on: pull_request_target',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          ref: ${{ github.event.pull_request.head.sha }}',
      '',
    ].join('\n');
    const found = findingsOf('iac/gha-untrusted-checkout', '.github/workflows/a.yml', text);
    expect(found.map((f) => lineOf(text, f.start))).toEqual([11]);
  });

  it('models composite actions', () => {
    const { docs } = platform.parse([
      {
        path: 'action.yml',
        text: 'name: x\ninputs:\n  who: {}\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n',
      },
    ]);
    const doc = docs[0] as GhaDoc;
    expect(doc.kind).toBe('action');
    expect(doc.jobs[0]?.steps.map((s) => s.label)).toEqual(['action step 1']);
    expect([...doc.inputs]).toEqual([['who', 'string']]);
  });

  it('points expression findings at the exact expression in block scalars', () => {
    const text = [
      'on: issues',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          echo start',
      '          echo "${{ github.event.issue.title }}" and ${{ github.event.issue.body }}',
      '      - run: >',
      '          echo',
      '          ${{ github.event.comment.body }}',
      '',
    ].join('\n');
    const found = findingsOf('iac/gha-expression-injection', '.github/workflows/a.yml', text);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([
      '${{ github.event.issue.title }}',
      '${{ github.event.issue.body }}',
      '${{ github.event.comment.body }}',
    ]);
    expect(found.map((f) => lineOf(text, f.start))).toEqual([9, 9, 12]);
    expect(found[0]?.resource).toBe('job a step 1');
  });

  it('keeps exact positions with CRLF line endings', () => {
    const text = [
      'on: issue_comment',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          echo hi',
      '          curl -fsSL https://x.example/i.sh | bash',
      '          echo "${{ github.event.comment.body }}"',
      '',
    ].join('\r\n');
    const all = findings('.github/workflows/crlf.yml', text).map(
      (f) => `${lineOf(text, f.start)} ${(f.message ?? '').split(':')[0]}`,
    );
    expect(all.sort()).toEqual(['10 iac/gha-expression-injection', '9 iac/gha-curl-pipe-shell']);
    const injection = findingsOf('iac/gha-expression-injection', '.github/workflows/crlf.yml', text)[0]!;
    expect(text.slice(injection.start, injection.end)).toBe('${{ github.event.comment.body }}');
  });

  it('all checks together on a realistic workflow', () => {
    const text = [
      'on: pull_request_target',
      'jobs:',
      '  build:',
      '    runs-on: self-hosted',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          ref: ${{ github.head_ref }}',
      '      - run: echo ${{ github.head_ref }}',
      '',
    ].join('\n');
    const ids = findings('.github/workflows/x.yml', text)
      .map((f) => `${lineOf(text, f.start)} ${(f.message ?? '').split(':')[0]}`)
      .sort();
    expect(ids).toEqual([
      '3 iac/gha-missing-permissions',
      '4 iac/gha-self-hosted-runner',
      '6 iac/gha-checkout-persist-credentials',
      '6 iac/gha-unpinned-github-action',
      '8 iac/gha-untrusted-checkout',
      '9 iac/gha-expression-injection',
    ]);
  });
});

describe('github-actions expressions', () => {
  it('finds expressions, including `}}` inside string literals', () => {
    const found = findExpressions("a ${{ x }} b ${{ format('}}{0}', y) }} ${{ unterminated", 10);
    expect(found.map((e) => e.inner.trim())).toEqual(['x', "format('}}{0}', y)"]);
    expect(found[0]?.start).toBe(12);
  });

  it('parses the expression syntax', () => {
    expect(parseExpression('github.event.pull_request.labels.*.name')).toEqual({
      kind: 'path',
      segments: ['github', 'event', 'pull_request', 'labels', '*', 'name'],
    });
    expect(parseExpression("github.event['issue'].title")).toEqual({
      kind: 'path',
      segments: ['github', 'event', 'issue', 'title'],
    });
    expect(parseExpression('steps.my-step.outputs.value')).toEqual({
      kind: 'path',
      segments: ['steps', 'my-step', 'outputs', 'value'],
    });
    expect(parseExpression('a ==')).toBeUndefined();
    expect(parseExpression("fromJSON('[1, 2]')[0]")).toEqual({
      kind: 'member',
      object: { kind: 'call', name: 'fromjson', args: [{ kind: 'literal' }] },
    });
  });

  it('evaluates taint', () => {
    const t = (text: string): Taint => taintOf(text, untrustedContext);
    expect(t('github.event.issue.title')).toBe(Taint.Value);
    expect(t('GITHUB.EVENT.ISSUE.TITLE')).toBe(Taint.Value);
    expect(t('github.event.issue')).toBe(Taint.Object);
    expect(t('toJSON(github.event.issue)')).toBe(Taint.Value);
    expect(t('toJSON(github)')).toBe(Taint.Value);
    expect(t('toJSON(github.event.issue.number)')).toBe(Taint.None);
    expect(t('github.event.issue.title == 1')).toBe(Taint.None);
    expect(t('startsWith(github.head_ref, "x")')).toBe(Taint.Value); // invalid syntax ("), judged by names
    expect(t("startsWith(github.head_ref, 'x')")).toBe(Taint.None);
    expect(t("github.event_name == 'issues' && github.event.issue.title || 'x'")).toBe(Taint.Value);
    expect(t('github.event.pages[0].page_name')).toBe(Taint.Value);
    expect(t('github.event.workflow_run.pull_requests[0].head.ref')).toBe(Taint.Value);
    expect(t('fromJSON(github.event.comment.body).cmd')).toBe(Taint.Value);
    expect(t('github.event.pull_request.head.sha')).toBe(Taint.None);
    const classify = patternClassifier(['a.*.b']);
    expect(classify(['a', 'x', 'b'])).toBe(Taint.Value);
    expect(classify(['a', '*'])).toBe(Taint.Object);
    expect(classify(['a', 'x', 'c'])).toBe(Taint.None);
  });
});

describe('github-actions helpers', () => {
  it('parses uses', () => {
    expect(parseUses('actions/checkout@v4')).toMatchObject({
      kind: 'remote',
      firstParty: true,
      pinned: false,
      ref: 'v4',
    });
    expect(parseUses('org/a/sub@8f4b7f84864484a7bf31766abe9204da3cbe65b3')).toMatchObject({
      kind: 'remote',
      pinned: true,
      name: 'org/a/sub',
    });
    expect(parseUses('org/a@8f4b7f8')).toMatchObject({ pinned: false });
    expect(parseUses('./.github/actions/x')).toMatchObject({ kind: 'local', pinned: true });
    expect(parseUses('docker://alpine:3.20')).toMatchObject({ kind: 'docker', pinned: false });
    expect(parseUses(`docker://alpine@sha256:${'a'.repeat(64)}`)).toMatchObject({
      kind: 'docker',
      pinned: true,
    });
    expect(parseUses('${{ matrix.action }}')).toMatchObject({ kind: 'unknown' });
  });

  it('detects download-and-run pipelines', () => {
    const yes = [
      'curl -fsSL https://x.sh | bash',
      'curl -s https://x | sudo -E bash -s -- --flag',
      'wget -qO- https://x | sh',
      'cd tmp && curl https://x|/bin/sh',
      'bash <(curl -s https://x)',
      'sh -c "$(curl -fsSL https://x)"',
      'eval "$(curl -fsSL https://x)"',
      'iwr https://x | iex',
      "iex ((New-Object System.Net.WebClient).DownloadString('https://x'))",
      'curl https://x | python3 -',
    ];
    const no = [
      'curl -fsSLo install.sh https://x',
      'curl -s https://x | tar xz',
      'curl -s https://x | jq .version',
      '# curl https://x | bash',
      'echo curl | bash',
      'curl https://x || bash fallback.sh',
      'echo "curl https://x | bash"',
      'bash scripts/curl-helper.sh | tee log',
      "curl -s ${{ format('{0}|{1}', a, b) }} -o out",
    ];
    for (const line of yes) expect([line, pipesDownloadToShell(line)]).toEqual([line, true]);
    for (const line of no) expect([line, pipesDownloadToShell(line)]).toEqual([line, false]);
  });

  it('joins continued lines in literal blocks and folds other scalars', () => {
    const text = 'a: |\n  curl https://x \\\n    | bash\n  echo ok\nb: >\n  one\n  two\n\n  three\n';
    const file = loadYaml('x.yml', text)[0]!;
    expect(logicalLines(file, ['a']).map((l) => [l.text, lineOf(text, l.start)])).toEqual([
      ['curl https://x  | bash', 2],
      ['echo ok', 4],
    ]);
    expect(logicalLines(file, ['b']).map((l) => [l.text, lineOf(text, l.start)])).toEqual([
      ['one two', 6],
      ['three', 9],
    ]);
  });

  it('recognises secret names and values', () => {
    for (const name of [
      'NPM_TOKEN',
      'password',
      'AWS_SECRET_ACCESS_KEY',
      'apiKey',
      'DB_PASS',
      'ssh-private-key',
      'GH_PAT',
    ])
      expect([name, isSecretName(name)]).toEqual([name, true]);
    for (const name of [
      'TOKEN_URL',
      'PASSWORD_FILE',
      'SECRET_NAME',
      'AWS_ACCESS_KEY_ID',
      'token-format',
      'KEY',
    ])
      expect([name, isSecretName(name)]).toEqual([name, false]);
    for (const value of ['s3cr3t-Val!', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'https://u:p4ss@host/x'])
      expect([value, looksLikeSecretValue(value)]).toEqual([value, true]);
    for (const value of [
      'glpat-XXXXXXXXXXXXXXXXXXXX',
      'postgres',
      'Password',
      'changeme123',
      '${{ secrets.X }}',
      '$TOKEN',
      '',
      'short1',
      'https://host/x',
      '/run/secrets/x',
      true,
      42,
    ])
      expect([value, looksLikeSecretValue(value)]).toEqual([value, false]);
  });
});
