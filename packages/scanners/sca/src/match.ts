import type { Severity } from '@rampart/core/model';
import { baseScore, toRampartSeverity } from './cvss/index.js';
import { groupAliases, normalizeName, type AdvisoryCandidate, type AdvisoryDb } from './db/index.js';
import type { Component } from './model.js';
import type { OsvAffected, OsvRecord } from './osv.js';
import { fixedVersions, isAffected, nearestFixed } from './versions/index.js';

/** One vulnerable component: the same flaw known under several ids (CVE, GHSA, PYSEC...) is one match. */
export interface VulnerabilityMatch {
  component: Component;
  /** The id shown to users: a GHSA or the ecosystem database's id before a CVE, see `primaryId`. */
  id: string;
  /** Every advisory id in the group, sorted. */
  advisoryIds: string[];
  /** Every other name of the flaw (CVE...), sorted, without the advisory ids. */
  aliases: string[];
  /** A stable key for the flaw, used in fingerprints: the smallest CVE, else the smallest id. */
  key: string;
  summary: string;
  severity: Severity;
  /** Highest CVSS base score in the group, when a vector is given. */
  score?: number;
  /** The CVSS vector that gave `score`. */
  vector?: string;
  /** The smallest fixed version above the installed one on its line, if any. */
  nearestFixed?: string;
  /** Every fixed version the advisories give, sorted by the ecosystem's order. */
  fixedVersions: string[];
  malicious: boolean;
  /** Related web links: the advisories' own pages first. */
  references: string[];
}

const ID_PREFERENCE = ['GHSA-', 'RUSTSEC-', 'GO-', 'PYSEC-', 'MAL-', 'CVE-'];

function idRank(id: string): number {
  const rank = ID_PREFERENCE.findIndex((prefix) => id.startsWith(prefix));
  return rank === -1 ? ID_PREFERENCE.length : rank;
}

function byRankThenName(a: string, b: string): number {
  return idRank(a) - idRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

const GHSA_SEVERITY: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
};

/** Severity and score of a CVSS vector, or undefined when it is invalid; cached, as many records share one. */
const vectorScores = new Map<string, { severity: Severity; score: number } | undefined>();

function scoreVector(vector: string): { severity: Severity; score: number } | undefined {
  if (vectorScores.has(vector)) return vectorScores.get(vector);
  let scored: { severity: Severity; score: number } | undefined;
  try {
    const score = baseScore(vector);
    scored = { severity: toRampartSeverity(score, vector), score };
  } catch {
    scored = undefined;
  }
  if (vectorScores.size >= 10_000) vectorScores.clear();
  vectorScores.set(vector, scored);
  return scored;
}

/** Severity and score of one record: CVSS v4 over v3 over v2 (package-level first), then the database's label. */
export function recordSeverity(record: OsvRecord): { severity?: Severity; score?: number; vector?: string } {
  const vectors = [...(record.affected ?? []).flatMap((a) => a.severity ?? []), ...(record.severity ?? [])];
  for (const type of ['CVSS_V4', 'CVSS_V3', 'CVSS_V2']) {
    for (const entry of vectors) {
      if (entry.type !== type) continue;
      // An invalid vector is ignored: the next one, or the database's label, decides.
      const scored = scoreVector(entry.score);
      if (scored) return { severity: scored.severity, score: scored.score, vector: entry.score };
    }
  }
  const label = record.database_specific?.severity;
  if (typeof label === 'string' && GHSA_SEVERITY[label.toUpperCase()])
    return { severity: GHSA_SEVERITY[label.toUpperCase()] };
  return {};
}

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * The affected entries that name this component's package (and its release, for OS packages);
 * `wanted` is the component's normalised name.
 */
function affectedFor(entries: readonly OsvAffected[], component: Component, wanted: string): OsvAffected[] {
  return entries.filter((a) => {
    if (!a.package) return false;
    const [base, release] = a.package.ecosystem.split(':');
    if (base !== component.ecosystem) return false;
    if (release !== undefined && a.package.ecosystem !== component.ecosystemVariant) return false;
    return normalizeName(component.ecosystem, a.package.name) === wanted;
  });
}

/**
 * Match components against the advisory database. Only names present in the components are looked
 * up, version ranges are evaluated on the stored affected entries, and whole records are decoded only
 * for advisories that apply. Components without a known version, and first-party ones, are skipped.
 */
