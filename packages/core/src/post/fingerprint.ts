import { createHash } from 'node:crypto';

/**
 * Content-based fingerprints. The base hash covers the rule, the path and the matched text with
 * whitespace collapsed (plus a scanner-given key), never the line number: a finding keeps its
 * fingerprint when lines above it move. Identical matches in one file are told apart by their order
 * (see `assignOccurrences`).
 */
export function baseFingerprint(ruleId: string, path: string, matchedText: string, key = ''): string {
  const normalized = matchedText.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${ruleId}\0${path}\0${normalized}\0${key}`).digest('hex');
}

/** The final fingerprint: the base hash and its occurrence index, 32 hex characters. */
export function finalFingerprint(base: string, occurrence: number): string {
  return createHash('sha256').update(`${base}:${occurrence}`).digest('hex').slice(0, 32);
}
