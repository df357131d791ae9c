import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-sql-tde-disabled',
    title: 'Azure SQL database has transparent data encryption turned off',
    severity: 'low',
    cwe: ['CWE-311'],
    description:
      'Transparent data encryption encrypts database files, backups and logs at rest and is on by default. ' +
      '`transparent_data_encryption_enabled = false` leaves them readable to anyone who obtains the files or a ' +
      'backup.',
    help: {
      bad: 'resource "azurerm_mssql_database" "app" {\n  name                                = "app"\n  server_id                           = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"\n  sku_name                            = "S0"\n  transparent_data_encryption_enabled = false\n}\n',
      good: 'resource "azurerm_mssql_database" "app" {\n  name      = "app"\n  server_id = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql"\n  sku_name  = "S0"\n}\n',
      fix: 'Remove `transparent_data_encryption_enabled = false` (the default is `true`).',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-tde-overview',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database#transparent_data_encryption_enabled',
    ],
    checkov: ['CKV2_AZURE_25'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_mssql_database')) {
      const tde = boolAt(resource.block, 'transparent_data_encryption_enabled');
      if (tde.state === false) reportAt(report, resource, tde.found);
    }
  },
};
