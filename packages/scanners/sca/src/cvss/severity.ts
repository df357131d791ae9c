import type { Severity } from '@rampart/core/model';
import { CvssError } from './error.js';
import { CVSS_VERSIONS, type CvssRating, type CvssVersion } from './metrics.js';
import { parseCvss } from './parse.js';

/** A CVSS version, or just its major number. */
export type CvssVersionLike = CvssVersion | '2' | '3' | '4';

const MAJOR: Readonly<Record<string, CvssVersion>> = { '2': '2.0', '3': '3.1', '4': '4.0' };

function versionOf(version: string): CvssVersion {
  if ((CVSS_VERSIONS as readonly string[]).includes(version)) return version as CvssVersion;
  const major = MAJOR[version];
  if (major !== undefined) return major;
  throw new CvssError(
    `unknown CVSS version ${JSON.stringify(version)}: expected one of ${CVSS_VERSIONS.join(', ')}`,
    version,
  );
}

function checkScore(score: number): void {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 10) {
    throw new CvssError(
      `a CVSS score must be a number from 0.0 to 10.0, got ${String(score)}`,
      String(score),
    );
  }
}

/**
 * The qualitative severity rating of a score on the scale of its CVSS version:
 *
 * - v3.0, v3.1 and v4.0: None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0;
 * - v2 (the NVD's scale; v2 itself defines none): Low 0.0-3.9, Medium 4.0-6.9, High 7.0-10.0.
 *
 * Scores with more than one decimal fall in the band below the next boundary (3.95 is Low).
 *
 * @throws {CvssError} when the score is not a number in 0-10 or the version is unknown.
 */
export function severityOf(score: number, version: CvssVersionLike): CvssRating {
  checkScore(score);
  if (versionOf(version) === '2.0') {
    if (score >= 7) return 'High';
    return score >= 4 ? 'Medium' : 'Low';
  }
  if (score >= 9) return 'Critical';
  if (score >= 7) return 'High';
  if (score >= 4) return 'Medium';
  return score > 0 ? 'Low' : 'None';
}

const RAMPART_SEVERITY: Readonly<Record<CvssRating, Severity>> = {
  Critical: 'critical',
  High: 'high',
  Medium: 'medium',
  Low: 'low',
  None: 'info',
};

/**
 * Rampart's severity for a CVSS rating (None becomes `info`), or for a score on the scale of a CVSS
 * version. The version may be given as `'3.1'`, as a major (`'3'`), or as the vector the score came
 * from (its prefix decides; a vector without prefix is v2).
 *
 * @throws {CvssError} for an unknown rating, a score outside 0-10, or an unknown version or invalid vector.
 */
export function toRampartSeverity(rating: CvssRating): Severity;
export function toRampartSeverity(score: number, versionOrVector: string): Severity;
export function toRampartSeverity(ratingOrScore: CvssRating | number, versionOrVector?: string): Severity {
  if (typeof ratingOrScore === 'number') {
    if (versionOrVector === undefined) {
      throw new CvssError('a CVSS score needs its version (or vector) to be rated', String(ratingOrScore));
    }
    const isVersion =
      (CVSS_VERSIONS as readonly string[]).includes(versionOrVector) || versionOrVector in MAJOR;
    const version = isVersion ? versionOrVector : parseCvss(versionOrVector).version;
    return RAMPART_SEVERITY[severityOf(ratingOrScore, version as CvssVersionLike)];
  }
  const severity = Object.hasOwn(RAMPART_SEVERITY, ratingOrScore)
    ? RAMPART_SEVERITY[ratingOrScore]
    : undefined;
  if (severity === undefined) {
    throw new CvssError(
      `unknown CVSS rating ${JSON.stringify(ratingOrScore)}: expected None, Low, Medium, High or Critical`,
      String(ratingOrScore),
    );
  }
  return severity;
}
