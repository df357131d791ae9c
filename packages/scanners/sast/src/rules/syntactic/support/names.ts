import { inVocabulary, words } from './util.js';

/**
 * The terms of a name: its words plus each pair of adjacent words joined (`ETag` → e, tag, etag;
 * `apiKey` → api, key, apikey; `check_sum` → check, sum, checksum), so vocabularies can hold compound
 * words whatever the casing style.
 */
export function terms(name: string): string[] {
  const parts = words(name);
  const out = [...parts];
  for (let i = 0; i + 1 < parts.length; i++) out.push(parts[i]! + parts[i + 1]!);
  return out;
}

/** The first term of `name` found in `vocabulary` (plurals accepted), else undefined. */
export function matchTerm(name: string, vocabulary: ReadonlySet<string>): string | undefined {
  return terms(name).find((term) => inVocabulary(term, vocabulary));
}
