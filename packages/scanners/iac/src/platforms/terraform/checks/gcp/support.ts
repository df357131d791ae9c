/**
 * Helpers shared by the GCP checks (not a check: the registry test skips this file). Reading values that may
 * be unknown, absent or hidden behind a `dynamic` block, locating a key inside an object attribute, matching
 * world-open CIDRs and port lists, and building rule metadata.
 */
import type { IacReport, IacRuleMeta } from '../../../../check.js';
import {
  UNKNOWN,
  type Range,
  type TfAttribute,
  type TfBlock,
  type TfProject,
  type TfResource,
  type TfValue,
} from '../../model.js';
import { asString, block, get, isUnknown, type Found } from '../../query.js';

/** Rule metadata with the platform, provider and tags every GCP check shares filled in. */
export function gcpMeta(
  meta: Omit<IacRuleMeta, 'platform' | 'provider' | 'tags' | 'precision'> & {
    tags?: string[];
    precision?: IacRuleMeta['precision'];
  },
): IacRuleMeta {
  const { tags, precision, ...rest } = meta;
  return {
    ...rest,
    platform: 'terraform',
    provider: 'gcp',
    tags: ['terraform', 'gcp', ...(tags ?? ['owasp:A05:2021'])],
    precision: precision ?? 'high',
  };
}

/**
 * Whether a resource may exist: false when `count` is known to be 0 or `for_each` is known to be empty (the
 * model keeps such resources, evaluated once with unknown `count.index` / `each`).
 */
export function mayExist(resource: TfResource): boolean {
  const count = resource.block.attributes['count']?.value;
  if (count === 0) return false;
  const forEach = resource.block.attributes['for_each']?.value;
  if (Array.isArray(forEach) && forEach.length === 0) return false;
  if (
    forEach !== null &&
    typeof forEach === 'object' &&
    !Array.isArray(forEach) &&
    Object.keys(forEach).length === 0
  )
    return false;
  return true;
}

/** Resources of one type that may exist (see `mayExist`), in address order. */
export function ofType(project: TfProject, type: string): TfResource[] {
  return project.ofType(type).filter(mayExist);
}

/** Resources of several types, type by type (each in address order). */
export function resourcesOf(project: TfProject, ...types: string[]): TfResource[] {
  return types.flatMap((type) => ofType(project, type));
}

/** Data sources of one type. */
export function dataOf(project: TfProject, type: string): TfResource[] {
  return project.resources.filter((r) => r.mode === 'data' && r.type === type && mayExist(r));
}

/**
 * Whether a block's content is unknown. The model expands `dynamic "x"` blocks into `x` blocks (evaluated with an
 * unknown iterator when the collection is unknown), so only a leftover `dynamic` block counts.
 */
export function isOpaque(b: TfBlock): boolean {
  return b.type === 'dynamic';
}

/** What a dotted path holds: a known value, nothing, or something unknown (unknown value or opaque block). */
export type Lookup =
  | { kind: 'value'; found: Found; value: Exclude<TfValue, typeof UNKNOWN> }
  | { kind: 'absent' }
  | { kind: 'unknown'; found?: Found };

/** Like `get`, but tells absent from unknown: a path through an opaque (dynamic) block is unknown. */
export function lookup(parent: TfBlock, dotted: string): Lookup {
  if (isOpaque(parent)) return { kind: 'unknown' };
  const found = get(parent, dotted);
  if (found) {
    if (found.block && isOpaque(found.block)) return { kind: 'unknown', found };
    if (found.value === UNKNOWN)
      return found.block ? { kind: 'value', found, value: null } : { kind: 'unknown', found };
    return { kind: 'value', found, value: found.value };
  }
  // Absent: unless a block on the way is opaque.
  let current: TfBlock = parent;
  for (const step of dotted.split('.')) {
    if (current.attributes[step]) return { kind: 'absent' };
    const nested = block(current, step);
    if (!nested) return { kind: 'absent' };
    if (isOpaque(nested)) return { kind: 'unknown' };
    current = nested;
  }
  return { kind: 'absent' };
}

/** A known value at a path, lower-cased when it is a string (or a number as a string); else undefined. */
export function lowerAt(parent: TfBlock, dotted: string): { text: string; found: Found } | undefined {
  const l = lookup(parent, dotted);
  if (l.kind !== 'value') return undefined;
  const text = asString(l.value);
  return text === undefined ? undefined : { text: text.toLowerCase(), found: l.found };
}

