/**
 * The docker-compose document model: one `ComposeFile` per file, with its services. YAML merge keys
 * (`<<: *defaults`, common in compose files) are resolved here: a setting that comes from a merged
 * mapping is reported at the service's `<<` line.
 */
import type { IacFinding, IacRuleMeta } from '../../check.js';
import { asArray, asRecord, type YamlDocument } from '../../yaml/load.js';

export type YamlPath = readonly (string | number)[];

export interface ComposeService {
  name: string;
  /** The service with merge keys resolved (own keys win). */
  value: Record<string, unknown>;
  /** Keys written in the service itself (not merged in). */
  own: ReadonlySet<string>;
  /** Absolute path of the service: `['services', name]`. */
  path: YamlPath;
}

export interface ComposeFile {
  path: string;
  doc: YamlDocument;
  services: ComposeService[];
}

const MERGE_KEY = '<<';

/** Resolves `<<` merge keys (a mapping or a list of mappings; earlier ones win, own keys win over all). */
export function resolveMerge(value: Record<string, unknown>, depth = 0): Record<string, unknown> {
  if (!(MERGE_KEY in value) || depth > 10) return value;
  const sources = Array.isArray(value[MERGE_KEY]) ? asArray(value[MERGE_KEY]) : [value[MERGE_KEY]];
  const merged: Record<string, unknown> = {};
  for (const source of [...sources].reverse()) {
    const record = asRecord(source);
    if (record) Object.assign(merged, resolveMerge(record, depth + 1));
  }
  for (const [key, item] of Object.entries(value)) if (key !== MERGE_KEY) merged[key] = item;
  return merged;
}

export function servicesOf(doc: YamlDocument): ComposeService[] {
  const services = asRecord(asRecord(doc.value)?.services);
  if (!services) return [];
  const out: ComposeService[] = [];
  for (const [name, raw] of Object.entries(services)) {
    const record = asRecord(raw);
    if (!record || name === MERGE_KEY) continue;
    out.push({
      name,
      value: resolveMerge(record),
      own: new Set(Object.keys(record)),
      path: ['services', name],
    });
  }
  return out;
}

/** The path to report for a setting of the service: the setting itself, or the `<<` line it came from. */
export function settingPath(service: ComposeService, ...rest: (string | number)[]): YamlPath {
  const [first] = rest;
  if (first === undefined || service.own.has(String(first))) return [...service.path, ...rest];
  return [...service.path, MERGE_KEY];
}

export function findingAt(
  file: ComposeFile,
  service: ComposeService,
  rest: (string | number)[],
  options: { key?: boolean; message?: string } = {},
): IacFinding {
  const path = settingPath(service, ...rest);
  const merged = path[path.length - 1] === MERGE_KEY && rest[0] !== MERGE_KEY;
  const range = file.doc.locate(path, options.key || merged ? { key: true } : undefined);
  return {
    path: file.path,
    start: range.start,
    end: range.end,
    resource: `service ${service.name}`,
    ...(options.message !== undefined && { message: options.message }),
  };
}

/** The service's name key (`web:`): where a finding about a missing setting goes. */
export function serviceAnchor(
  file: ComposeFile,
  service: ComposeService,
  options: { message?: string } = {},
): IacFinding {
  const range = file.doc.locate(service.path, { key: true });
  return {
    path: file.path,
    start: range.start,
    end: range.end,
    resource: `service ${service.name}`,
    ...(options.message !== undefined && { message: options.message }),
  };
}

/** Compose booleans: `true`, or the strings `"true"` / `"yes"` some files use. */
export function isTrue(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && (value.toLowerCase() === 'true' || value.toLowerCase() === 'yes');
}

export function composeMeta(meta: Omit<IacRuleMeta, 'platform' | 'tags'> & { tags?: string[] }): IacRuleMeta {
  return { ...meta, platform: 'compose', tags: ['compose', 'docker', ...(meta.tags ?? ['owasp:A05:2021'])] };
}
