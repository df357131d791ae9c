import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { Store } from '../store.js';
import { identityOfFinding, packageKey, SCA_SCANNER, sameFlaw, type DependencyIdentity } from './identity.js';
import type { SbomScan, WatchCandidate } from './rematch.js';

/** The tool name of the scans the watch records. */
export const WATCH_TOOL = 'rampart-watch';
/** The tool name of `rampart scan` results. */
const CLI_TOOL = 'rampart';
/** The audit actor of everything the watch does on its own. */
export const WATCH_ACTOR = 'system:watch';

/** The advisory database a re-match used. */
export interface DatabaseVersion {
  /** Identifies the database's content (a hash of its sources): what "changed" means. */
  generation: string;
  /** When the database was last built (ISO 8601), or '' when it does not say. */
  updatedAt: string;
}

export interface WatchRecord {
  scanId: number;
  /** True when this SBOM scan had already been re-matched against this database: nothing changed. */
  duplicate: boolean;
  /** Findings the watch created. */
  created: number;
  /** Fixed findings back. */
  reopened: number;
  /** Findings the branch now has that it did not have (created, reopened or known on another branch). */
  added: number;
  /** Advisory ids (sorted) of the created and reopened findings. */
  advisories: string[];
}

interface KnownFinding {
  id: number;
  fingerprint: string;
  state: string;
  path: string;
  identity: DependencyIdentity | undefined;
  details: Record<string, unknown> | null;
}

/** What identifies a watch scan: the SBOM scan and the database generation it was matched against. */
export function watchContentHash(sbomScanId: number, database: DatabaseVersion): string {
  return createHash('sha256')
    .update(canonicalJson({ database: database.generation, sbomScan: sbomScanId, tool: WATCH_TOOL }))
    .digest('hex');
}

/**
 * Record what a re-match of one project's branch found, in one transaction: a scan of format `watch`
 * (kind `partial`: it never declares anything fixed) naming the SBOM scan's commit and the database,
 * with the flaws the branch did not have. A flaw some finding of the project already describes (the
 * same rule, package version and one shared advisory id) uses that finding, reopened when it was fixed;
 * a flaw the branch has, or that a full scan of the branch at or after the SBOM left out, is left alone. Nothing is written when nothing is new, and a second
 * re-match of the same SBOM scan against the same database is a duplicate.
 */
