import { InvalidRequestError } from '../errors.js';

/** The severities that have a remediation deadline (`info` has none). */
export const SLA_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type SlaSeverity = (typeof SLA_SEVERITIES)[number];

/** Days from a finding's first sighting to its remediation deadline, per severity. */
export type SlaPolicy = Record<SlaSeverity, number>;

export const DEFAULT_SLA_POLICY: Readonly<SlaPolicy> = { critical: 7, high: 30, medium: 90, low: 180 };

/** The longest deadline a policy may set (ten years). */
export const MAX_SLA_DAYS = 3650;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Refuse anything but whole days between 1 and `MAX_SLA_DAYS` for known severities. */
export function checkSlaPolicy(policy: Partial<Record<string, unknown>>): Partial<SlaPolicy> {
  const checked: Partial<SlaPolicy> = {};
  for (const [severity, days] of Object.entries(policy)) {
    if (!(SLA_SEVERITIES as readonly string[]).includes(severity))
      throw new InvalidRequestError(`no SLA for severity "${severity}" (${SLA_SEVERITIES.join(', ')})`);
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_SLA_DAYS)
      throw new InvalidRequestError(
        `the SLA for ${severity} must be a whole number of days, 1 to ${MAX_SLA_DAYS}`,
      );
    checked[severity as SlaSeverity] = days;
  }
  return checked;
}

/** The policy in force: later layers win, severity by severity; the defaults fill the rest. */
export function resolveSlaPolicy(...layers: (Partial<SlaPolicy> | undefined)[]): SlaPolicy {
  const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY };
  for (const layer of layers)
    for (const severity of SLA_SEVERITIES) {
      const days = layer?.[severity];
      if (days !== undefined) policy[severity] = days;
    }
  return policy;
}

/** Per project and severity: what the store counts for the SLA view. */
export interface SlaCounts {
  project: string;
  severity: SlaSeverity;
  /** Unresolved (new, open, reopened) and untriaged findings. */
  open: number;
  /** Of those, the ones past their deadline. */
  breached: number;
  /** Fixed findings, and the sum of their times from first seen to fixed (ms). */
  fixed: number;
  remediationMsTotal: number;
}

/** An open finding past its deadline. */
export interface SlaBreach {
  fingerprint: string;
  ruleId: string;
  severity: SlaSeverity;
  title: string;
  path: string;
  firstSeenAt: number;
  dueAt: number;
}

export interface SlaSeveritySummary {
  severity: SlaSeverity;
  days: number;
  open: number;
  breached: number;
  fixed: number;
  /** Mean time from first seen to fixed, in days (two decimals), or null when nothing was fixed. */
  meanTimeToRemediateDays: number | null;
}

/** One row per SLA severity (zeros included), summing the counts given. */
export function summariseSla(policy: SlaPolicy, counts: readonly SlaCounts[]): SlaSeveritySummary[] {
  return SLA_SEVERITIES.map((severity) => {
    const rows = counts.filter((c) => c.severity === severity);
    const sum = (pick: (c: SlaCounts) => number) => rows.reduce((total, c) => total + pick(c), 0);
    const fixed = sum((c) => c.fixed);
    const total = sum((c) => c.remediationMsTotal);
    return {
      severity,
      days: policy[severity],
      open: sum((c) => c.open),
      breached: sum((c) => c.breached),
      fixed,
      meanTimeToRemediateDays: fixed === 0 ? null : Math.round((total / fixed / DAY_MS) * 100) / 100,
    };
  });
}
