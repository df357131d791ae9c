/** docker-compose files: one document per file, with its services (merge keys resolved). */
import type { Platform } from '../../check.js';
import { COMPOSE_CHECKS } from './checks/index.js';
import type { ComposeFile } from './model.js';
import { matchesCompose, parseCompose } from './parse.js';

export type { ComposeFile, ComposeService } from './model.js';

export const platform: Platform<ComposeFile> = {
  id: 'compose',
  title: 'docker-compose',
  matches: matchesCompose,
  parse: parseCompose,
  checks: COMPOSE_CHECKS,
};