/** The state of a boolean setting: true / false (`"true"` strings count), absent, unknown, or another value. */
export function boolAt(
  parent: TfBlock,
  dotted: string,
): { state: boolean | 'unknown' | 'absent' | 'other'; found?: Found } {
  const l = lookup(parent, dotted);
  if (l.kind === 'absent') return { state: 'absent' };
  if (l.kind === 'unknown') return { state: 'unknown', ...(l.found && { found: l.found }) };
  const v = l.value;
  // `x = null` is the same as leaving `x` out (the provider default applies); report on its line.
  if (v === null) return { state: 'absent', found: l.found };
  if (v === true || (typeof v === 'string' && v.toLowerCase() === 'true'))
    return { state: true, found: l.found };
  if (v === false || (typeof v === 'string' && v.toLowerCase() === 'false'))
    return { state: false, found: l.found };
  return { state: 'other', found: l.found };
}

/** The known string items of a list value, and whether some item (or the whole list) is unknown. */
export function stringItems(value: TfValue | undefined): { items: string[]; unknown: boolean } {
  if (value === undefined || value === null) return { items: [], unknown: false };
  if (value === UNKNOWN) return { items: [], unknown: true };
  const list = Array.isArray(value) ? value : [value];
  const items: string[] = [];
  let unknown = false;
  for (const item of list) {
    if (item === UNKNOWN) unknown = true;
    else {
      const text = asString(item);
      if (text !== undefined) items.push(text);
    }
  }
  return { items, unknown };
}

/**
 * The range of `key` inside an object-valued attribute (`metadata = { serial-port-enable = true }`), so a
 * finding lands on the key's line; the attribute's range when the key cannot be located in its source.
 */
