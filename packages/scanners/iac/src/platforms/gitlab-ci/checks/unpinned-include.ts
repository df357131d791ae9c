import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { reportAt, type GitlabDoc, type Path } from '../model.js';

function isSha(text: string): boolean {
  return /^[0-9a-f]{40}$/i.test(text);
}

/** A tag-like version (`v1.2.3`, `1.4`, `2`): accepted as a pin, unlike a branch name. */
function isVersion(text: string): boolean {
  const body = text.startsWith('v') || text.startsWith('V') ? text.slice(1) : text;
  return body.length > 0 && body[0] !== undefined && body[0] >= '0' && body[0] <= '9';
}

/** Whether a URL contains a full commit SHA as a path segment (`/-/raw/<sha>/ci.yml`). */
function urlPinned(url: string): boolean {
  return url.split(/[/?=&]/).some(isSha);
}

export const check: IacCheck<GitlabDoc> = {
  meta: {
    id: 'iac/gitlab-unpinned-include',
    title: 'Included CI configuration is not pinned',
    severity: 'medium',
    cwe: ['CWE-829', 'CWE-494'],
    description:
      '`include:` pulls pipeline configuration from elsewhere at every run. A `remote:` URL, a `project:` without `ref:` (its default branch) ' +
      'or a branch ref, and a `component:` at `~latest` or a branch all run whatever is there now: whoever can change that file or host can ' +
      "add jobs that read this project's CI/CD variables and deploy credentials.",
    help: {
      bad: ['include:', '  - project: platform/ci-templates', '    file: /templates/build.yml', ''].join(
        '\n',
      ),
      good: [
        'include:',
        '  - project: platform/ci-templates',
        '    ref: v2.3.1',
        '    file: /templates/build.yml',
        '',
      ].join('\n'),
      fix:
        'Pin `project:` includes with `ref:` set to a commit SHA or release tag, components to a released version, and add `integrity:` to ' +
        'remote includes (or vendor the file into the repository).',
    },
    references: [
      'https://docs.gitlab.com/ee/ci/yaml/#include',
      'https://docs.gitlab.com/ee/ci/yaml/includes.html',
    ],
    tags: ['gitlab-ci', 'owasp:A08:2021', 'supply-chain'],
    precision: 'high',
    platform: 'gitlab-ci',
  },
  check(doc, report) {
    const raw = doc.root.include;
    const items: { value: unknown; path: Path }[] = Array.isArray(raw)
      ? asArray(raw).map((value, i) => ({ value, path: ['include', i] }))
      : raw === undefined
        ? []
        : [{ value: raw, path: ['include'] }];
    for (const { value, path } of items) {
      if (typeof value === 'string') {
        const url = value.trim();
        if ((url.startsWith('https://') || url.startsWith('http://')) && !urlPinned(url))
          reportAt(doc, report, path, {
            resource: 'include',
            message: `Remote include \`${url}\` is fetched unpinned at every run`,
          });
        continue;
      }
      const map = asRecord(value);
      if (!map) continue;
      if (typeof map.remote === 'string') {
        if (map.integrity === undefined && !urlPinned(map.remote))
          reportAt(doc, report, [...path, 'remote'], {
            resource: 'include',
            message: `Remote include \`${map.remote}\` has no \`integrity:\` hash and is fetched at every run`,
          });
      } else if (typeof map.project === 'string') {
        const ref = map.ref;
        if (ref === undefined)
          reportAt(doc, report, [...path, 'project'], {
            resource: 'include',
            message: `Include from \`${map.project}\` has no \`ref:\` and follows its default branch`,
          });
        else if (
          typeof ref === 'string' &&
          !ref.includes('$') &&
          !isSha(ref.trim()) &&
          !isVersion(ref.trim())
        )
          reportAt(doc, report, [...path, 'ref'], {
            resource: 'include',
            message: `Include from \`${map.project}\` follows the branch \`${ref}\``,
          });
      } else if (typeof map.component === 'string') {
        const component = map.component.trim();
        const at = component.lastIndexOf('@');
        const version = at < 0 ? '' : component.slice(at + 1);
        if (version.includes('$')) continue;
        if (version === '' || version === '~latest' || (!isSha(version) && !isVersion(version)))
          reportAt(doc, report, [...path, 'component'], {
            resource: 'include',
            message:
              version === ''
                ? `Component \`${component}\` has no version`
                : `Component \`${component}\` is not pinned to a release`,
          });
      }
    }
  },
};
