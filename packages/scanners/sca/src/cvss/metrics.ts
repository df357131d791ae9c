/**
 * The metrics each CVSS version defines and the values each metric takes, as the specifications list
 * them (FIRST: CVSS v2 Complete Guide §2 and §3.2; CVSS v3.0 / v3.1 Specification §2-§4 and the
 * vector string tables; CVSS v4.0 Specification §2-§5 and Table 23). Values are case-sensitive.
 */

/** CVSS v2 (no prefix: `AV:N/AC:L/Au:N/C:P/I:P/A:P`). `ND` is "Not Defined". */
export const CVSS2_METRICS = {
  // Base
  AV: ['L', 'A', 'N'],
  AC: ['H', 'M', 'L'],
  Au: ['M', 'S', 'N'],
  C: ['N', 'P', 'C'],
  I: ['N', 'P', 'C'],
  A: ['N', 'P', 'C'],
  // Temporal
  E: ['U', 'POC', 'F', 'H', 'ND'],
  RL: ['OF', 'TF', 'W', 'U', 'ND'],
  RC: ['UC', 'UR', 'C', 'ND'],
  // Environmental
  CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'],
  TD: ['N', 'L', 'M', 'H', 'ND'],
  CR: ['L', 'M', 'H', 'ND'],
  IR: ['L', 'M', 'H', 'ND'],
  AR: ['L', 'M', 'H', 'ND'],
} as const;
export const CVSS2_BASE_METRICS = ['AV', 'AC', 'Au', 'C', 'I', 'A'] as const;
export const CVSS2_TEMPORAL_METRICS = ['E', 'RL', 'RC'] as const;
export const CVSS2_ENVIRONMENTAL_METRICS = ['CDP', 'TD', 'CR', 'IR', 'AR'] as const;

/** CVSS v3.0 and v3.1 (`CVSS:3.1/AV:N/...`); the two versions share metrics and values. `X` is "Not Defined". */
export const CVSS3_METRICS = {
  // Base
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
  // Temporal
  E: ['X', 'H', 'F', 'P', 'U'],
  RL: ['X', 'U', 'W', 'T', 'O'],
  RC: ['X', 'C', 'R', 'U'],
  // Environmental
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'R'],
  MS: ['X', 'U', 'C'],
  MC: ['X', 'H', 'L', 'N'],
  MI: ['X', 'H', 'L', 'N'],
  MA: ['X', 'H', 'L', 'N'],
} as const;
export const CVSS3_BASE_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;
export const CVSS3_TEMPORAL_METRICS = ['E', 'RL', 'RC'] as const;
export const CVSS3_ENVIRONMENTAL_METRICS = [
  'CR',
  'IR',
  'AR',
  'MAV',
  'MAC',
  'MPR',
  'MUI',
  'MS',
  'MC',
  'MI',
  'MA',
] as const;

/** CVSS v4.0 (`CVSS:4.0/AV:N/...`), in the order of the specification's Table 23. `X` is "Not Defined". */
export const CVSS4_METRICS = {
  // Base
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
  // Threat
  E: ['X', 'A', 'P', 'U'],
  // Environmental
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MAT: ['X', 'N', 'P'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'],
  MVI: ['X', 'H', 'L', 'N'],
  MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'],
  MSI: ['X', 'S', 'H', 'L', 'N'],
  MSA: ['X', 'S', 'H', 'L', 'N'],
  // Supplemental (never change the score)
  S: ['X', 'N', 'P'],
  AU: ['X', 'N', 'Y'],
  R: ['X', 'A', 'U', 'I'],
  V: ['X', 'D', 'C'],
  RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
} as const;
export const CVSS4_BASE_METRICS = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'] as const;
export const CVSS4_THREAT_METRICS = ['E'] as const;
export const CVSS4_ENVIRONMENTAL_METRICS = [
  'CR',
  'IR',
  'AR',
  'MAV',
  'MAC',
  'MAT',
  'MPR',
  'MUI',
  'MVC',
  'MVI',
  'MVA',
  'MSC',
  'MSI',
  'MSA',
] as const;
export const CVSS4_SUPPLEMENTAL_METRICS = ['S', 'AU', 'R', 'V', 'RE', 'U'] as const;

/** A table of metric name -> allowed values. */
export type MetricTable = Readonly<Record<string, readonly string[]>>;

type ValuesOf<T extends MetricTable> = { -readonly [K in keyof T]: T[K][number] };

/** Parsed metrics: the mandatory (base) ones always present, the others only when the vector has them. */
type ParsedMetrics<T extends MetricTable, Mandatory extends keyof T> = Readonly<
  Pick<ValuesOf<T>, Mandatory> & Partial<Omit<ValuesOf<T>, Mandatory>>
>;

export type Cvss2Metric = keyof typeof CVSS2_METRICS;
export type Cvss3Metric = keyof typeof CVSS3_METRICS;
export type Cvss4Metric = keyof typeof CVSS4_METRICS;

export type Cvss2Metrics = ParsedMetrics<typeof CVSS2_METRICS, (typeof CVSS2_BASE_METRICS)[number]>;
export type Cvss3Metrics = ParsedMetrics<typeof CVSS3_METRICS, (typeof CVSS3_BASE_METRICS)[number]>;
export type Cvss4Metrics = ParsedMetrics<typeof CVSS4_METRICS, (typeof CVSS4_BASE_METRICS)[number]>;

/** A parsed CVSS v2 vector. */
export interface Cvss2Vector {
  readonly version: '2.0';
  /** The vector as given, without surrounding whitespace. */
  readonly vector: string;
  readonly metrics: Cvss2Metrics;
}

/** A parsed CVSS v3.0 or v3.1 vector. */
export interface Cvss3Vector {
  readonly version: '3.0' | '3.1';
  /** The vector as given, without surrounding whitespace. */
  readonly vector: string;
  readonly metrics: Cvss3Metrics;
}

/** A parsed CVSS v4.0 vector. */
export interface Cvss4Vector {
  readonly version: '4.0';
  /** The vector as given, without surrounding whitespace. */
  readonly vector: string;
  readonly metrics: Cvss4Metrics;
}

export type CvssVector = Cvss2Vector | Cvss3Vector | Cvss4Vector;
export type CvssVersion = CvssVector['version'];
export const CVSS_VERSIONS: readonly CvssVersion[] = ['2.0', '3.0', '3.1', '4.0'];

/** The specifications' qualitative severity ratings (v2 has only Low, Medium and High). */
export type CvssRating = 'None' | 'Low' | 'Medium' | 'High' | 'Critical';
