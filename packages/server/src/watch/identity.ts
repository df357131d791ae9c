import { createHash } from 'node:crypto';

/** The SCA rules whose findings come from advisories (the licence rule does not depend on the database). */
export const ADVISORY_RULES = ['sca/vulnerable-dependency', 'sca/malicious-package'] as const;
export type AdvisoryRule = (typeof ADVISORY_RULES)[number];

/** The scanner id of those rules, as `rampart scan` reports it. */
export const SCA_SCANNER = 'sca';

/**
 * One vulnerable package version as both the watch and a CI scan describe it: the rule, the package
 * (ecosystem with its release, name, version) and every id of the flaw (advisory ids and aliases).
 */
export interface DependencyIdentity {
  ruleId: string;
  /** `npm`, or `Debian:12` for a release (as the SCA scanner's `details.ecosystem`). */
  ecosystem: string;
  packageName: string;
  version: string;
  /** Advisory ids and aliases, sorted and distinct. */
  ids: string[];
}

/** The package part of an identity: findings of one package version share it. */
export function packageKey(
  identity: Pick<DependencyIdentity, 'ruleId' | 'ecosystem' | 'packageName' | 'version'>,
) {
  return `${identity.ruleId}\u0000${identity.ecosystem}\u0000${identity.packageName}\u0000${identity.version}`;
}

/**
 * The key the SCA scanner puts in a finding's fingerprint for a flaw: the smallest CVE among the ids,
 * else the smallest advisory id (`VulnerabilityMatch.key`).
 */
export function flawKey(advisoryIds: readonly string[], aliases: readonly string[]): string | undefined {
  const cves = [...advisoryIds, ...aliases].filter((id) => id.startsWith('CVE-')).sort();
  return cves[0] ?? [...advisoryIds].sort()[0];
}

/**
 * The fingerprint of a finding the watch creates. A CI scan fingerprints a vulnerable dependency by the
 * lockfile's path and the text of its entry, which the server never receives; the watch fingerprints
 * the package and the flaw instead (32 hex digits, like core's). When a later upload reports the flaw
 * for the same package version, the finding takes the upload's fingerprint (see `adopt.ts`).
 */
export function watchFingerprint(
  identity: Pick<DependencyIdentity, 'ruleId' | 'ecosystem' | 'packageName' | 'version'>,
  key: string,
): string {
  return createHash('sha256')
    .update(`rampart-watch\u0000${packageKey(identity)}\u0000${key}`)
    .digest('hex')
    .slice(0, 32);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The identity of a stored or uploaded finding from its rule and dependency details, or undefined when
 * it is not an advisory finding of the SCA scanner (or its details are not the scanner's).
 */
export function identityOfFinding(
  ruleId: string,
  details: unknown,
): (DependencyIdentity & { key: string }) | undefined {
  if (!(ADVISORY_RULES as readonly string[]).includes(ruleId)) return undefined;
  if (typeof details !== 'object' || details === null) return undefined;
  const d = details as Record<string, unknown>;
  if (d.kind !== 'dependency') return undefined;
  const { ecosystem, packageName, version } = d;
  if (typeof ecosystem !== 'string' || typeof packageName !== 'string' || typeof version !== 'string')
    return undefined;
  const advisoryIds = stringList(d.advisoryIds);
  const aliases = stringList(d.aliases);
  const key = flawKey(advisoryIds, aliases);
  if (key === undefined) return undefined;
  return {
    ruleId,
    ecosystem,
    packageName,
    version,
    ids: [...new Set([...advisoryIds, ...aliases])].sort(),
    key,
  };
}

/** Do two identities name the same flaw of the same package version (one shared id is enough)? */
export function sameFlaw(a: DependencyIdentity, b: DependencyIdentity): boolean {
  if (packageKey(a) !== packageKey(b)) return false;
  const ids = new Set(a.ids);
  return b.ids.some((id) => ids.has(id));
}
