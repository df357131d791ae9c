/**
 * CVSS v2, v3.0, v3.1 and v4.0: parsing and validating vector strings, scoring them by the FIRST
 * specifications, and rating scores. Every invalid input ends in a `CvssError`.
 */
export { CvssError } from './error.js';
export { parseCvss, tryParseCvss } from './parse.js';
export { baseScore, cvssScores, type Cvss23Scores, type Cvss4Scores, type CvssScores } from './score.js';
export { severityOf, toRampartSeverity, type CvssVersionLike } from './severity.js';
export {
  CVSS2_METRICS,
  CVSS3_METRICS,
  CVSS4_METRICS,
  CVSS_VERSIONS,
  type Cvss2Metric,
  type Cvss2Metrics,
  type Cvss2Vector,
  type Cvss3Metric,
  type Cvss3Metrics,
  type Cvss3Vector,
  type Cvss4Metric,
  type Cvss4Metrics,
  type Cvss4Vector,
  type CvssRating,
  type CvssVector,
  type CvssVersion,
} from './metrics.js';
