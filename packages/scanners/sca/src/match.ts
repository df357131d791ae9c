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
    if (!ecosystemMatches(a.package.ecosystem, component)) return false;
    return normalizeName(component.ecosystem, a.package.name) === wanted;
  });
}

/** Names looked up at a time: one query, and the candidates of one chunk alive at a time. */
const NAMES_PER_LOOKUP = 500;
/** Vulnerable components whose records are decoded at a time. */
const COMPONENTS_PER_WINDOW = 256;

/**
 * Match components against the advisory database. Only names present in the components are looked
 * up (a chunk of names at a time), version ranges are evaluated on the stored affected entries, and
 * whole records are decoded only for advisories that apply (a window of components at a time, each
 * record kept until its last component). Components without a known version, and first-party ones,
 * are skipped.
 */
export function matchComponents(components: readonly Component[], db: AdvisoryDb): VulnerabilityMatch[] {
  // The components to check, by ecosystem (with its release) and name: the first component of each
  // name, and each component's next one of the same ecosystem and name (-1 for none).
  const byEcosystem = new Map<string, Map<string, number>>();
  const nextOfName = new Int32Array(components.length).fill(-1);
  /** By the first component of a name: the last one so far. */
  const lastOfName = new Int32Array(components.length);
  for (let index = 0; index < components.length; index++) {
    const c = components[index] as Component;
    if (!c.version || c.firstParty) continue;
    const key = c.ecosystemVariant ?? c.ecosystem;
    let names = byEcosystem.get(key);
    if (!names) byEcosystem.set(key, (names = new Map<string, number>()));
    const first = names.get(c.name);
    if (first === undefined) {
      names.set(c.name, index);
      lastOfName[index] = index;
    } else {
      nextOfName[lastOfName[first] as number] = index;
      lastOfName[first] = index;
    }
  }

  // Each component's hits: the advisories that apply, with their entries for it.
  const hitsOf = new Map<number, Map<string, OsvAffected[]>>();
  for (const [ecosystem, names] of byEcosystem) {
    const all = [...names.keys()];
    for (let start = 0; start < all.length; start += NAMES_PER_LOOKUP) {
      const chunk = all.slice(start, start + NAMES_PER_LOOKUP);
      const candidates = db.candidates(ecosystem, chunk);
      for (const name of chunk) {
        for (let index = names.get(name) as number; index !== -1; index = nextOfName[index] as number) {
          const component = components[index] as Component;
          const wanted = normalizeName(component.ecosystem, component.name);
          let hits: Map<string, OsvAffected[]> | undefined;
          for (const candidate of candidates.get(wanted) ?? []) {
            const entries = hitEntries(candidate, component, wanted);
            if (entries) (hits ??= new Map()).set(candidate.id, entries);
          }
          if (hits) hitsOf.set(index, hits);
        }
      }
    }
  }

  // In the components' order; where each record is last needed.
  const vulnerable = [...hitsOf.keys()].sort((a, b) => a - b);
  const lastUse = new Map<string, number>();
  vulnerable.forEach((index, at) => {
    for (const id of (hitsOf.get(index) as Map<string, OsvAffected[]>).keys()) lastUse.set(id, at);
  });
  const records = new Map<string, OsvRecord>();
  const matches: VulnerabilityMatch[] = [];
  for (let start = 0; start < vulnerable.length; start += COMPONENTS_PER_WINDOW) {
    const end = Math.min(start + COMPONENTS_PER_WINDOW, vulnerable.length);
    const missing = new Set<string>();
    for (let at = start; at < end; at++)
      for (const id of (hitsOf.get(vulnerable[at] as number) as Map<string, OsvAffected[]>).keys())
        if (!records.has(id)) missing.add(id);
    for (const [id, record] of db.recordsById(missing)) records.set(id, record);
    for (let at = start; at < end; at++) {
      const component = components[vulnerable[at] as number] as Component;
      const hits = hitsOf.get(vulnerable[at] as number) as Map<string, OsvAffected[]>;
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
      for (const id of hits.keys()) if (lastUse.get(id) === at) records.delete(id);
    }
  }
  return matches;
}

/**
 * The entries of a candidate that name the component's package (`affectedFor`), when one of them
 * affects its version; undefined otherwise. Compact candidates are evaluated without decoding: all
 * their entries name the candidate's ecosystem and, normalised, the name looked up, so `affectedFor`
 * keeps all of them or none, by the ecosystem.
 */
function hitEntries(
  candidate: AdvisoryCandidate,
  component: Component,
  wanted: string,
): OsvAffected[] | undefined {
  if (candidate.compact) {
    if (!ecosystemMatches(candidate.ecosystem, component)) return undefined;
    return candidate.affects(component.ecosystem, component.version) ? candidate.affected : undefined;
  }
  const entries = affectedFor(candidate.affected, component, wanted);
  return entries.some((a) => affects(component, a)) ? entries : undefined;
}

/** Whether an entry for an OSV ecosystem (`Debian:12`) applies to the component, as in `affectedFor`. */
function ecosystemMatches(ecosystem: string, component: Component): boolean {
  const [base, release] = ecosystem.split(':');
  if (base !== component.ecosystem) return false;
  return release === undefined || ecosystem === component.ecosystemVariant;
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

/**
 * A match as one line: the package and version, how it is pulled in, the advisory summary (or that the
 * package is malicious), the advisory ids, and the nearest fixed version. `rampart scan` and the server's
 * zero-day watch write the same words.
 */
export function matchMessage(match: VulnerabilityMatch): string {
  const c = match.component;
  const others = match.advisoryIds.filter((id) => id !== match.id);
  const ids = [match.id, ...others, ...match.aliases.filter((a) => a.startsWith('CVE-'))];
  const fix = match.nearestFixed
    ? `; fixed in ${match.nearestFixed}`
    : match.fixedVersions.length === 0
      ? '; no fixed version published'
      : '';
  const via = c.direct ? '' : ` (via ${c.paths[0]?.slice(0, -1).join(' > ') || 'a transitive dependency'})`;
  const kind = match.malicious ? 'malicious package' : match.summary;
  return `${c.name}@${c.version}${via}: ${kind} [${[...new Set(ids)].join(', ')}]${fix}`;
}
