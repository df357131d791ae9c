/**
 * Helpers shared by the Azure checks (not a check: the registry test skips this file). The generic value helpers
 * live with the GCP checks and are re-exported here.
 */
import type { IacRuleMeta } from '../../../../check.js';
import type { Range, TfBlock, TfProject, TfResource } from '../../model.js';
import { asString } from '../../query.js';
import {
  boolAt,
  lookup,
  mayExist,
  ofType,
  portSpecIncludes,
  portSpecIsAll,
  stringItems,
} from '../gcp/support.js';

export {
  boolAt,
  isOpaque,
  isWorldCidr,
  keyRange,
  lookup,
  lowerAt,
  mayExist,
  ofType,
  reportRange,
  resourcesOf,
  stringItems,
  type Lookup,
} from '../gcp/support.js';

/** Rule metadata with the platform, provider and tags every Azure check shares filled in. */
export function azureMeta(
  meta: Omit<IacRuleMeta, 'platform' | 'provider' | 'tags' | 'precision'> & {
    tags?: string[];
    precision?: IacRuleMeta['precision'];
  },
): IacRuleMeta {
  const { tags, precision, ...rest } = meta;
  return {
    ...rest,
    platform: 'terraform',
    provider: 'azure',
    tags: ['terraform', 'azure', ...(tags ?? ['owasp:A05:2021'])],
    precision: precision ?? 'high',
  };
}

/**
 * The first of several names of one boolean setting (renamed between azurerm major versions, e.g.
 * `enable_https_traffic_only` → `https_traffic_only_enabled`): the state of the one present.
 */
export function boolAtAny(parent: TfBlock, ...names: string[]): ReturnType<typeof boolAt> {
  for (const name of names) {
    const state = boolAt(parent, name);
    if (state.state !== 'absent') return state;
  }
  return { state: 'absent' };
}

/** A known string (as written) at the first present of several paths; `unknown` / `absent` otherwise. */
export function stringAtAny(
  parent: TfBlock,
  ...paths: string[]
):
  | { kind: 'value'; text: string | undefined; found: NonNullable<ReturnType<typeof boolAt>['found']> }
  | { kind: 'unknown' }
  | { kind: 'absent' } {
  for (const path of paths) {
    const l = lookup(parent, path);
    if (l.kind === 'absent') continue;
    if (l.kind === 'unknown') return { kind: 'unknown' };
    return { kind: 'value', text: asString(l.value), found: l.found };
  }
  return { kind: 'absent' };
}

/** Whether any other resource (optionally of some types) refers to `target`. */
export function isReferenced(project: TfProject, target: TfResource, ...types: string[]): boolean {
  if (types.length === 0) return project.referencing(target).some(mayExist);
  return types.some((type) => project.referencing(target, type).some(mayExist));
}

/** TLS versions below 1.2 as the azurerm provider spells them (`TLS1_0`, `1.1`, `TLSEnforcementDisabled`). */
export function isWeakTls(text: string | undefined): boolean {
  if (text === undefined) return false;
  const t = text.trim().toUpperCase().replace(/^TLS/, '').replace('_', '.');
  return t === '1.0' || t === '1.1' || t === '1' || t === 'ENFORCEMENTDISABLED' || t === 'DISABLED';
}

/** NSG source prefixes that mean "the internet". */
export function isInternetSource(text: string): boolean {
  const t = text.trim().toLowerCase();
  return (
    t === '*' ||
    t === 'internet' ||
    t === 'any' ||
    t === '0.0.0.0' ||
    t === '0.0.0.0/0' ||
    t === '::/0' ||
    t === '<nw>/0' ||
    t === '/0'
  );
}

/** One NSG security rule: an `azurerm_network_security_rule`, a `security_rule` block, or an item of a `security_rule = [...]` list. */
export interface NsgRule {
  resource: TfResource;
  get(name: string): { kind: 'value'; value: unknown } | { kind: 'unknown' } | { kind: 'absent' };
  /** Where to report a source problem. */
  sourceRange(): { range: Range; path: string };
}

function blockRule(resource: TfResource, b: TfBlock): NsgRule {
  return {
    resource,
    get(name) {
      const l = lookup(b, name);
      return l.kind === 'value'
        ? { kind: 'value', value: l.value }
        : l.kind === 'unknown'
          ? { kind: 'unknown' }
          : { kind: 'absent' };
    },
    sourceRange() {
      for (const name of ['source_address_prefix', 'source_address_prefixes']) {
        const l = lookup(b, name);
        if (l.kind === 'value') return { range: l.found.range, path: l.found.path };
      }
      return { range: b.headerRange, path: b.path };
    },
  };
}

