import type { IacCheck } from '../../../check.js';
import { isPrHeadContext, PR_PRIVILEGED_TRIGGERS } from '../contexts.js';
import { contextPaths, expressionsAt, findExpressions } from '../expressions.js';
import { hasTrigger, reportAt, restrictsToSameRepo, usesAction, valueAt, type GhaDoc } from '../model.js';
import { commandName, logicalLines, maskExpressions, splitCommands, stripComment } from '../shell.js';

/** Whether a checkout input names the pull request head: a head context, or a `refs/pull/...` ref. */
function namesPrHead(doc: GhaDoc, path: readonly (string | number)[], value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value.includes('refs/pull/') || value.startsWith('pull/')) return true;
  return expressionsAt(doc.file, path).some((e) => contextPaths(e.inner).some(isPrHeadContext));
}

/** A shell command that fetches or checks out the pull request's code. */
function checksOutPr(line: string): boolean {
  const namesHead = findExpressions(line, 0).some((e) => contextPaths(e.inner).some(isPrHeadContext));
  for (const command of splitCommands(stripComment(maskExpressions(line)))) {
    const { name, rest } = commandName(command.text);
    const sub = rest[0]?.toLowerCase();
    if (name === 'gh' && sub === 'pr' && rest[1]?.toLowerCase() === 'checkout') return true;
    if (name === 'git' && (sub === 'fetch' || sub === 'checkout' || sub === 'switch' || sub === 'pull')) {
      if (
        command.text.includes('refs/pull/') ||
        rest.some((w) => w.startsWith('pull/') || w.includes(':pull/'))
      )
        return true;
      if (namesHead && command.text.includes('${{')) return true;
    }
  }
  return false;
}

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-untrusted-checkout',
    title: 'Privileged workflow checks out pull request code',
    severity: 'critical',
    cwe: ['CWE-829', 'CWE-94'],
    description:
      '`pull_request_target`, `workflow_run` and `issue_comment` workflows run in the context of the base repository, with a token that can ' +
      'write and with access to secrets, even when a fork triggered them. Checking out the pull request head (`github.event.pull_request.head.sha`, ' +
      "`refs/pull/N/head`, `gh pr checkout`) and then building, testing or installing it runs the contributor's code with those privileges " +
      '(a "pwn request"): build scripts, package manager hooks and test files are all attacker-controlled.',
    help: {
      bad: [
        'on: pull_request_target',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with:',
        '          ref: ${{ github.event.pull_request.head.sha }}',
        '      - run: npm ci && npm test',
        '',
      ].join('\n'),
      good: [
        'on: pull_request',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with:',
        '          persist-credentials: false',
        '      - run: npm ci && npm test',
        '',
      ].join('\n'),
      fix:
        'Build and test pull requests in a `pull_request` workflow (no secrets, read-only token); if results must be published with privileges, ' +
        "hand them over as artifacts to a separate `workflow_run` workflow that never executes the pull request's code.",
    },
    references: [
      'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
      'https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target',
    ],
    tags: ['github-actions', 'owasp:A08:2021', 'supply-chain'],
    precision: 'medium',
    platform: 'github-actions',
  },
  check(doc, report) {
    if (doc.kind !== 'workflow' || !hasTrigger(doc, PR_PRIVILEGED_TRIGGERS)) return;
    const trigger = doc.triggers.find((t) => PR_PRIVILEGED_TRIGGERS.includes(t)) ?? '';
    for (const job of doc.jobs) {
      if (restrictsToSameRepo(job.value.if)) continue;
      for (const step of job.steps) {
        if (restrictsToSameRepo(step.value.if)) continue;
        if (usesAction(step, 'actions/checkout')) {
          for (const input of ['ref', 'repository']) {
            const path = [...step.path, 'with', input];
            if (!namesPrHead(doc, path, valueAt(doc.root, path))) continue;
            reportAt(doc, report, path, {
              resource: step.label,
              message: `A \`${trigger}\` workflow checks out the pull request head with actions/checkout \`${input}:\``,
            });
            break;
          }
        }
        if (step.run !== undefined)
          for (const line of logicalLines(doc.file, [...step.path, 'run'])) {
            if (!checksOutPr(line.text)) continue;
            report({
              path: doc.path,
              start: line.start,
              end: line.lines[0]?.end ?? line.end,
              resource: step.label,
              message: `A \`${trigger}\` workflow fetches the pull request's code in a run step`,
            });
          }
      }
    }
  },
};
