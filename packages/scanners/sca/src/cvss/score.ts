import { CVSS4_THREAT_METRICS, type CvssRating, type CvssVector } from './metrics.js';
import { parseCvss } from './parse.js';
import { severityOf } from './severity.js';
import { scoreV2 } from './v2.js';
import { scoreV3 } from './v3.js';
import { hasV4Environmental, scoreV4 } from './v4.js';

/** Scores of a CVSS v2 or v3.x vector. */
export interface Cvss23Scores {
  version: '2.0' | '3.0' | '3.1';
  base: number;
  /** Present when the vector defines a temporal metric (a value other than ND / X). */
  temporal?: number;
  /** Present when the vector defines an environmental metric (a value other than ND / X). */
  environmental?: number;
  /** The most specific of the three: environmental, else temporal, else base. */
  score: number;
  /** Qualitative rating of `score` on the version's scale. */
  rating: CvssRating;
}

/** Score of a CVSS v4.0 vector: one score, made from every metric the vector gives. */
export interface Cvss4Scores {
  version: '4.0';
  score: number;
  rating: CvssRating;
  /** Which metric groups the score includes: B(ase), T(hreat), E(nvironmental). */
  nomenclature: 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';
  /** The six equivalence-set levels EQ1..EQ6, e.g. `000200`. */
  macroVector: string;
}

export type CvssScores = Cvss23Scores | Cvss4Scores;

/**
 * A vector string is parsed; a parsed vector is parsed again from its `vector` text, so that an
 * object not made by `parseCvss` (or altered since) is validated too rather than scored blindly.
 */
function toParsed(vector: string | CvssVector): CvssVector {
  if (typeof vector === 'object' && vector !== null && typeof vector.vector === 'string') {
    return parseCvss(vector.vector);
  }
  return parseCvss(vector as string);
}

/**
 * Every score a vector defines.
 *
 * - v2 and v3.x: the base score, plus the temporal and environmental scores when the vector has
 *   metrics of those groups (the specifications' equations; v3.0 and v3.1 each with its own Roundup).
 * - v4.0: the single v4 score by the MacroVector method, which threat and environmental metrics
 *   change when present (named CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE accordingly).
 *
 * @throws {CvssError} when the vector is invalid (see `parseCvss`).
 */
export function cvssScores(vector: string | CvssVector): CvssScores {
  const cvss = toParsed(vector);
  switch (cvss.version) {
    case '2.0':
    case '3.0':
    case '3.1': {
      const set = cvss.version === '2.0' ? scoreV2(cvss.metrics) : scoreV3(cvss.metrics, cvss.version);
      const score = set.environmental ?? set.temporal ?? set.base;
      return { version: cvss.version, ...set, score, rating: severityOf(score, cvss.version) };
    }
    case '4.0': {
      const { score, macroVector } = scoreV4(cvss.metrics);
      const threat = CVSS4_THREAT_METRICS.some((name) => (cvss.metrics[name] ?? 'X') !== 'X');
      const environmental = hasV4Environmental(cvss.metrics);
      const nomenclature: Cvss4Scores['nomenclature'] = `CVSS-B${threat ? 'T' : ''}${environmental ? 'E' : ''}`;
      return { version: '4.0', score, rating: severityOf(score, '4.0'), nomenclature, macroVector };
    }
  }
}

/**
 * The base score of a CVSS vector (0.0-10.0, one decimal).
 *
 * - v2, v3.0, v3.1: the base score; temporal and environmental metrics in the vector are accepted and
 *   do not change it (`cvssScores` gives those scores).
 * - v4.0: the v4 score, computed from all the vector's metrics: v4 has no separate base score, and its
 *   threat and environmental metrics refine the one score (a vector with only base metrics gives the
 *   CVSS-B score).
 *
 * @throws {CvssError} when the vector is invalid (see `parseCvss`).
 */
export function baseScore(vector: string | CvssVector): number {
  const scores = cvssScores(vector);
  return scores.version === '4.0' ? scores.score : scores.base;
}
