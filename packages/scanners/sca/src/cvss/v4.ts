/**
 * CVSS v4.0 scoring by the MacroVector method of the CVSS v4.0 Specification Document (FIRST), §8:
 *
 * 1. Each metric takes its effective value: a Modified (environmental) metric replaces its base
 *    metric when defined; E:X counts as E:A (Attacked) and CR/IR/AR:X as High, the worst cases.
 * 2. The six equivalence sets EQ1-EQ6 sort the vector into one of 270 MacroVectors, each with an
 *    expert-assigned score (`MACROVECTOR_SCORES`).
 * 3. The vector's score is the MacroVector's score lowered by interpolation: for each equivalence set
 *    that has a next lower MacroVector, the score difference to it (the maximal scoring difference)
 *    times the proportion of the set's depth that separates the vector from the MacroVector's
 *    highest severity vector; the mean of these over the sets that have a lower MacroVector is
 *    subtracted, the result kept within 0-10 and rounded half up to one decimal.
 *
 * A vector without any impact (VC, VI, VA, SC, SI and SA all None, after modification) scores 0.0.
 * Threat and environmental metrics change the score as above; supplemental metrics never do.
 *
 * The arithmetic follows the specification's reference calculator step by step (the same
 * floating-point operations in the same order, and half-up rounding after adding 1e-6 so that a
 * computed 5.6499999999999995 rounds as the intended 5.65), so scores agree with it to the last digit.
 */
import { CvssError } from './error.js';
import { CVSS4_ENVIRONMENTAL_METRICS, type Cvss4Metrics } from './metrics.js';
import {
  HIGHEST_SEVERITY_VECTORS,
  MACROVECTOR_DEPTH,
  MACROVECTOR_SCORES,
  SEVERITY_LEVELS,
  type MaxVectorPart,
} from './v4-tables.js';

/** The metrics that take part in the score, with their effective values. */
interface Effective {
  AV: string;
  AC: string;
  AT: string;
  PR: string;
  UI: string;
  VC: string;
  VI: string;
  VA: string;
  SC: string;
  SI: string;
  SA: string;
  E: string;
  CR: string;
  IR: string;
  AR: string;
}

function orBase<T extends string>(modified: T | 'X' | undefined, base: T): T;
function orBase(modified: string | undefined, base: string): string {
  return modified === undefined || modified === 'X' ? base : modified;
}

function effectiveMetrics(m: Cvss4Metrics): Effective {
  return {
    AV: orBase(m.MAV, m.AV),
    AC: orBase(m.MAC, m.AC),
    AT: orBase(m.MAT, m.AT),
    PR: orBase(m.MPR, m.PR),
    UI: orBase(m.MUI, m.UI),
    VC: orBase(m.MVC, m.VC),
    VI: orBase(m.MVI, m.VI),
    VA: orBase(m.MVA, m.VA),
    SC: orBase(m.MSC, m.SC),
    SI: orBase(m.MSI, m.SI),
    SA: orBase(m.MSA, m.SA),
    E: orBase(m.E, 'A'),
    CR: orBase(m.CR, 'H'),
    IR: orBase(m.IR, 'H'),
    AR: orBase(m.AR, 'H'),
  };
}

/** The levels of the six equivalence sets (0 is the most severe level). */
export type EquivalenceLevels = readonly [
  eq1: number,
  eq2: number,
  eq3: number,
  eq4: number,
  eq5: number,
  eq6: number,
];

