/**
 * CVSS v2 scoring, from the equations of "A Complete Guide to the Common Vulnerability Scoring System
 * Version 2.0" (FIRST), §3.2.1-§3.2.3 and the metric value table of §3.2.
 */
import { CVSS2_ENVIRONMENTAL_METRICS, CVSS2_TEMPORAL_METRICS, type Cvss2Metrics } from './metrics.js';

const ACCESS_VECTOR = { L: 0.395, A: 0.646, N: 1.0 } as const;
const ACCESS_COMPLEXITY = { H: 0.35, M: 0.61, L: 0.71 } as const;
const AUTHENTICATION = { M: 0.45, S: 0.56, N: 0.704 } as const;
const IMPACT = { N: 0.0, P: 0.275, C: 0.66 } as const;
const EXPLOITABILITY = { U: 0.85, POC: 0.9, F: 0.95, H: 1.0, ND: 1.0 } as const;
const REMEDIATION_LEVEL = { OF: 0.87, TF: 0.9, W: 0.95, U: 1.0, ND: 1.0 } as const;
const REPORT_CONFIDENCE = { UC: 0.9, UR: 0.95, C: 1.0, ND: 1.0 } as const;
const COLLATERAL_DAMAGE = { N: 0, L: 0.1, LM: 0.3, MH: 0.4, H: 0.5, ND: 0 } as const;
const TARGET_DISTRIBUTION = { N: 0, L: 0.25, M: 0.75, H: 1.0, ND: 1.0 } as const;
const REQUIREMENT = { L: 0.5, M: 1.0, H: 1.51, ND: 1.0 } as const;

/**
 * The guide's round_to_1_decimal (half up). The products of the guide's constants can land a hair
 * below a .x5 tie in binary floating point (the guide's own example CVE-2002-0392 computes
 * 8.3 + (10 - 8.3) * 0.5 = 9.15, which is 9.149999999999999 in doubles), so a tolerance far below the
 * equations' precision is added before rounding.
 */
function round1(value: number): number {
  return Math.round(value * 10 + 1e-9) / 10;
}

/**
 * The base equation, also used with the adjusted impact. With a low requirement weight the adjusted
 * impact can be small enough for the equation to go below zero (e.g. C:P with CR:L, AV:L/AC:H/Au:M);
 * a score is never negative, so it is kept at 0.0 there.
 */
function baseEquation(impact: number, exploitability: number): number {
  if (impact === 0) return 0;
  return Math.max(0, round1((0.6 * impact + 0.4 * exploitability - 1.5) * 1.176));
}

export interface Cvss2ScoreSet {
  base: number;
  /** When the vector defines a temporal metric (other than ND). */
  temporal?: number;
  /** When the vector defines an environmental metric (other than ND). */
  environmental?: number;
}

export function scoreV2(metrics: Cvss2Metrics): Cvss2ScoreSet {
  const c = IMPACT[metrics.C];
  const i = IMPACT[metrics.I];
  const a = IMPACT[metrics.A];
  const impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  const exploitability =
    20 * ACCESS_VECTOR[metrics.AV] * ACCESS_COMPLEXITY[metrics.AC] * AUTHENTICATION[metrics.Au];
  const base = baseEquation(impact, exploitability);
  const result: Cvss2ScoreSet = { base };

  const temporalFactor =
    EXPLOITABILITY[metrics.E ?? 'ND'] *
    REMEDIATION_LEVEL[metrics.RL ?? 'ND'] *
    REPORT_CONFIDENCE[metrics.RC ?? 'ND'];
  if (CVSS2_TEMPORAL_METRICS.some((name) => (metrics[name] ?? 'ND') !== 'ND')) {
    result.temporal = round1(base * temporalFactor);
  }

  if (CVSS2_ENVIRONMENTAL_METRICS.some((name) => (metrics[name] ?? 'ND') !== 'ND')) {
    const adjustedImpact = Math.min(
      10,
      10.41 *
        (1 -
          (1 - c * REQUIREMENT[metrics.CR ?? 'ND']) *
            (1 - i * REQUIREMENT[metrics.IR ?? 'ND']) *
            (1 - a * REQUIREMENT[metrics.AR ?? 'ND'])),
    );
    const adjustedTemporal = round1(baseEquation(adjustedImpact, exploitability) * temporalFactor);
    const cdp = COLLATERAL_DAMAGE[metrics.CDP ?? 'ND'];
    const td = TARGET_DISTRIBUTION[metrics.TD ?? 'ND'];
    result.environmental = round1((adjustedTemporal + (10 - adjustedTemporal) * cdp) * td);
  }
  return result;
}
