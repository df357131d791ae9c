import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { azureMeta, lookup, resourcesOf } from './support.js';

/** Server-level firewall rules of Azure database services. */
const FIREWALL_RULES = [
  'azurerm_mssql_firewall_rule',
  'azurerm_sql_firewall_rule',
  'azurerm_postgresql_firewall_rule',
  'azurerm_postgresql_flexible_server_firewall_rule',
  'azurerm_mysql_firewall_rule',
  'azurerm_mysql_flexible_server_firewall_rule',
  'azurerm_mariadb_firewall_rule',
  'azurerm_synapse_firewall_rule',
];

/** An IPv4 address as a number; undefined when not a dotted quad. */
function ipv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-sql-firewall-open',
    title: 'Database firewall rule allows the whole internet',
    severity: 'high',
    cwe: ['CWE-284'],
    description:
      'A server firewall rule from 0.0.0.0 to 255.255.255.255 (or any range spanning half the IPv4 space) lets ' +
      'every address on the internet reach the SQL, PostgreSQL, MySQL or MariaDB endpoint, leaving only the ' +
      'database password between the data and attackers. The 0.0.0.0-0.0.0.0 rule ("allow Azure services") is ' +
      'not reported here.',
    help: {
      bad: 'resource "azurerm_mssql_firewall_rule" "all" {\n  name             = "allow-all"\n  server_id        = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"\n  start_ip_address = "0.0.0.0"\n  end_ip_address   = "255.255.255.255"\n}\n',
      good: 'resource "azurerm_mssql_firewall_rule" "office" {\n  name             = "office"\n  server_id        = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"\n  start_ip_address = "203.0.113.0"\n  end_ip_address   = "203.0.113.255"\n}\n',
      fix: 'Allow only the public IP ranges of known clients, or disable public access and use private endpoints.',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-sql/database/firewall-configure',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_firewall_rule',
    ],
    checkov: ['CKV_AZURE_11', 'CKV2_AZURE_26'],
    tags: ['owasp:A01:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...FIREWALL_RULES)) {
      const start = lookup(resource.block, 'start_ip_address');
      const end = lookup(resource.block, 'end_ip_address');
      if (start.kind !== 'value' || end.kind !== 'value') continue;
      const low = ipv4(asString(start.value) ?? '');
      const high = ipv4(asString(end.value) ?? '');
      if (low === undefined || high === undefined) continue;
      if (high - low + 1 >= 2 ** 31)
        reportAt(
          report,
          resource,
          end.found,
          `Firewall rule allows ${asString(start.value)}-${asString(end.value)}`,
        );
    }
  },
};
