import { CvssError } from './error.js';
import {
  CVSS2_BASE_METRICS,
  CVSS2_METRICS,
  CVSS3_BASE_METRICS,
  CVSS3_METRICS,
  CVSS4_BASE_METRICS,
  CVSS4_METRICS,
  type Cvss2Metrics,
  type Cvss3Metrics,
  type Cvss4Metrics,
  type CvssVector,
  type MetricTable,
} from './metrics.js';

/** Longest part of the input quoted in an error message. */
const QUOTE_LIMIT = 160;

function quote(text: string): string {
  return text.length > QUOTE_LIMIT ? `'${text.slice(0, QUOTE_LIMIT)}...'` : `'${text}'`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Metrics of v3/v4 that v2 does not have: a sign that the `CVSS:x.y/` prefix was left out. */
const NOT_V2_HINTS = new Set(['PR', 'UI', 'S', 'AT', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA', 'MAV', 'MAC']);

/**
 * Parses the `NAME:VALUE` parts of a vector against a metric table: every part well formed, every
 * metric known and given once, every value one the metric allows, every mandatory metric present.
 * Metrics may come in any order (v3.x allows it explicitly; for v2 and v4 the specified order is
 * accepted along with any other, since ordering carries no meaning for the score).
 */
function parseMetrics(
  parts: readonly string[],
  table: MetricTable,
  mandatory: readonly string[],
  fail: (reason: string) => CvssError,
  unknownHint?: (name: string) => string | undefined,
): Record<string, string> {
  const metrics: Record<string, string> = {};
  const seen = new Set<string>();
  parts.forEach((part, index) => {
    if (part === '') {
      throw fail(
        index === parts.length - 1
          ? 'it ends with a stray "/"'
          : `empty metric (a doubled "/") at position ${index + 1}`,
      );
    }
    const colon = part.indexOf(':');
    if (colon <= 0 || colon === part.length - 1 || part.indexOf(':', colon + 1) !== -1) {
      throw fail(`malformed metric ${quote(part)}: expected NAME:VALUE`);
    }
    const name = part.slice(0, colon);
    const value = part.slice(colon + 1);
    if (!Object.hasOwn(table, name)) {
      throw fail(`unknown metric ${quote(name)}${unknownHint?.(name) ?? ''}`);
    }
    if (seen.has(name)) throw fail(`metric '${name}' is given more than once`);
    seen.add(name);
    const allowed = table[name] ?? [];
    if (!allowed.includes(value)) {
      throw fail(
        `invalid value ${quote(value)} for metric '${name}' (expected one of ${allowed.join(', ')})`,
      );
    }
    metrics[name] = value;
  });
  const missing = mandatory.filter((name) => !seen.has(name));
  if (missing.length === 1) throw fail(`missing mandatory metric '${missing[0]}'`);
  if (missing.length > 1) throw fail(`missing mandatory metrics ${missing.map((m) => `'${m}'`).join(', ')}`);
  return metrics;
}

/**
 * Parses and strictly validates a CVSS vector string:
 *
 * - v2: no prefix, `AV:N/AC:L/Au:N/C:P/I:P/A:P`, optionally with temporal and environmental metrics;
 * - v3.0 / v3.1: `CVSS:3.0/...` or `CVSS:3.1/...` with the 8 base metrics and optional temporal and
 *   environmental ones;
 * - v4.0: `CVSS:4.0/...` with the 11 base metrics and optional threat, environmental and
 *   supplemental ones.
 *
 * Surrounding whitespace is ignored. Every metric must be known to the version, given once and have
 * one of its values; every base metric must be present; base metrics cannot be `X`/`ND`.
 *
 * @throws {CvssError} with a message naming the problem, for any invalid input.
 */
export function parseCvss(vector: string): CvssVector {
  if (typeof vector !== 'string') {
    throw new CvssError(`a CVSS vector must be a string, got ${describe(vector)}`, String(vector));
  }
  const text = vector.trim();
  if (text === '') throw new CvssError('empty CVSS vector', vector);
  if (/\s/.test(text))
    throw new CvssError(`invalid CVSS vector ${quote(text)}: it contains whitespace`, vector);
  const parts = text.split('/');
  const head = parts[0] ?? '';

  if (head.startsWith('CVSS:')) {
    const version = head.slice('CVSS:'.length);
    const fail = (reason: string) =>
      new CvssError(`invalid CVSS ${version} vector ${quote(text)}: ${reason}`, vector);
    const rest = parts.slice(1);
    if (rest.length === 0) throw fail('no metrics after the prefix');
    switch (version) {
      case '3.0':
      case '3.1': {
        const metrics = parseMetrics(rest, CVSS3_METRICS, CVSS3_BASE_METRICS, fail);
        return { version, vector: text, metrics: metrics as unknown as Cvss3Metrics };
      }
      case '4.0': {
        const metrics = parseMetrics(rest, CVSS4_METRICS, CVSS4_BASE_METRICS, fail);
        return { version, vector: text, metrics: metrics as unknown as Cvss4Metrics };
      }
      default:
        throw new CvssError(
          `unsupported CVSS version prefix ${quote(head)} in ${quote(text)}: expected CVSS:3.0, CVSS:3.1 or ` +
            'CVSS:4.0 (CVSS v2 vectors have no prefix)',
          vector,
        );
    }
  }

  if (/^cvss/i.test(head)) {
    throw new CvssError(
      `invalid CVSS vector ${quote(text)}: malformed prefix ${quote(head)}, expected CVSS:3.0, CVSS:3.1 or CVSS:4.0`,
      vector,
    );
  }

  // No prefix: CVSS v2.
  const fail = (reason: string) => new CvssError(`invalid CVSS 2.0 vector ${quote(text)}: ${reason}`, vector);
  const hint = (name: string) =>
    NOT_V2_HINTS.has(name)
      ? ' (CVSS v3 and v4 vectors must start with a "CVSS:3.1/", "CVSS:3.0/" or "CVSS:4.0/" prefix)'
      : undefined;
  const metrics = parseMetrics(parts, CVSS2_METRICS, CVSS2_BASE_METRICS, fail, hint);
  return { version: '2.0', vector: text, metrics: metrics as unknown as Cvss2Metrics };
}

/** Like `parseCvss`, but returns the error message instead of throwing. */
export function tryParseCvss(vector: string): { ok: true; cvss: CvssVector } | { ok: false; error: string } {
  try {
    return { ok: true, cvss: parseCvss(vector) };
  } catch (error) {
    if (error instanceof CvssError) return { ok: false, error: error.message };
    throw error;
  }
}
