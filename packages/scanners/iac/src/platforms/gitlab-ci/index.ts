/**
 * GitLab CI: `.gitlab-ci.yml`, `*.gitlab-ci.yml` and YAML files under `.gitlab/ci/`. Checks cover hard-coded
 * secrets, unpinned includes and images, Docker-in-Docker without TLS, unverified downloads run as scripts,
 * untrusted commit and merge request data evaluated as code, and weakened security jobs.
 */
import type { Platform } from '../../check.js';
import { parseYamlFiles } from '../github-actions/yaml-files.js';
import { GITLAB_CHECKS } from './checks/index.js';
import { buildGitlabDoc, isGitlabCiPath, type GitlabDoc } from './model.js';

export type { GitlabDoc, GitlabJob } from './model.js';

export const platform: Platform<GitlabDoc> = {
  id: 'gitlab-ci',
  title: 'GitLab CI',
  matches(path) {
    return isGitlabCiPath(path);
  },
  parse(files) {
    return parseYamlFiles(
      files,
      buildGitlabDoc,
      'render the template, then scan the generated .gitlab-ci.yml',
    );
  },
  checks: GITLAB_CHECKS,
};