export function keyRange(attribute: TfAttribute, key: string): Range {
  const source = attribute.source;
  const exprStart = attribute.range.end - source.length;
  if (exprStart < attribute.range.start) return attribute.range;
  for (const candidate of [`"${key}"`, key]) {
    let from = 0;
    for (;;) {
      const at = source.indexOf(candidate, from);
      if (at < 0) break;
      from = at + candidate.length;
      const before = at === 0 ? '' : source.charAt(at - 1);
      if (candidate === key && /[\w"-]/.test(before)) continue;
      const rest = source.slice(at + candidate.length).trimStart();
      if (rest.startsWith('=') && !rest.startsWith('=='))
        return { start: exprStart + at, end: exprStart + at + candidate.length };
      if (rest.startsWith(':')) return { start: exprStart + at, end: exprStart + at + candidate.length };
    }
  }
  return attribute.range;
}

/** A map entry of an object attribute (`metadata`, `labels`): its value and where to report it. */
export function mapEntry(
  parent: TfBlock,
  attributeName: string,
  key: string,
): { kind: 'value'; value: TfValue; range: Range; path: string } | { kind: 'absent' } | { kind: 'unknown' } {
  if (isOpaque(parent)) return { kind: 'unknown' };
  const attribute = parent.attributes[attributeName];
  if (!attribute) return { kind: 'absent' };
  const map = attribute.value;
  if (map === UNKNOWN) return { kind: 'unknown' };
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return { kind: 'absent' };
  if (!(key in map)) return { kind: 'absent' };
  const value = map[key]!;
  if (value === UNKNOWN) return { kind: 'unknown' };
  return { kind: 'value', value, range: keyRange(attribute, key), path: attribute.path };
}

/** Truthiness of a metadata-style string flag (`"TRUE"`, `"true"`, `true`, `"1"`). */
export function flagValue(value: TfValue): boolean | undefined {
  if (value === true) return true;
  if (value === false) return false;
  const text = asString(value)?.trim().toLowerCase();
  if (text === 'true' || text === '1' || text === 'yes' || text === 'on') return true;
  if (text === 'false' || text === '0' || text === 'no' || text === 'off') return false;
  return undefined;
}

/** Reports at an explicit range of a resource's file. */
export function reportRange(
  report: IacReport,
  resource: TfResource,
  range: Range,
  path: string,
  message?: string,
): void {
  report({
    path,
    start: range.start,
    end: range.end,
    resource: resource.address,
    ...(message !== undefined && { message }),
  });
}

/** CIDRs that mean "anywhere". */
export function isWorldCidr(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === '0.0.0.0/0' || t === '::/0' || t === '0::0/0' || t === '*';
}

/** Whether a GCP port spec (`"22"`, `"20-30"`, `22`) includes `port`; unknown specs are false. */
export function portSpecIncludes(spec: string, port: number): boolean {
  const text = spec.trim();
  const dash = text.indexOf('-');
  if (dash < 0) return /^\d+$/.test(text) && Number(text) === port;
  const low = text.slice(0, dash).trim();
  const high = text.slice(dash + 1).trim();
  if (!/^\d+$/.test(low) || !/^\d+$/.test(high)) return false;
  return Number(low) <= port && port <= Number(high);
}

/** Whether a port spec covers every port. */
export function portSpecIsAll(spec: string): boolean {
  const text = spec.trim();
  if (text === '*') return true;
  const dash = text.indexOf('-');
  if (dash < 0) return false;
  const low = text.slice(0, dash).trim();
  const high = text.slice(dash + 1).trim();
  return /^\d+$/.test(low) && /^\d+$/.test(high) && Number(low) <= 1 && Number(high) >= 65535;
}

/** Where a `google_compute_firewall` admits traffic from anywhere: the `source_ranges` attribute, or the header when no source is set at all (GCP then uses 0.0.0.0/0). */
export function worldOpenIngress(
  resource: TfResource,
): { range: Range; path: string; source: string } | undefined {
  const b = resource.block;
  const direction = lookup(b, 'direction');
  if (direction.kind === 'unknown') return undefined;
  if (direction.kind === 'value' && asString(direction.value)?.toUpperCase() !== 'INGRESS') return undefined;
  const disabled = boolAt(b, 'disabled');
  if (disabled.state !== false && disabled.state !== 'absent') return undefined;
  const ranges = lookup(b, 'source_ranges');
  if (ranges.kind === 'unknown') return undefined;
  if (ranges.kind === 'value') {
    const world = stringItems(ranges.value).items.find(isWorldCidr);
    return world === undefined
      ? undefined
      : { range: ranges.found.range, path: ranges.found.path, source: world };
  }
  const otherSources = [
    'source_tags',
    'source_service_accounts',
    'source_address_groups',
    'source_fqdns',
    'source_region_codes',
    'source_threat_intelligences',
  ];
  if (otherSources.some((name) => lookup(b, name).kind !== 'absent')) return undefined;
  return { range: b.headerRange, path: resource.path, source: '0.0.0.0/0 (no source set)' };
}

/** The `allow` rules of a firewall with a known protocol: protocol (lower case) and port specs (`undefined` = every port). */
export function allowRules(resource: TfResource): { protocol: string; ports: string[] | undefined }[] {
  const out: { protocol: string; ports: string[] | undefined }[] = [];
  for (const allow of resource.block.blocks.filter((x) => x.type === 'allow')) {
    if (isOpaque(allow)) continue;
    const protocol = lowerAt(allow, 'protocol');
    if (!protocol) continue;
    const ports = lookup(allow, 'ports');
    if (ports.kind === 'unknown') continue;
    if (ports.kind === 'absent') {
      out.push({ protocol: protocol.text, ports: undefined });
      continue;
    }
    const items = stringItems(ports.value);
    if (items.items.length === 0 && !items.unknown) out.push({ protocol: protocol.text, ports: undefined });
    else out.push({ protocol: protocol.text, ports: items.items });
  }
  return out;
}

/** Whether a firewall allows `port` over one of `protocols` (`all` always counts). */
export function firewallAllows(resource: TfResource, port: number, protocols: readonly string[]): boolean {
  return allowRules(resource).some(
    (rule) =>
      (rule.protocol === 'all' && rule.ports === undefined) ||
      (protocols.includes(rule.protocol) &&
        (rule.ports === undefined || rule.ports.some((spec) => portSpecIncludes(spec, port)))),
  );
}

/** `allUsers` / `allAuthenticatedUsers`: an IAM member (or ACL entity) meaning anyone. */
export function isPublicPrincipal(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === 'allusers' || t === 'allauthenticatedusers';
}

/**
 * Public principals granted by an `*_iam_member` (`member`) or `*_iam_binding` (`members`) resource: where to
 * report and which principal; undefined when none is known to be public.
 */
export function publicIamGrant(
  resource: TfResource,
): { range: Range; path: string; principal: string } | undefined {
  for (const name of ['member', 'members']) {
    const l = lookup(resource.block, name);
    if (l.kind !== 'value') continue;
    const principal = stringItems(l.value).items.find(isPublicPrincipal);
    if (principal !== undefined) return { range: l.found.range, path: l.found.path, principal };
  }
  return undefined;
}

/** A Cloud SQL `database_flags` entry with a known name. */
export interface SqlFlag {
  name: string;
  /** Lower-cased value; undefined when unknown. */
  value: string | undefined;
  range: Range;
  path: string;
}

/**
 * The `settings.database_flags` of a `google_sql_database_instance`; `complete` is false when some flags
 * come from a `dynamic` block or an unknown name (then an absent flag may still be set).
 */
export function sqlFlags(resource: TfResource): { flags: SqlFlag[]; complete: boolean } {
  const settings = block(resource.block, 'settings');
  if (!settings) return { flags: [], complete: true };
  if (isOpaque(settings)) return { flags: [], complete: false };
  const flags: SqlFlag[] = [];
  let complete = true;
  const entries = settings.blocks.filter((b) => b.type === 'database_flags');
  for (const entry of entries) {
    if (isOpaque(entry)) {
      complete = false;
      continue;
    }
    const name = lookup(entry, 'name');
    const text = name.kind === 'value' ? asString(name.value) : undefined;
    if (text === undefined) {
      complete = false;
      continue;
    }
    const value = lookup(entry, 'value');
    const range = value.kind === 'value' ? value.found.range : entry.range;
    flags.push({
      name: text.toLowerCase(),
      value: value.kind === 'value' ? asString(value.value)?.toLowerCase() : undefined,
      range,
      path: entry.path,
    });
  }
  const attribute = settings.attributes['database_flags'];
  if (attribute) {
    // `database_flags = [...]`: entries without their own positions.
    if (!Array.isArray(attribute.value)) complete = false;
    else
      for (const item of attribute.value) {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          complete = false;
          continue;
        }
        const name = asString(item['name']);
        if (name === undefined) complete = false;
        else
          flags.push({
            name: name.toLowerCase(),
            value: asString(item['value'])?.toLowerCase(),
            range: attribute.range,
            path: attribute.path,
          });
      }
  }
  return { flags, complete };
}

/** The lower-cased `database_version` (`postgres_15`), undefined when unknown or absent. */
export function sqlVersion(resource: TfResource): string | undefined {
  return lowerAt(resource.block, 'database_version')?.text;
}

/** Node pools: `google_container_node_pool` resources and `node_pool` blocks inside clusters (opaque ones skipped). */
export function nodePools(project: TfProject): { resource: TfResource; pool: TfBlock }[] {
  const out: { resource: TfResource; pool: TfBlock }[] = [];
  for (const resource of ofType(project, 'google_container_cluster'))
    for (const pool of resource.block.blocks.filter((b) => b.type === 'node_pool' && !isOpaque(b)))
      out.push({ resource, pool });
  for (const resource of ofType(project, 'google_container_node_pool'))
    out.push({ resource, pool: resource.block });
  return out;
}

/** Node configurations: the cluster's default `node_config` and every node pool's `node_config`. */
export function nodeConfigs(project: TfProject): { resource: TfResource; config: TfBlock }[] {
  const out: { resource: TfResource; config: TfBlock }[] = [];
  for (const resource of ofType(project, 'google_container_cluster')) {
    const config = block(resource.block, 'node_config');
    if (config && !isOpaque(config)) out.push({ resource, config });
  }
  for (const { resource, pool } of nodePools(project)) {
    const config = block(pool, 'node_config');
    if (config && !isOpaque(config)) out.push({ resource, config });
  }
  return out;
}

/** Compute resources that carry instance `metadata`. */
export const INSTANCE_TYPES = [
  'google_compute_instance',
  'google_compute_instance_template',
  'google_compute_region_instance_template',
];

/**
 * Project-wide metadata values for `key`, from `google_compute_project_metadata` (`metadata` map) and
 * `google_compute_project_metadata_item` (`key` / `value`): each known value with where to report it.
 */
export function projectMetadata(
  project: TfProject,
  key: string,
): { resource: TfResource; value: TfValue; range: Range; path: string }[] {
  const out: { resource: TfResource; value: TfValue; range: Range; path: string }[] = [];
  for (const resource of ofType(project, 'google_compute_project_metadata')) {
    const entry = mapEntry(resource.block, 'metadata', key);
    if (entry.kind === 'value')
      out.push({ resource, value: entry.value, range: entry.range, path: entry.path });
  }
  for (const resource of ofType(project, 'google_compute_project_metadata_item')) {
    const name = lookup(resource.block, 'key');
    if (name.kind !== 'value' || asString(name.value) !== key) continue;
    const value = lookup(resource.block, 'value');
    if (value.kind === 'value')
      out.push({ resource, value: value.value, range: value.found.range, path: value.found.path });
  }
  return out;
}

export { isUnknown };
