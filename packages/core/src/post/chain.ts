import { compareFindings, type Finding, type SuppressedFinding } from '../finding.js';
import type { CandidateFinding } from '../pipeline/process-file.js';
import { finalFingerprint } from './fingerprint.js';

/** Drop exact duplicates: the same rule at the same range of the same file. */
export function dedupe(findings: readonly CandidateFinding[]): CandidateFinding[] {
  const seen = new Set<string>();
  const out: CandidateFinding[] = [];
  for (const f of [...findings].sort(compareFindings)) {
    const l = f.location;
    const key = `${f.ruleId}\0${l.path}\0${l.startLine}:${l.startColumn}-${l.endLine}:${l.endColumn}\0${f.fingerprint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/**
 * Turn base hashes into final fingerprints: identical matches in one file get occurrence 0, 1, 2...
 * in position order. Expects findings sorted (dedupe sorts).
 */
export function assignFingerprints(findings: CandidateFinding[]): CandidateFinding[] {
  const occurrences = new Map<string, number>();
  return findings.map((f) => {
    const n = occurrences.get(f.fingerprint) ?? 0;
    occurrences.set(f.fingerprint, n + 1);
    return { ...f, fingerprint: finalFingerprint(f.fingerprint, n) };
  });
}

/** Split candidates into open findings and inline-suppressed ones. */
export function splitInline(findings: readonly CandidateFinding[]): {
  open: Finding[];
  suppressed: SuppressedFinding[];
} {
  const open: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    if (f.suppression) suppressed.push(f as SuppressedFinding);
    else {
      const { suppression: _ignored, ...finding } = f;
      open.push(finding);
    }
  }
  return { open, suppressed };
}
