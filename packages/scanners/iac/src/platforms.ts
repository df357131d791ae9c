/**
 * The registry of IaC platforms: one entry per folder under `src/platforms/`. A test keeps this list and
 * the folders in sync.
 */
import type { Platform } from './check.js';
import { platform as githubActions } from './platforms/github-actions/index.js';
import { platform as gitlabCi } from './platforms/gitlab-ci/index.js';

// Each platform's document type differs; the registry only needs the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous document types, checked per platform
export const PLATFORMS: readonly Platform<any>[] = [githubActions, gitlabCi];
