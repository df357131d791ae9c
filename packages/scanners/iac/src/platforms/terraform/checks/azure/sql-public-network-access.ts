import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, isReferenced, ofType } from './support.js';

const FIREWALL_RULES = ['azurerm_mssql_firewall_rule', 'azurerm_sql_firewall_rule'];

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-sql-public-network-access',
    title: 'Azure SQL server is reachable over its public endpoint',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'With public network access on (the default) and server firewall rules, the SQL endpoint is reachable from ' +
      'the internet and exposed to password spraying and to any over-broad firewall rule. Servers that leave the ' +
      'setting at its default and have no firewall rule in the configuration are not reported: no client can ' +
      'reach them publicly.',
    help: {
      bad: 'resource "azurerm_mssql_server" "main" {\n  name                          = "acme-sql"\n  resource_group_name           = "rg"\n  location                      = "westeurope"\n  version                       = "12.0"\n  minimum_tls_version           = "1.2"\n  public_network_access_enabled = true\n}\n',
      good: 'resource "azurerm_mssql_server" "main" {\n  name                          = "acme-sql"\n  resource_group_name           = "rg"\n  location                      = "westeurope"\n  version                       = "12.0"\n  minimum_tls_version           = "1.2"\n  public_network_access_enabled = false\n}\n',
      fix: 'Set `public_network_access_enabled = false` and connect through a private endpoint.',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#deny-public-network-access',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#public_network_access_enabled',
    ],
    checkov: ['CKV_AZURE_113'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_mssql_server')) {
      const publicAccess = boolAt(resource.block, 'public_network_access_enabled');
      if (publicAccess.state === true) reportAt(report, resource, publicAccess.found);
      else if (publicAccess.state === 'absent' && isReferenced(project, resource, ...FIREWALL_RULES))
        reportAt(report, resource, undefined, 'Azure SQL server has firewall rules on its public endpoint');
    }
  },
};
