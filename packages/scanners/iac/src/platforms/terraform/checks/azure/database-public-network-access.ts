import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import {
  DB_FIREWALL_RULES,
  FLEXIBLE_DB_SERVERS,
  SINGLE_DB_SERVERS,
  azureMeta,
  boolAt,
  isReferenced,
  resourcesOf,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-database-public-network-access',
    title: 'PostgreSQL, MySQL or MariaDB server is reachable over its public endpoint',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      "With public network access on, the server's endpoint accepts connections from the internet subject only " +
      'to its firewall rules, so a broad rule or a leaked password is enough to reach the data. Single servers ' +
      'that leave the setting at its default (on) are reported when the configuration also adds firewall rules; ' +
      'flexible servers when the setting is explicitly on.',
    help: {
      bad: 'resource "azurerm_mysql_server" "main" {\n  name                          = "acme-mysql"\n  location                      = "westeurope"\n  resource_group_name           = "rg"\n  sku_name                      = "GP_Gen5_2"\n  version                       = "8.0"\n  ssl_enforcement_enabled       = true\n  public_network_access_enabled = true\n}\n',
      good: 'resource "azurerm_mysql_server" "main" {\n  name                          = "acme-mysql"\n  location                      = "westeurope"\n  resource_group_name           = "rg"\n  sku_name                      = "GP_Gen5_2"\n  version                       = "8.0"\n  ssl_enforcement_enabled       = true\n  public_network_access_enabled = false\n}\n',
      fix: 'Set `public_network_access_enabled = false` and connect through a private endpoint (single servers) or VNet integration (flexible servers).',
    },
    references: [
      'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking',
      'https://learn.microsoft.com/azure/mysql/flexible-server/concepts-networking',
    ],
    checkov: ['CKV_AZURE_48', 'CKV_AZURE_53', 'CKV_AZURE_68'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...SINGLE_DB_SERVERS, ...FLEXIBLE_DB_SERVERS)) {
      const publicAccess = boolAt(resource.block, 'public_network_access_enabled');
      if (publicAccess.state === true) reportAt(report, resource, publicAccess.found);
      else if (
        publicAccess.state === 'absent' &&
        SINGLE_DB_SERVERS.includes(resource.type) &&
        isReferenced(project, resource, DB_FIREWALL_RULES[resource.type] ?? '')
      )
        reportAt(report, resource, undefined, 'Database server has firewall rules on its public endpoint');
    }
  },
};
