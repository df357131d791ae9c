import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { OsvRecord } from '../osv.js';
import osvSchema from './schemas/osv-schema.json' with { type: 'json' };

/**
 * OSV record validation against the official schema (`schemas/osv-schema.json`, see README.md). The schema
 * needs two formats; they are implemented here (RFC 3339 `date-time`, RFC 3986 `uri`) rather than
 * pulling in ajv-formats at run time. The test suite checks that they agree with ajv-formats.
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 `date-time`: a real calendar date, a time, and a required offset. */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > days) return false;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (second === 60) {
    // A leap second exists only at 23:59:60 UTC.
    const sign = m[7] === '-' ? 1 : -1;
    const utc = hour * 60 + minute + sign * (Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0));
    return ((utc % 1440) + 1440) % 1440 === 1439;
  }
  return true;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// Characters RFC 3986 allows outside the host: unreserved, sub-delims, ':', '@', '/', '?', and '%' for escapes.
const URI_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/;
const PERCENT = /%(?![0-9A-Fa-f]{2})/;
const IP_LITERAL = /^\[[0-9A-Fa-f:.]+\]$|^\[v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+\]$/;

/** RFC 3986 absolute URI (scheme, optional authority, path, query, fragment), ASCII only. */
export function isUri(value: string): boolean {
  const scheme = SCHEME.exec(value);
  if (!scheme) return false;
  let rest = value.slice(scheme[0].length);
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    const fragment = rest.slice(hash + 1);
    if (fragment.includes('#') || !URI_CHARS.test(fragment)) return false;
    rest = rest.slice(0, hash);
  }
  if (rest.startsWith('//')) {
    const end = firstOf(rest, '/?', 2);
    const authority = rest.slice(2, end);
    rest = rest.slice(end);
    if (!isAuthority(authority)) return false;
  }
  return URI_CHARS.test(rest) && !PERCENT.test(rest) && (hash === -1 || !PERCENT.test(value.slice(hash)));
}

function firstOf(text: string, chars: string, from: number): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return text.length;
}

/** Lenient authority check: allowed characters, valid escapes, and an IP literal only in brackets. */
function isAuthority(authority: string): boolean {
  const open = authority.indexOf('[');
  if (open === -1) return URI_CHARS.test(authority) && !PERCENT.test(authority);
  const close = authority.indexOf(']', open);
  if (close === -1) return false;
  const outside = authority.slice(0, open) + authority.slice(close + 1);
  return (
    IP_LITERAL.test(authority.slice(open, close + 1)) && URI_CHARS.test(outside) && !PERCENT.test(outside)
  );
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    ajv.addFormat('date-time', isDateTime);
    ajv.addFormat('uri', isUri);
    compiled = ajv.compile(osvSchema);
  }
  return compiled;
}

/** The OSV ecosystems the bundled schema knows (without suffix). */
export const OSV_ECOSYSTEMS: readonly string[] = osvSchema.$defs.ecosystemName.enum;

export type OsvValidation = { ok: true; record: OsvRecord } | { ok: false; error: string };

/** Validate one parsed record; the error names the field and what is wrong with it. */
export function validateOsvRecord(data: unknown): OsvValidation {
  const validate = validator();
  if (validate(data)) return { ok: true, record: data as OsvRecord };
  return { ok: false, error: describe(validate.errors?.[0], data) };
}

function describe(error: ErrorObject | undefined, data: unknown): string {
  if (!error) return 'does not match the OSV schema';
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : 'record';
  if (error.keyword === 'pattern' || error.keyword === 'format' || error.keyword === 'enum') {
    const value = valueAt(data, error.instancePath);
    const shown =
      typeof value === 'string' ? JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value) : '';
    const what =
      error.keyword === 'format'
        ? `is not a valid ${String((error.params as { format?: string }).format)}`
        : error.keyword === 'enum'
          ? 'is not one of the values the OSV schema allows'
          : patternMeaning(error.instancePath);
    return `${where} ${shown} ${what}`.replace('  ', ' ');
  }
  if (error.keyword === 'additionalProperties')
    return `${where} has a property the OSV schema does not allow: ${String((error.params as { additionalProperty?: string }).additionalProperty)}`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

function patternMeaning(path: string): string {
  if (path === '/id') return 'does not start with a known OSV database prefix (or x_)';
  if (path.endsWith('/package/ecosystem')) return 'is not an OSV ecosystem';
  if (path.endsWith('/score')) return 'is not a valid score for its severity type';
  if (/\/(?:modified|published|withdrawn)$/.test(path)) return 'is not an RFC 3339 UTC timestamp';
  if (path.includes('/events/')) return 'is not a full commit hash (GIT range)';
  return 'does not match the pattern the OSV schema requires';
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const part of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node;
}