/** Every NSG rule of the configuration. */
export function nsgRules(project: TfProject): NsgRule[] {
  const out: NsgRule[] = [];
  for (const resource of ofType(project, 'azurerm_network_security_group')) {
    for (const b of resource.block.blocks.filter((x) => x.type === 'security_rule'))
      out.push(blockRule(resource, b));
    const attribute = resource.block.attributes['security_rule'];
    if (attribute && Array.isArray(attribute.value))
      for (const item of attribute.value) {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
        out.push({
          resource,
          get(name) {
            if (!(name in item)) return { kind: 'absent' };
            const value = item[name];
            return typeof value === 'symbol' ? { kind: 'unknown' } : { kind: 'value', value };
          },
          sourceRange: () => ({ range: attribute.range, path: attribute.path }),
        });
      }
  }
  for (const resource of ofType(project, 'azurerm_network_security_rule'))
    out.push(blockRule(resource, resource.block));
  return out;
}

/** Lower-cased known string of a rule field; undefined when absent, unknown or not a string. */
function field(rule: NsgRule, name: string): string | undefined {
  const v = rule.get(name);
  return v.kind === 'value' && typeof v.value === 'string' ? v.value.toLowerCase() : undefined;
}

/** Known string items of a single/plural pair of fields (`x_range` / `x_ranges`); undefined when unknown. */
function items(rule: NsgRule, single: string, plural: string): string[] | undefined {
  const out: string[] = [];
  for (const name of [single, plural]) {
    const v = rule.get(name);
    if (v.kind === 'unknown') return undefined;
    if (v.kind === 'absent' || v.value === null) continue;
    const list = stringItems(v.value as Parameters<typeof stringItems>[0]);
    if (list.unknown && list.items.length === 0) return undefined;
    out.push(...list.items);
  }
  return out;
}

/**
 * The internet source (`*`, `Internet`, ...) of an inbound Allow rule for `protocols` whose destination ports
 * satisfy `ports`; undefined otherwise, and when a field it depends on is unknown.
 */
export function nsgAllowsFromInternet(
  rule: NsgRule,
  protocols: readonly string[],
  ports: (specs: string[]) => boolean,
): string | undefined {
  if (field(rule, 'direction') !== 'inbound' || field(rule, 'access') !== 'allow') return undefined;
  const protocol = field(rule, 'protocol');
  if (protocol === undefined || (protocol !== '*' && !protocols.includes(protocol))) return undefined;
  const source = items(rule, 'source_address_prefix', 'source_address_prefixes')?.find(isInternetSource);
  if (source === undefined) return undefined;
  const destination = items(rule, 'destination_port_range', 'destination_port_ranges');
  return destination !== undefined && ports(destination) ? source : undefined;
}

/** How a finding names an NSG rule: `NSG rule "ssh"` (or just `NSG rule` when the name is unknown). */
export function nsgRuleLabel(rule: NsgRule): string {
  const name = rule.get('name');
  return name.kind === 'value' && typeof name.value === 'string' ? `NSG rule "${name.value}"` : 'NSG rule';
}

/** Port-spec predicates for NSG rules (`*` is every port). */
export const nsgPortIncludes = (port: number) => (specs: string[]) =>
  specs.some((spec) => spec.trim() === '*' || portSpecIncludes(spec, port));
export const nsgAllPorts = (specs: string[]) => specs.some(portSpecIsAll);

/** PostgreSQL / MySQL / MariaDB single servers (retired service, still common in configurations). */
export const SINGLE_DB_SERVERS = [
  'azurerm_mariadb_server',
  'azurerm_mysql_server',
  'azurerm_postgresql_server',
];

/** PostgreSQL / MySQL flexible servers. */
export const FLEXIBLE_DB_SERVERS = ['azurerm_mysql_flexible_server', 'azurerm_postgresql_flexible_server'];

/** Firewall rule types by server type. */
export const DB_FIREWALL_RULES: Record<string, string> = {
  azurerm_mariadb_server: 'azurerm_mariadb_firewall_rule',
  azurerm_mysql_server: 'azurerm_mysql_firewall_rule',
  azurerm_postgresql_server: 'azurerm_postgresql_firewall_rule',
  azurerm_mysql_flexible_server: 'azurerm_mysql_flexible_server_firewall_rule',
  azurerm_postgresql_flexible_server: 'azurerm_postgresql_flexible_server_firewall_rule',
};

/** Web apps (App Service), legacy and current resources, with their deployment slots. */
export const WEB_APPS = [
  'azurerm_app_service',
  'azurerm_app_service_slot',
  'azurerm_linux_web_app',
  'azurerm_linux_web_app_slot',
  'azurerm_windows_web_app',
  'azurerm_windows_web_app_slot',
];

/** Function apps, legacy and current resources, with their deployment slots. */
export const FUNCTION_APPS = [
  'azurerm_function_app',
  'azurerm_function_app_slot',
  'azurerm_linux_function_app',
  'azurerm_linux_function_app_slot',
  'azurerm_windows_function_app',
  'azurerm_windows_function_app_slot',
];

/** The azurerm 2.x resources, whose `site_config` defaults differ (`ftps_state` defaults to `AllAllowed`). */
export const LEGACY_APPS = [
  'azurerm_app_service',
  'azurerm_app_service_slot',
  'azurerm_function_app',
  'azurerm_function_app_slot',
];

export const ALL_APPS = [...WEB_APPS, ...FUNCTION_APPS];