export async function recordWatchScan(
  store: Store,
  input: {
    sbom: SbomScan;
    database: DatabaseVersion;
    candidates: readonly WatchCandidate[];
    toolVersion: string;
    scannerVersion: string;
  },
): Promise<WatchRecord | undefined> {
  const { sbom, database, candidates } = input;
  const contentHash = watchContentHash(sbom.scanId, database);
  return store.transact(async (trx, audit, at) => {
    const previous = await trx
      .selectFrom('scans')
      .select('id')
      .where('project_id', '=', sbom.projectId)
      .where('branch', '=', sbom.branch)
      .where('commit_sha', '=', sbom.commit)
      .where('tool_name', '=', WATCH_TOOL)
      .where('content_hash', '=', contentHash)
      .executeTakeFirst();
    if (previous !== undefined)
      return { scanId: previous.id, duplicate: true, created: 0, reopened: 0, added: 0, advisories: [] };
    if (candidates.length === 0) return undefined;

    const known: KnownFinding[] = (
      await trx
        .selectFrom('findings')
        .select(['id', 'fingerprint', 'state', 'path', 'rule_id', 'details'])
        .where('project_id', '=', sbom.projectId)
        .where('scanner', '=', SCA_SCANNER)
        .orderBy('id')
        .execute()
    ).map((row) => {
      const details = row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>);
      return {
        id: row.id,
        fingerprint: row.fingerprint,
        state: row.state,
        path: row.path,
        identity: identityOfFinding(row.rule_id, details),
        details,
      };
    });
    const byFingerprint = new Map(known.map((k) => [k.fingerprint, k]));
    const byPackage = new Map<string, KnownFinding[]>();
    for (const k of known) {
      if (k.identity === undefined) continue;
      const key = packageKey(k.identity);
      byPackage.set(key, [...(byPackage.get(key) ?? []), k]);
    }
    // The branch has the finding; or a full scan of the branch, of this SBOM's commit or a later one, ran
    // the SCA scanner and left the flaw out. That verdict stands (dev dependencies left out, a VEX
    // statement, a suppression in the repository): reopening would undo it at every database change.
    const settled = new Set(
      (
        await trx
          .selectFrom('finding_branches as fb')
          .innerJoin('findings as f', 'f.id', 'fb.finding_id')
          .select('fb.finding_id')
          .where('f.project_id', '=', sbom.projectId)
          .where('f.scanner', '=', SCA_SCANNER)
          .where('fb.branch', '=', sbom.branch)
          .where((eb) => eb.or([eb('fb.present', '=', 1), eb('fb.last_scan_id', '>=', sbom.scanId)]))
          .execute()
      ).map((r) => r.finding_id),
    );

    const fresh: WatchCandidate[] = [];
    const seen: { row: KnownFinding; candidate: WatchCandidate }[] = [];
    const used = new Set<number>();
    for (const candidate of candidates) {
      const own = byFingerprint.get(candidate.finding.fingerprint);
      const same = (byPackage.get(packageKey(candidate.identity)) ?? []).filter(
        (k) => k === own || sameFlaw(k.identity!, candidate.identity),
      );
      if (own !== undefined && !same.includes(own)) same.push(own);
      if (same.some((k) => settled.has(k.id) || used.has(k.id))) continue;
      if (same.length === 0) {
        fresh.push(candidate);
        continue;
      }
      const row = same.find((k) => k.state !== 'fixed') ?? same[0]!;
      used.add(row.id);
      seen.push({ row, candidate });
    }
    if (fresh.length === 0 && seen.length === 0) return undefined;

    const scan = await trx
      .insertInto('scans')
      .values({
        project_id: sbom.projectId,
        branch: sbom.branch,
        commit_sha: sbom.commit,
        pipeline_url: null,
        tool_name: WATCH_TOOL,
        tool_version: input.toolVersion,
        rule_set: canonicalJson([
          {
            id: 'advisory-db',
            version: database.updatedAt === '' ? database.generation : database.updatedAt,
          },
          { id: SCA_SCANNER, version: input.scannerVersion },
        ]),
        scanners: canonicalJson([SCA_SCANNER]),
        config_hash: null,
        content_hash: contentHash,
        format: 'watch',
        kind: 'partial',
        finding_count: fresh.length + seen.length,
        component_count: 0,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const scanId = scan.id;

    // The finding belongs to the tool whose full scans report SCA findings, so that a later full scan
    // without the flaw declares it fixed: the one that uploaded the SBOM with its SCA results, else the
    // CLI's.
    const findingTool = sbom.scanners.includes(SCA_SCANNER) ? sbom.tool : CLI_TOOL;
    const ids: { id: number; candidate: WatchCandidate; path: string }[] = [];
    for (const candidate of fresh) {
      const f = candidate.finding;
      // Where the project's findings of the same package version point (its lockfile), if any.
      const sibling = known.find(
        (k) =>
          k.details !== null &&
          k.details.packageName === candidate.identity.packageName &&
          k.details.version === candidate.identity.version &&
          k.details.ecosystem === candidate.identity.ecosystem,
      );
      const row = await trx
        .insertInto('findings')
        .values({
          project_id: sbom.projectId,
          fingerprint: f.fingerprint,
          tool_name: findingTool,
          scanner: f.scanner,
          rule_id: f.ruleId,
          severity: f.severity,
          title: f.title,
          message: f.message,
          path: sibling?.path ?? f.path,
          start_line: f.startLine,
          start_column: f.startColumn,
          end_line: f.endLine,
          end_column: f.endColumn,
          snippet: f.snippet,
          cwe: canonicalJson(f.cwe),
          details: canonicalJson(f.details),
          suppression: null,
          state: 'new',
          state_changed_at: at,
          first_seen_at: at,
          last_seen_at: at,
          first_scan_id: scanId,
          last_scan_id: scanId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push({ id: row.id, candidate, path: sibling?.path ?? f.path });
    }
    const reopened: typeof seen = [];
    for (const { row, candidate } of seen) {
      const transition = row.state === 'fixed' ? 'reopened' : row.state === 'new' ? 'open' : undefined;
      await trx
        .updateTable('findings')
        .set({
          last_seen_at: at,
          last_scan_id: scanId,
          ...(transition === undefined ? {} : { state: transition, state_changed_at: at }),
          ...(transition === 'reopened' ? { fixed_at: null, fixed_scan_id: null } : {}),
        })
        .where('id', '=', row.id)
        .execute();
      ids.push({ id: row.id, candidate, path: row.path });
      if (transition === 'reopened') reopened.push({ row, candidate });
    }
    for (const { id, candidate, path } of ids.sort((a, b) => a.id - b.id)) {
      await trx
        .insertInto('occurrences')
        .values({
          scan_id: scanId,
          finding_id: id,
          path,
          start_line: candidate.finding.startLine,
          end_line: candidate.finding.endLine,
          severity: candidate.finding.severity,
        })
        .execute();
      await trx
        .insertInto('finding_branches')
        .values({ finding_id: id, branch: sbom.branch, present: 1, last_scan_id: scanId })
        .onConflict((oc) =>
          oc
            .columns(['finding_id', 'branch'])
            .doUpdateSet({ present: 1, last_scan_id: (eb) => eb.ref('excluded.last_scan_id') }),
        )
        .execute();
    }
    for (const { row } of reopened)
      await audit.append({
        actor: WATCH_ACTOR,
        action: 'finding.reopened',
        target: `finding:${row.id}`,
        reason: 'the advisory database says the package version is affected',
        data: { fingerprint: row.fingerprint, project: sbom.project, scanId },
      });
    const affecting = [...fresh, ...reopened.map((r) => r.candidate)];
    const advisories = [...new Set(affecting.map((c) => c.advisoryId))].sort();
    const result: WatchRecord = {
      scanId,
      duplicate: false,
      created: fresh.length,
      reopened: reopened.length,
      added: fresh.length + seen.length,
      advisories,
    };
    await audit.append({
      actor: WATCH_ACTOR,
      action: 'watch.recorded',
      target: `scan:${scanId}`,
      data: {
        added: result.added,
        advisories,
        branch: sbom.branch,
        commit: sbom.commit,
        contentHash,
        created: result.created,
        database,
        project: sbom.project,
        reopened: result.reopened,
        sbomScanId: sbom.scanId,
      },
    });
    return result;
  });
}
