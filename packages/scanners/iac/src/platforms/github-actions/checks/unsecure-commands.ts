import type { IacCheck } from '../../../check.js';
import { asRecord } from '../../../yaml/load.js';
import { reportAt, valueAt, type GhaDoc, type Path } from '../model.js';
import { scriptLines } from '../shell.js';

const NAME = 'ACTIONS_ALLOW_UNSECURE_COMMANDS';

function isTrue(value: unknown): boolean {
  return (
    value === true || (typeof value === 'string' && ['true', '1', 'yes'].includes(value.trim().toLowerCase()))
  );
}

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-unsecure-commands',
    title: 'Deprecated set-env / add-path workflow commands enabled',
    severity: 'high',
    cwe: ['CWE-77', 'CWE-94'],
    description:
      '`ACTIONS_ALLOW_UNSECURE_COMMANDS: true` turns the removed `::set-env::` and `::add-path::` commands back on. With them, anything a step ' +
      'prints to its log (a file name, a test output, an issue title echoed by a script) can set environment variables such as `NODE_OPTIONS` ' +
      'or `LD_PRELOAD` or change `PATH` for every later step, which leads to code execution.',
    help: {
      bad: [
        'on: push',
        'permissions:',
        '  contents: read',
        'env:',
        '  ACTIONS_ALLOW_UNSECURE_COMMANDS: true',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: make',
        '',
      ].join('\n'),
      good: [
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: make',
        '',
      ].join('\n'),
      fix: 'Remove the variable and write to the `$GITHUB_ENV` and `$GITHUB_PATH` files instead of printing set-env/add-path commands.',
    },
    references: [
      'https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/',
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable',
    ],
    tags: ['github-actions', 'owasp:A05:2021', 'injection'],
    precision: 'high',
    platform: 'github-actions',
    checkov: ['CKV_GHA_1'],
  },
  check(doc, report) {
    const scopes: { path: Path; resource: string }[] = [{ path: ['env'], resource: 'workflow' }];
    for (const job of doc.jobs) {
      if (doc.kind === 'workflow') {
        scopes.push({ path: [...job.path, 'env'], resource: job.label });
        scopes.push({ path: [...job.path, 'container', 'env'], resource: job.label });
      }
      for (const step of job.steps) {
        scopes.push({ path: [...step.path, 'env'], resource: step.label });
        if (step.run === undefined) continue;
        for (const line of scriptLines(doc.file, [...step.path, 'run']).lines) {
          const at = line.text.indexOf(`${NAME}=`);
          if (at < 0 || line.text.trimStart().startsWith('#')) continue;
          const value = line.text.slice(at + NAME.length + 1).replace(/^["']/, '');
          if (!value.toLowerCase().startsWith('true') && !value.startsWith('1')) continue;
          report({ path: doc.path, start: line.start, end: line.end, resource: step.label });
        }
      }
    }
    for (const scope of scopes) {
      const env = asRecord(valueAt(doc.root, scope.path));
      if (!env) continue;
      for (const [key, value] of Object.entries(env))
        if (key.toUpperCase() === NAME && isTrue(value))
          reportAt(doc, report, [...scope.path, key], { resource: scope.resource });
    }
  },
};
