import type { Kysely } from 'kysely';
import {
  matchComponents,
  matchMessage,
  RULE_MALICIOUS,
  RULE_VULNERABLE,
  RULES,
  type Component,
  type Scope,
} from '@rampart/scanner-sca/api';
import type { AdvisoryDb } from '@rampart/scanner-sca/db';
import { packageFromPurl } from '@rampart/scanner-sca/sbom';
import type { Database } from '../db/schema.js';
import type { ImportedFinding } from '../ingest/model.js';
import { flawKey, SCA_SCANNER, watchFingerprint, type DependencyIdentity } from './identity.js';

/** The latest scan of a project and branch that carried an SBOM: what the project uses today. */
export interface SbomScan {
  scanId: number;
  projectId: number;
  project: string;
  branch: string;
  commit: string;
  /** The tool that uploaded it (`rampart` for a CLI upload, `sbom:CycloneDX` for an SBOM alone). */
  tool: string;
  /** The scanners its report covered (none for an SBOM alone). */
  scanners: string[];
}

/** The latest scan with components of every project and branch, by project name then branch. */
export async function latestSbomScans(db: Kysely<Database>): Promise<SbomScan[]> {
  const rows = await db
    .selectFrom('scans as s')
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .select(['s.id', 's.project_id', 'p.name', 's.branch', 's.commit_sha', 's.tool_name', 's.scanners'])
    .where('s.component_count', '>', 0)
    .where('s.id', '=', (eb) =>
      eb
        .selectFrom('scans as latest')
        .select((e) => e.fn.max('latest.id').as('id'))
        .whereRef('latest.project_id', '=', 's.project_id')
        .whereRef('latest.branch', '=', 's.branch')
        .where('latest.component_count', '>', 0),
    )
    .orderBy('p.name')
    .orderBy('s.branch')
    .execute();
  return rows.map((r) => ({
    scanId: r.id,
    projectId: r.project_id,
    project: r.name,
    branch: r.branch,
    commit: r.commit_sha,
    tool: r.tool_name,
    scanners: JSON.parse(r.scanners) as string[],
  }));
}

const SCOPE_ORDER: readonly string[] = ['prod', 'optional', 'peer', 'dev'];

/**
 * The stored components of a scan as the SCA matcher takes them: one per purl (the most important
 * scope, direct over transitive), the release (`Debian:12`) read back from the purl. Components whose
 * purl the SCA scanner cannot read are left out, as the upload did.
 */
export async function componentsOf(db: Kysely<Database>, scanId: number): Promise<Component[]> {
  const rows = await db
    .selectFrom('components')
    .select(['purl', 'name', 'version', 'scope', 'direct', 'licenses'])
    .where('scan_id', '=', scanId)
    .orderBy('purl')
    .orderBy('id')
    .execute();
  const byPurl = new Map<string, Component>();
  for (const row of rows) {
    const reading = packageFromPurl(row.purl);
    if (!reading.ok) continue;
    const scope = (SCOPE_ORDER.includes(row.scope) ? row.scope : 'prod') as Scope;
    const component: Component = {
      ref: row.purl,
      name: row.name,
      version: row.version,
      ecosystem: reading.pkg.ecosystem,
      ...(reading.pkg.ecosystemVariant !== undefined
        ? { ecosystemVariant: reading.pkg.ecosystemVariant }
        : {}),
      purl: row.purl,
      direct: row.direct === 1,
      scope,
      depGroups: [],
      paths: [],
      dependsOn: [],
      source: '',
      ...(row.licenses !== null ? { licenses: JSON.parse(row.licenses) as string[] } : {}),
    };
    const seen = byPurl.get(row.purl);
    if (
      seen === undefined ||
      SCOPE_ORDER.indexOf(scope) < SCOPE_ORDER.indexOf(seen.scope) ||
      (scope === seen.scope && component.direct && !seen.direct)
    )
      byPurl.set(row.purl, component);
  }
  return [...byPurl.values()];
}

/** A finding the re-match found, with what the watch needs to decide whether it is new. */
export interface WatchCandidate {
  identity: DependencyIdentity & { key: string };
  /** The id shown to users (GHSA before CVE...). */
  advisoryId: string;
  purl: string;
  /** The finding as the watch would record it (its fingerprint is the watch's, see `watchFingerprint`). */
  finding: ImportedFinding;
}

/**
 * Match components against the advisory database and describe each vulnerable one as the SCA scanner
 * would (rule, severity, message, dependency details), sorted by fingerprint.
 */
export function rematch(components: readonly Component[], db: AdvisoryDb): WatchCandidate[] {
  const candidates = new Map<string, WatchCandidate>();
  for (const match of matchComponents(components, db)) {
    const c = match.component;
    const ruleId = match.malicious ? RULE_MALICIOUS : RULE_VULNERABLE;
    const rule = RULES.find((r) => r.id === ruleId);
    const ecosystem = c.ecosystemVariant ?? c.ecosystem;
    const key = flawKey(match.advisoryIds, match.aliases) ?? match.key;
    const identity = {
      ruleId,
      ecosystem,
      packageName: c.name,
      version: c.version,
      ids: [...new Set([...match.advisoryIds, ...match.aliases])].sort(),
      key,
    };
    const fingerprint = watchFingerprint(identity, key);
    if (candidates.has(fingerprint)) continue;
    const details = {
      kind: 'dependency',
      ecosystem,
      packageName: c.name,
      version: c.version,
      purl: c.purl,
      advisoryIds: match.advisoryIds,
      aliases: match.aliases,
      fixedVersions: match.fixedVersions,
      dependencyPaths: c.paths,
      scope: c.scope,
      direct: c.direct,
      ...(c.licenses?.length ? { licenses: c.licenses } : {}),
      ...(match.nearestFixed ? { fixedIn: match.nearestFixed } : {}),
      ...(match.score !== undefined ? { cvssScore: match.score, cvssVector: match.vector } : {}),
      summary: match.summary,
      references: match.references,
    };
    candidates.set(fingerprint, {
      identity,
      advisoryId: match.id,
      purl: c.purl,
      finding: {
        fingerprint,
        scanner: SCA_SCANNER,
        ruleId,
        severity: match.severity,
        title: rule?.title ?? ruleId,
        message: matchMessage(match),
        // The lockfile the package came from is not stored with the SBOM: the purl names the package.
        path: c.purl,
        startLine: 1,
        startColumn: 1,
        endLine: 1,
        endColumn: 1,
        snippet: null,
        cwe: [...(rule?.cwe ?? [])].sort(),
        details,
        suppression: null,
      },
    });
  }
  return [...candidates.values()].sort((a, b) =>
    a.finding.fingerprint < b.finding.fingerprint
      ? -1
      : a.finding.fingerprint > b.finding.fingerprint
        ? 1
        : 0,
  );
}