function equivalenceLevels(v: Effective): EquivalenceLevels {
  // EQ1: AV/PR/UI.
  let eq1 = 2;
  if (v.AV === 'N' && v.PR === 'N' && v.UI === 'N') eq1 = 0;
  else if ((v.AV === 'N' || v.PR === 'N' || v.UI === 'N') && v.AV !== 'P') eq1 = 1;
  // EQ2: AC/AT.
  const eq2 = v.AC === 'L' && v.AT === 'N' ? 0 : 1;
  // EQ3: VC/VI/VA.
  let eq3 = 2;
  if (v.VC === 'H' && v.VI === 'H') eq3 = 0;
  else if (v.VC === 'H' || v.VI === 'H' || v.VA === 'H') eq3 = 1;
  // EQ4: SC/SI/SA, with Safety (MSI:S / MSA:S) the most severe.
  let eq4 = 2;
  if (v.SI === 'S' || v.SA === 'S') eq4 = 0;
  else if (v.SC === 'H' || v.SI === 'H' || v.SA === 'H') eq4 = 1;
  // EQ5: E.
  const eq5 = v.E === 'A' ? 0 : v.E === 'P' ? 1 : 2;
  // EQ6: CR/IR/AR against VC/VI/VA.
  const eq6 =
    (v.CR === 'H' && v.VC === 'H') || (v.IR === 'H' && v.VI === 'H') || (v.AR === 'H' && v.VA === 'H')
      ? 0
      : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

function macroVectorKey(levels: readonly number[]): string {
  return levels.join('');
}

/** The score of a MacroVector, or undefined when no MacroVector has these levels. */
function macroScore(levels: readonly number[]): number | undefined {
  return MACROVECTOR_SCORES[macroVectorKey(levels)];
}

/** The score of the next lower MacroVector in EQ3+EQ6 (both sets move together), if there is one. */
function nextLowerEq3Eq6(levels: EquivalenceLevels): number | undefined {
  const [eq1, eq2, eq3, eq4, eq5, eq6] = levels;
  if (eq3 === 0 && eq6 === 0) {
    // 00 has two lower neighbours, 01 and 10: the higher one counts.
    const left = macroScore([eq1, eq2, eq3, eq4, eq5, eq6 + 1]);
    const right = macroScore([eq1, eq2, eq3 + 1, eq4, eq5, eq6]);
    if (left === undefined || right === undefined) return left ?? right;
    return left > right ? left : right;
  }
  if (eq3 === 1 && eq6 === 0) return macroScore([eq1, eq2, eq3, eq4, eq5, eq6 + 1]); // 10 -> 11
  if (eq3 < 2 && eq6 === 1) return macroScore([eq1, eq2, eq3 + 1, eq4, eq5, eq6]); // 01 -> 11, 11 -> 21
  return undefined; // 21 is the lowest.
}

/** Severity distance of one metric from the highest severity vector's value. */
function distance(v: Effective, max: MaxVectorPart, metric: keyof Effective): number {
  const levels = SEVERITY_LEVELS[metric] ?? {};
  return (levels[v[metric]] ?? 0) - (levels[max[metric] ?? ''] ?? 0);
}

/**
 * The first highest severity vector of a set that the vector does not exceed in severity on any of
 * the set's metrics. Every vector has one (the tests check every combination of effective values);
 * the fallback to the last one only keeps the function total.
 */
function pickMax(
  v: Effective,
  candidates: readonly MaxVectorPart[],
  metrics: readonly (keyof Effective)[],
): MaxVectorPart {
  for (const candidate of candidates) {
    if (metrics.every((metric) => distance(v, candidate, metric) >= 0)) return candidate;
  }
  return candidates[candidates.length - 1] ?? {};
}

export interface Cvss4ScoreSet {
  score: number;
  /** The six EQ levels concatenated, e.g. `000200`. */
  macroVector: string;
}

/** Rounds half up to one decimal after lifting the value by 1e-6, as the reference calculator does. */
function round1(value: number): number {
  return Math.round((value + 1e-6) * 10) / 10;
}

export function scoreV4(metrics: Cvss4Metrics): Cvss4ScoreSet {
  const v = effectiveMetrics(metrics);
  const levels = equivalenceLevels(v);
  const macroVector = macroVectorKey(levels);
  if ([v.VC, v.VI, v.VA, v.SC, v.SI, v.SA].every((value) => value === 'N')) return { score: 0, macroVector };

  const value = macroScore(levels);
  if (value === undefined) {
    // Unreachable: the EQ levels of any valid vector name one of the 270 MacroVectors.
    throw new CvssError(`CVSS 4.0: no MacroVector ${macroVector} in the specification's table`, macroVector);
  }
  const [eq1, eq2, eq3, eq4, eq5, eq6] = levels;
  const eq3eq6 = `${eq3}${eq6}`;

  const maxEq1 = pickMax(v, HIGHEST_SEVERITY_VECTORS.eq1[eq1] ?? [], ['AV', 'PR', 'UI']);
  const maxEq2 = pickMax(v, HIGHEST_SEVERITY_VECTORS.eq2[eq2] ?? [], ['AC', 'AT']);
  const maxEq3Eq6 = pickMax(v, HIGHEST_SEVERITY_VECTORS.eq3eq6[eq3eq6] ?? [], [
    'VC',
    'VI',
    'VA',
    'CR',
    'IR',
    'AR',
  ]);
  const maxEq4 = pickMax(v, HIGHEST_SEVERITY_VECTORS.eq4[eq4] ?? [], ['SC', 'SI', 'SA']);

  const STEP = 0.1;
  const sets: { lower: number | undefined; distance: number; depth: number }[] = [
    {
      lower: macroScore([eq1 + 1, eq2, eq3, eq4, eq5, eq6]),
      distance: distance(v, maxEq1, 'AV') + distance(v, maxEq1, 'PR') + distance(v, maxEq1, 'UI'),
      depth: (MACROVECTOR_DEPTH.eq1[eq1] ?? 1) * STEP,
    },
    {
      lower: macroScore([eq1, eq2 + 1, eq3, eq4, eq5, eq6]),
      distance: distance(v, maxEq2, 'AC') + distance(v, maxEq2, 'AT'),
      depth: (MACROVECTOR_DEPTH.eq2[eq2] ?? 1) * STEP,
    },
    {
      lower: nextLowerEq3Eq6(levels),
      distance:
        distance(v, maxEq3Eq6, 'VC') +
        distance(v, maxEq3Eq6, 'VI') +
        distance(v, maxEq3Eq6, 'VA') +
        distance(v, maxEq3Eq6, 'CR') +
        distance(v, maxEq3Eq6, 'IR') +
        distance(v, maxEq3Eq6, 'AR'),
      depth: (MACROVECTOR_DEPTH.eq3eq6[eq3eq6] ?? 1) * STEP,
    },
    {
      lower: macroScore([eq1, eq2, eq3, eq4 + 1, eq5, eq6]),
      distance: distance(v, maxEq4, 'SC') + distance(v, maxEq4, 'SI') + distance(v, maxEq4, 'SA'),
      depth: (MACROVECTOR_DEPTH.eq4[eq4] ?? 1) * STEP,
    },
    // EQ5 has a single value per level, so a vector never lies below its highest severity vector.
    { lower: macroScore([eq1, eq2, eq3, eq4, eq5 + 1, eq6]), distance: 0, depth: 1 },
  ];

  let existing = 0;
  let sum = 0;
  for (const set of sets) {
    if (set.lower === undefined) continue;
    existing += 1;
    const maximalScoringDifference = value - set.lower;
    sum += maximalScoringDifference * (set.distance / set.depth);
  }
  const meanDistance = existing === 0 ? 0 : sum / existing;
  const score = round1(Math.max(0, Math.min(10, value - meanDistance)));
  return { score, macroVector };
}

/** True when the vector defines an environmental metric (other than X). */
export function hasV4Environmental(metrics: Cvss4Metrics): boolean {
  return CVSS4_ENVIRONMENTAL_METRICS.some((name) => (metrics[name] ?? 'X') !== 'X');
}
