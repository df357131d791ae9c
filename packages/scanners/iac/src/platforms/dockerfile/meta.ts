/** Shared metadata helpers for Dockerfile checks. */
import type { IacRuleMeta } from '../../check.js';

/** Fills the platform and the `dockerfile` tag. */
export function dockerRule(meta: Omit<IacRuleMeta, 'platform'>): IacRuleMeta {
  return { ...meta, platform: 'dockerfile', tags: ['dockerfile', ...(meta.tags ?? [])] };
}

export const DOCKERFILE_REFERENCE = 'https://docs.docker.com/reference/dockerfile/';
export const BEST_PRACTICES = 'https://docs.docker.com/build/building/best-practices/';
export const OWASP_DOCKER = 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html';
export const MISCONFIGURATION = 'owasp:A05:2021';
export const INTEGRITY = 'owasp:A08:2021';
export const CRYPTO = 'owasp:A02:2021';
export const COMPONENTS = 'owasp:A06:2021';
export const AUTH = 'owasp:A07:2021';
