import type { IacCheck } from '../../../check.js';
import { untrustedContext } from '../contexts.js';
import { expressionsAt, expressionText, taintOf, Taint, type Classifier } from '../expressions.js';
import { stepScripts, withEnv, type GhaDoc } from '../model.js';

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-input-injection',
    title: 'Workflow or action input expanded into a script',
    severity: 'low',
    cwe: ['CWE-78', 'CWE-94'],
    description:
      'String inputs of `workflow_dispatch`, reusable workflows (`workflow_call`) and composite actions are written directly into a `run:` ' +
      'script when used as `${{ inputs.name }}`. Whoever supplies the input (a user with write access, a calling workflow that forwards a pull ' +
      'request title) can then inject shell commands. Typed inputs (boolean, number, choice) cannot carry arbitrary text and are not reported.',
    help: {
      bad: [
        'on:',
        '  workflow_dispatch:',
        '    inputs:',
        '      version:',
        '        type: string',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: ./release.sh "${{ inputs.version }}"',
        '',
      ].join('\n'),
      good: [
        'on:',
        '  workflow_dispatch:',
        '    inputs:',
        '      version:',
        '        type: string',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: ./release.sh "$VERSION"',
        '        env:',
        '          VERSION: ${{ inputs.version }}',
        '',
      ].join('\n'),
      fix: 'Pass the input through `env:` and use the shell variable, or declare it with a restrictive type (`choice`, `boolean`, `number`).',
    },
    references: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections',
      'https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#inputs',
    ],
    tags: ['github-actions', 'owasp:A03:2021', 'injection'],
    precision: 'medium',
    platform: 'github-actions',
  },
  check(doc, report) {
    if (doc.inputs.size === 0) return;
    const inputs: Classifier = (segments) => {
      let name: string | undefined;
      if (segments[0] === 'inputs' && segments.length === 2) name = segments[1];
      else if (
        segments[0] === 'github' &&
        segments[1] === 'event' &&
        segments[2] === 'inputs' &&
        segments.length === 4
      )
        name = segments[3];
      return name !== undefined && doc.inputs.get(name) === 'string' ? Taint.Value : Taint.None;
    };
    for (const job of doc.jobs)
      for (const step of job.steps) {
        const untrusted = withEnv(doc, job, step, untrustedContext);
        const classify = withEnv(doc, job, step, inputs);
        for (const script of stepScripts(step))
          for (const expression of expressionsAt(doc.file, script.path)) {
            if (taintOf(expression.inner, untrusted) === Taint.Value) continue;
            if (taintOf(expression.inner, classify) !== Taint.Value) continue;
            report({
              path: doc.path,
              start: expression.start,
              end: expression.end,
              resource: step.label,
              message: `String input \`${expressionText(expression)}\` is expanded into ${script.kind === 'run' ? 'a shell script' : 'a github-script script'}`,
            });
          }
      }
  },
};
