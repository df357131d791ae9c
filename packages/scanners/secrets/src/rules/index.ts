import type { SecretRule } from '../secret-rule.js';
import { AWS_RULES } from './aws.js';
import { DATABASE_RULES } from './database.js';
import { GENERIC_RULES } from './generic.js';
import { GITHUB_RULES } from './github.js';
import { GITLAB_RULES } from './gitlab.js';
import { NPM_RULES } from './npm.js';
import { PRIVATE_KEY_RULES } from './private-key.js';
import { SLACK_RULES } from './slack.js';
import { STRIPE_RULES } from './stripe.js';

/** The registry: every rule of the scanner. A test checks that each file in this folder is listed. */
export const RULES: readonly SecretRule[] = [
  ...AWS_RULES,
  ...DATABASE_RULES,
  ...GITHUB_RULES,
  ...GITLAB_RULES,
  ...NPM_RULES,
  ...PRIVATE_KEY_RULES,
  ...SLACK_RULES,
  ...STRIPE_RULES,
  ...GENERIC_RULES,
];