export function matchComponents(components: readonly Component[], db: AdvisoryDb): VulnerabilityMatch[] {
  const namesByEcosystem = new Map<string, Set<string>>();
  for (const c of components) {
    if (!c.version || c.firstParty) continue;
    const key = c.ecosystemVariant ?? c.ecosystem;
    let names = namesByEcosystem.get(key);
    if (!names) namesByEcosystem.set(key, (names = new Set()));
    names.add(c.name);
  }
  const candidates = new Map<string, Map<string, AdvisoryCandidate[]>>();
  for (const [ecosystem, names] of namesByEcosystem)
    candidates.set(ecosystem, db.candidates(ecosystem, names));

  const hitsByComponent: { component: Component; hits: Map<string, OsvAffected[]> }[] = [];
  const hitIds = new Set<string>();
  for (const component of components) {
    if (!component.version || component.firstParty) continue;
    const wanted = normalizeName(component.ecosystem, component.name);
    const found = candidates.get(component.ecosystemVariant ?? component.ecosystem)?.get(wanted);
    if (!found) continue;
    let hits: Map<string, OsvAffected[]> | undefined;
    for (const candidate of found) {
      const entries = affectedFor(candidate.affected, component, wanted);
      if (entries.some((a) => affects(component, a))) {
        (hits ??= new Map()).set(candidate.id, entries);
        hitIds.add(candidate.id);
      }
    }
    if (hits) hitsByComponent.push({ component, hits });
  }
  const records = db.recordsById(hitIds);

  const matches: VulnerabilityMatch[] = [];
  for (const { component, hits } of hitsByComponent) {
    const hitRecords = [...hits.keys()].flatMap((id) => records.get(id) ?? []);
    for (const group of groupAliases(hitRecords)) {
      matches.push(
        toMatch(
          component,
          group,
          group.flatMap((r) => hits.get(r.id) ?? []),
        ),
      );
    }
  }
  return matches;
}

/** Range evaluation that never throws: a version the ecosystem cannot order matches nothing. */
function affects(component: Component, affected: OsvAffected): boolean {
  try {
    return isAffected(component.ecosystem, component.version, affected);
  } catch {
    return false;
  }
}

function toMatch(component: Component, group: OsvRecord[], affected: OsvAffected[]): VulnerabilityMatch {
  const ids = [...new Set(group.map((r) => r.id))].sort(byRankThenName);
  const idSet = new Set(ids);
  const aliases = [...new Set(group.flatMap((r) => r.aliases ?? []))].filter((a) => !idSet.has(a)).sort();
  const all = [...ids, ...aliases];
  const cves = all.filter((id) => id.startsWith('CVE-')).sort();
  const malicious = all.some((id) => id.startsWith('MAL-'));
  let best: ReturnType<typeof recordSeverity> = {};
  for (const record of group) {
    const s = recordSeverity(record);
    if (
      s.severity &&
      (!best.severity ||
        SEVERITY_ORDER.indexOf(s.severity) < SEVERITY_ORDER.indexOf(best.severity) ||
        (s.severity === best.severity && (s.score ?? 0) > (best.score ?? 0)))
    )
      best = s;
  }
  const primary = group.find((r) => r.id === ids[0])!;
  const summary =
    primary.summary ??
    group.find((r) => r.summary)?.summary ??
    firstSentence(primary.details) ??
    `known vulnerability ${ids[0]!}`;
  const match: VulnerabilityMatch = {
    component,
    id: ids[0]!,
    advisoryIds: [...ids].sort(),
    aliases,
    key: cves[0] ?? [...ids].sort()[0]!,
    summary,
    severity: malicious ? 'critical' : (best.severity ?? 'medium'),
    fixedVersions: safely(() => fixedVersions(component.ecosystem, affected), []),
    malicious,
    references: references(group),
  };
  if (best.score !== undefined) match.score = best.score;
  if (best.vector !== undefined) match.vector = best.vector;
  const nearest = safely(() => nearestFixed(component.ecosystem, component.version, affected), undefined);
  if (nearest !== undefined) match.nearestFixed = nearest;
  return match;
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const line = text.trim().split('\n')[0]!.trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line || undefined;
}

function references(group: readonly OsvRecord[]): string[] {
  const urls: string[] = [];
  for (const type of ['ADVISORY', 'FIX', 'REPORT', 'WEB', 'PACKAGE', 'ARTICLE'])
    for (const record of group)
      for (const ref of record.references ?? [])
        if (ref.type === type && !urls.includes(ref.url)) urls.push(ref.url);
  return urls.slice(0, 8);
}
