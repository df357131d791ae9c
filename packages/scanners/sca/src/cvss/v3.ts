/**
 * CVSS v3.0 and v3.1 scoring, from the FIRST specification documents' equations (v3.1 §7.1-§7.3 and
 * the metric values of §7.4, with the Roundup of Appendix A; v3.0 §8.1-§8.4).
 *
 * Base, temporal and environmental scores are all computed. The versions differ in two places:
 * - Roundup: v3.0 is the plain "smallest number with one decimal that is >= the input" (a ceiling on
 *   the float, which floating-point noise can push up by 0.1); v3.1 rounds to 5 decimals first, as
 *   v3.1 Appendix A specifies, so that e.g. 4.000000000000001 rounds up to 4.0 and not to 4.1.
 * - The environmental Modified Impact with a changed scope: v3.1 uses (MISS × 0.9731 − 0.02)^13
 *   where v3.0 has (MISS − 0.02)^15.
 */
import { CVSS3_ENVIRONMENTAL_METRICS, CVSS3_TEMPORAL_METRICS, type Cvss3Metrics } from './metrics.js';

const ATTACK_VECTOR = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 } as const;
const ATTACK_COMPLEXITY = { L: 0.77, H: 0.44 } as const;
const PRIVILEGES_UNCHANGED = { N: 0.85, L: 0.62, H: 0.27 } as const;
const PRIVILEGES_CHANGED = { N: 0.85, L: 0.68, H: 0.5 } as const;
const USER_INTERACTION = { N: 0.85, R: 0.62 } as const;
const CIA = { H: 0.56, L: 0.22, N: 0 } as const;
const EXPLOIT_MATURITY = { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 } as const;
const REMEDIATION_LEVEL = { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 } as const;
const REPORT_CONFIDENCE = { X: 1, C: 1, R: 0.96, U: 0.92 } as const;
const REQUIREMENT = { X: 1, H: 1.5, M: 1, L: 0.5 } as const;

/** v3.1 Appendix A: round to 5 decimals as an integer first, so float noise does not round up. */
function roundup31(value: number): number {
  const scaled = Math.round(value * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/** v3.0 §8.4: the smallest number, to one decimal, equal to or higher than the input. */
function roundup30(value: number): number {
  return Math.ceil(value * 10) / 10;
}

export interface Cvss3ScoreSet {
  base: number;
  /** When the vector defines a temporal metric (other than X). */
  temporal?: number;
  /** When the vector defines an environmental metric (other than X). */
  environmental?: number;
}

type Letter<K extends keyof Cvss3Metrics> = NonNullable<Cvss3Metrics[K]>;

/** A modified metric's value, or the base metric's when the modified one is absent or X. */
function modified<T extends string>(value: T | 'X' | undefined, base: T): T {
  return value === undefined || value === 'X' ? base : value;
}

/** 8.22 × AV × AC × PR × UI, with PR's weight depending on the scope. */
function exploitabilityOf(
  scopeChanged: boolean,
  av: Letter<'AV'>,
  ac: Letter<'AC'>,
  pr: Letter<'PR'>,
  ui: Letter<'UI'>,
): number {
  const privileges = scopeChanged ? PRIVILEGES_CHANGED[pr] : PRIVILEGES_UNCHANGED[pr];
  return 8.22 * ATTACK_VECTOR[av] * ATTACK_COMPLEXITY[ac] * privileges * USER_INTERACTION[ui];
}

export function scoreV3(metrics: Cvss3Metrics, version: '3.0' | '3.1'): Cvss3ScoreSet {
  const roundup = version === '3.1' ? roundup31 : roundup30;

  // Base.
  const scopeChanged = metrics.S === 'C';
  const iss = 1 - (1 - CIA[metrics.C]) * (1 - CIA[metrics.I]) * (1 - CIA[metrics.A]);
  const impact = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = exploitabilityOf(scopeChanged, metrics.AV, metrics.AC, metrics.PR, metrics.UI);
  let base = 0;
  if (impact > 0) {
    base = scopeChanged
      ? roundup(Math.min(1.08 * (impact + exploitability), 10))
      : roundup(Math.min(impact + exploitability, 10));
  }
  const result: Cvss3ScoreSet = { base };

  // Temporal.
  const temporalFactor =
    EXPLOIT_MATURITY[metrics.E ?? 'X'] *
    REMEDIATION_LEVEL[metrics.RL ?? 'X'] *
    REPORT_CONFIDENCE[metrics.RC ?? 'X'];
  if (CVSS3_TEMPORAL_METRICS.some((name) => (metrics[name] ?? 'X') !== 'X')) {
    result.temporal = roundup(base * temporalFactor);
  }

  // Environmental.
  if (CVSS3_ENVIRONMENTAL_METRICS.some((name) => (metrics[name] ?? 'X') !== 'X')) {
    const mScopeChanged = modified(metrics.MS, metrics.S) === 'C';
    const mc = CIA[modified(metrics.MC, metrics.C)];
    const mi = CIA[modified(metrics.MI, metrics.I)];
    const ma = CIA[modified(metrics.MA, metrics.A)];
    const miss = Math.min(
      1 -
        (1 - REQUIREMENT[metrics.CR ?? 'X'] * mc) *
          (1 - REQUIREMENT[metrics.IR ?? 'X'] * mi) *
          (1 - REQUIREMENT[metrics.AR ?? 'X'] * ma),
      0.915,
    );
    let mImpact: number;
    if (!mScopeChanged) mImpact = 6.42 * miss;
    else if (version === '3.1') mImpact = 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss * 0.9731 - 0.02, 13);
    else mImpact = 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss - 0.02, 15);
    const mExploitability = exploitabilityOf(
      mScopeChanged,
      modified(metrics.MAV, metrics.AV),
      modified(metrics.MAC, metrics.AC),
      modified(metrics.MPR, metrics.PR),
      modified(metrics.MUI, metrics.UI),
    );
    let environmental = 0;
    if (mImpact > 0) {
      const sum = mScopeChanged ? 1.08 * (mImpact + mExploitability) : mImpact + mExploitability;
      environmental = roundup(roundup(Math.min(sum, 10)) * temporalFactor);
    }
    result.environmental = environmental;
  }
  return result;
}
