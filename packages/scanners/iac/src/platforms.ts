/**
 * The registry of IaC platforms: one entry per folder under `src/platforms/`. A test keeps this list and
 * the folders in sync.
 */
import type { Platform } from './check.js';
import { platform as compose } from './platforms/compose/index.js';
import { platform as dockerfile } from './platforms/dockerfile/index.js';
import { platform as githubActions } from './platforms/github-actions/index.js';
import { platform as gitlabCi } from './platforms/gitlab-ci/index.js';
import { platform as kubernetes } from './platforms/kubernetes/index.js';
import { platform as terraform } from './platforms/terraform/index.js';

// Each platform's document type differs; the registry only needs the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous document types, checked per platform
export const PLATFORMS: readonly Platform<any>[] = [
  dockerfile,
  kubernetes,
  compose,
  terraform,
  githubActions,
  gitlabCi,
];
