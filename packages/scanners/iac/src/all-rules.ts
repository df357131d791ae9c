import type { IacCheck, IacRuleMeta } from './check.js';
import { PLATFORMS } from './platforms.js';

/**
 * Every rule of the scanner, sorted by id, read from the checks themselves. Loading it loads every check
 * and parser, so the scanner definition uses the generated copy in `rule-catalog.generated.ts` instead; a
 * test keeps the two equal.
 */
export const IAC_RULES: readonly IacRuleMeta[] = PLATFORMS.flatMap((p) =>
  p.checks.map((c: IacCheck<unknown>) => c.meta),
).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
