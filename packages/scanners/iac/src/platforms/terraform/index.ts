/**
 * The Terraform platform: `.tf` and `.tfvars` files, parsed by the HCL parser in `hcl/`, grouped by directory
 * into modules and evaluated (`project.ts`) into one `TfProject` per root module, which the checks query.
 */
import type { Platform } from '../../check.js';
import { TERRAFORM_CHECKS } from './checks/index.js';
import type { TfProject } from './model.js';
import { parseFiles } from './parse.js';
import { buildProjects } from './project.js';

export const platform: Platform<TfProject> = {
  id: 'terraform',
  title: 'Terraform',
  matches: (path) => path.endsWith('.tf') || path.endsWith('.tfvars'),
  parse(files) {
    const { parsed, errors } = parseFiles(files);
    const built = buildProjects(parsed);
    return { docs: built.projects, errors: [...errors, ...built.errors] };
  },
  checks: TERRAFORM_CHECKS,
};
