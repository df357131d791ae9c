/**
 * The Dockerfile platform: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile` and `Containerfile`
 * (case-insensitive), parsed with positions (`parse.ts`) and checked by `checks/`.
 */
import type { Platform } from '../../check.js';
import { DOCKERFILE_CHECKS } from './checks/index.js';
import type { DockerDocument } from './model.js';
import { matchesDockerfile, parse } from './parse.js';

export type { DockerDocument } from './model.js';

export const platform: Platform<DockerDocument> = {
  id: 'dockerfile',
  title: 'Dockerfile',
  matches: matchesDockerfile,
  parse,
  checks: DOCKERFILE_CHECKS,
};
