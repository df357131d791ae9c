import type { IacCheck } from '../../../check.js';
import { PRIVILEGED_TRIGGERS, untrustedContext } from '../contexts.js';
import { hasTrigger, taintedEnvNames, type GhaDoc } from '../model.js';
import { scriptLines, type ScriptLine } from '../shell.js';

function isIdentChar(c: string | undefined): boolean {
  return (
    c !== undefined &&
    ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_')
  );
}

/** Whether the line refers to the shell variable (`$NAME`, `${NAME}`, `${NAME:-x}`, PowerShell `$env:NAME`). */
function refersTo(line: string, name: string): boolean {
  for (const prefix of ['$', '${', '$env:', '$Env:', '$ENV:']) {
    const needle = prefix + name;
    for (let i = line.indexOf(needle); i >= 0; i = line.indexOf(needle, i + 1)) {
      if (prefix === '$' && line[i + 1] === '{') continue;
      if (!isIdentChar(line[i + needle.length])) return true;
    }
  }
  return false;
}

/** Whether a line appends to the file behind `$GITHUB_ENV` or `$GITHUB_PATH`. */
function writesEnvFile(line: string): boolean {
  const lower = line.toLowerCase();
  const target = [
    '$github_env',
    '${github_env}',
    '$env:github_env',
    '$github_path',
    '${github_path}',
    '$env:github_path',
  ].some((t) => lower.includes(t));
  if (!target) return false;
  return (
    line.includes('>') ||
    lower.includes('tee ') ||
    lower.includes('out-file') ||
    lower.includes('add-content') ||
    lower.includes('set-content')
  );
}

/** The here-document that starts on a line: its delimiter and whether it expands variables (unquoted delimiter). */
function hereDocument(line: string): { delimiter: string; expands: boolean } | undefined {
  const at = line.indexOf('<<');
  if (at < 0 || line[at + 2] === '<') return undefined;
  let rest = line.slice(at + 2);
  if (rest.startsWith('-') || rest.startsWith('~')) rest = rest.slice(1);
  rest = rest.trimStart();
  const quoted = rest.startsWith("'") || rest.startsWith('"');
  const word = (rest.split(/[\s;|&>)]/)[0] ?? '').replace(/["']/g, '');
  if (word === '') return undefined;
  return { delimiter: word, expands: !quoted };
}

export const check: IacCheck<GhaDoc> = {
  meta: {
    id: 'iac/gha-untrusted-env-write',
    title: 'Untrusted input written to GITHUB_ENV in a privileged workflow',
    severity: 'high',
    cwe: ['CWE-94', 'CWE-15'],
    description:
      'Lines appended to `$GITHUB_ENV` (or `$GITHUB_PATH`) become environment variables (or PATH entries) of every later step. When the value ' +
      'comes from an issue, comment, pull request title, branch name or commit message, a newline in it lets the author add their own ' +
      'variables, such as `NODE_OPTIONS=--require=...`, `LD_PRELOAD` or `BASH_ENV`, and run code in later steps. Passing the value through ' +
      '`env:` avoids script injection but not this. In workflows started by outsiders with a write token and secrets, that is a takeover.',
    help: {
      bad: [
        'on: pull_request_target',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - env:',
        '          BRANCH: ${{ github.event.pull_request.head.ref }}',
        '        run: |',
        '          echo "PR_BRANCH=$BRANCH" >> "$GITHUB_ENV"',
        '      - run: ./scripts/report.sh',
        '',
      ].join('\n'),
      good: [
        'on: pull_request_target',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      PR_BRANCH: ${{ github.event.pull_request.head.ref }}',
        '    steps:',
        '      - run: ./scripts/report.sh',
        '',
      ].join('\n'),
      fix:
        'Set the variable with `env:` on the steps that need it instead of writing it to `$GITHUB_ENV`; if it must go through the file, strip ' +
        'newlines and validate the value first.',
    },
    references: [
      'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable',
      'https://securitylab.github.com/resources/github-actions-new-patterns-and-mitigations/',
    ],
    tags: ['github-actions', 'owasp:A03:2021', 'injection'],
    precision: 'high',
    platform: 'github-actions',
  },
  check(doc, report) {
    if (doc.kind !== 'workflow' || !hasTrigger(doc, PRIVILEGED_TRIGGERS)) return;
    for (const job of doc.jobs)
      for (const step of job.steps) {
        if (step.run === undefined) continue;
        const tainted = [...taintedEnvNames(doc, job, step, untrustedContext)].sort();
        if (tainted.length === 0) continue;
        const lines = scriptLines(doc.file, [...step.path, 'run']).lines;
        const flag = (line: ScriptLine): void => {
          const name = tainted.find((n) => refersTo(line.text, n));
          if (name === undefined) return;
          report({
            path: doc.path,
            start: line.start,
            end: line.end,
            resource: step.label,
            message: `Untrusted \`$${name}\` is written to the environment file of later steps`,
          });
        };
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i];
          if (!line || line.text.startsWith('#') || !writesEnvFile(line.text)) continue;
          flag(line);
          const here = hereDocument(line.text);
          if (!here) continue;
          for (i++; i < lines.length; i++) {
            const body = lines[i];
            if (!body || body.text === here.delimiter) break;
            if (here.expands) flag(body);
          }
        }
      }
  },
};
