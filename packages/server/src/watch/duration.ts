const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration such as `6h`, `30m`, `1d` or `90s` (one number and a unit: ms, s, m, h, d) in milliseconds;
 * `0` (with or without a unit) is 0. Undefined for anything else.
 */
export function parseDuration(text: string): number | undefined {
  // Anchored, no nested quantifiers: linear time on any input.
  const match = /^([0-9]{1,9})(ms|s|m|h|d)?$/.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]);
  if (value === 0) return 0;
  if (match[2] === undefined) return undefined;
  return value * UNITS[match[2]]!;
}
