import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, isReferenced, lookup, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-sql-auditing',
    title: 'Azure SQL server has no auditing policy',
    severity: 'low',
    cwe: ['CWE-778'],
    description:
      'Without an extended auditing policy, logins, permission changes and queries on the server are not ' +
      'recorded, so a breach or misuse cannot be investigated. Auditing can be configured inline ' +
      '(`extended_auditing_policy`) or with `azurerm_mssql_server_extended_auditing_policy`.',
    help: {
      bad: 'resource "azurerm_mssql_server" "main" {\n  name                          = "acme-sql"\n  resource_group_name           = "rg"\n  location                      = "westeurope"\n  version                       = "12.0"\n  public_network_access_enabled = false\n}\n',
      good: 'resource "azurerm_mssql_server" "main" {\n  name                          = "acme-sql"\n  resource_group_name           = "rg"\n  location                      = "westeurope"\n  version                       = "12.0"\n  public_network_access_enabled = false\n}\n\nresource "azurerm_mssql_server_extended_auditing_policy" "main" {\n  server_id              = azurerm_mssql_server.main.id\n  log_monitoring_enabled = true\n  retention_in_days      = 90\n}\n',
      fix: 'Add an `azurerm_mssql_server_extended_auditing_policy` for the server (to Log Analytics, a storage account or Event Hubs).',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-sql/database/auditing-overview',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server_extended_auditing_policy',
    ],
    checkov: ['CKV_AZURE_23'],
    tags: ['owasp:A09:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, 'azurerm_mssql_server', 'azurerm_sql_server')) {
      if (lookup(resource.block, 'extended_auditing_policy').kind !== 'absent') continue;
      if (
        isReferenced(
          project,
          resource,
          'azurerm_mssql_server_extended_auditing_policy',
          'azurerm_mssql_database_extended_auditing_policy',
        )
      )
        continue;
      reportAt(report, resource, undefined);
    }
  },
};
