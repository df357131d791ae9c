import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { FORK_TRIGGERS } from '../contexts.js';
import { hasTrigger, reportAt, restrictsToSameRepo, type GhaJob, type GhaDoc } from '../model.js';

function isSelfHostedLabel(value: unknown): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === 'self-hosted';
}

/** Literal values a `${{ matrix.NAME }}` can take, from `strategy.matrix.NAME` and `include` entries. */
function matrixValues(job: GhaJob, name: string): unknown[] {
  const matrix = asRecord(asRecord(job.value.strategy)?.matrix);
  if (!matrix) return [];
  const out: unknown[] = [];
  for (const [key, values] of Object.entries(matrix))
    if (key.toLowerCase() === name) out.push(...asArray(values));
  for (const entry of asArray(matrix.include)) {
    const record = asRecord(entry);
    if (!record) continue;
    for (const [key, value] of Object.entries(record)) if (key.toLowerCase() === name) out.push(value);
  }
  return out;
}

/** Whether a `runs-on` value (string, list of labels, `{ labels }`, or a matrix variable) selects self-hosted runners. */
function selectsSelfHosted(job: GhaJob, runsOn: unknown, depth = 0): boolean {
  if (isSelfHostedLabel(runsOn)) return true;
  if (Array.isArray(runsOn)) return runsOn.some(isSelfHostedLabel);
  const map = asRecord(runsOn);
  if (map) {
    const labels = map.labels;
    return isSelfHostedLabel(labels) || asArray(labels).some(isSelfHostedLabel);
  }
  if (typeof runsOn === 'string' && depth === 0) {
    const text = runsOn.trim();
    if (!text.startsWith('${{') || !text.endsWith('}}')) return false;
    const inner = text.slice(3, -2).trim().toLowerCase();
    if (!inner.startsWith('matrix.')) return false;
    const name = inner.slice('matrix.'.length);
    if (name === '' || !/^[a-z0-9_-]+$/.test(name)) return false;
    return matrixValues(job, name).some((value) => selectsSelfHosted(job, value, depth + 1));
  }
  return false;
}

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-self-hosted-runner',
    title: 'Self-hosted runner used by a workflow that forks can trigger',
    severity: 'medium',
    cwe: ['CWE-829'],
    description:
      'In a public repository, pull requests and comments from anyone can start `pull_request`, `pull_request_target` and `issue_comment` ' +
      'workflows. On a self-hosted runner their code runs on your machine, which is usually not wiped between jobs: it can persist, read other ' +
      "jobs' secrets and caches, and reach the internal network the runner sits in.",
    help: {
      bad: [
        'on: pull_request',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  test:',
        '    runs-on: [self-hosted, linux]',
        '    steps:',
        '      - run: make test',
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
        '      - run: make test',
        '',
      ].join('\n'),
      fix:
        'Run fork-triggered workflows on GitHub-hosted runners, or on ephemeral, isolated self-hosted runners with "Require approval for all ' +
        'outside collaborators" enabled; keep persistent self-hosted runners for trusted events such as `push`.',
    },
    references: [
      'https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security',
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#hardening-for-self-hosted-runners',
    ],
    tags: ['github-actions', 'owasp:A05:2021'],
    precision: 'medium',
    platform: 'github-actions',
  },
  check(doc, report) {
    if (doc.kind !== 'workflow' || !hasTrigger(doc, FORK_TRIGGERS)) return;
    const trigger = doc.triggers.find((t) => FORK_TRIGGERS.includes(t)) ?? '';
    for (const job of doc.jobs) {
      if (restrictsToSameRepo(job.value.if) || !selectsSelfHosted(job, job.value['runs-on'])) continue;
      const labels = asRecord(job.value['runs-on']) ? ['labels'] : [];
      reportAt(doc, report, [...job.path, 'runs-on', ...labels], {
        resource: job.label,
        message: `Job \`${job.id}\` runs on a self-hosted runner in a workflow triggered by \`${trigger}\``,
      });
    }
  },
};
