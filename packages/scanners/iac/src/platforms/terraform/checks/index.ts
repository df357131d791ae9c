import type { IacCheck } from '../../../check.js';
import type { TfProject } from '../model.js';
import { AWS_CHECKS } from './aws/index.js';
import { AZURE_CHECKS } from './azure/index.js';
import { GCP_CHECKS } from './gcp/index.js';

export const TERRAFORM_CHECKS: readonly IacCheck<TfProject>[] = [
  ...AWS_CHECKS,
  ...GCP_CHECKS,
  ...AZURE_CHECKS,
];
