/**
 * GitHub Actions: workflows under `.github/workflows/` and composite actions (`action.yml`). Checks cover
 * script injection from untrusted event data, pull request code run with privileges, unpinned actions,
 * token permissions, secrets handling and runner exposure.
 */
import type { Platform } from '../../check.js';
import { GHA_CHECKS } from './checks/index.js';
import { buildGhaDoc, isActionPath, isWorkflowPath, type GhaDoc } from './model.js';
import { parseYamlFiles } from './yaml-files.js';

export type { GhaDoc, GhaJob, GhaStep } from './model.js';

export const platform: Platform<GhaDoc> = {
  id: 'github-actions',
  title: 'GitHub Actions',
  matches(path) {
    return isWorkflowPath(path) || isActionPath(path);
  },
  parse(files) {
    return parseYamlFiles(files, buildGhaDoc, 'render the template, then scan the generated workflow');
  },
  checks: GHA_CHECKS,
};
