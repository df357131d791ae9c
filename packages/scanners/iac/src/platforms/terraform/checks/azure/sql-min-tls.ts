import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, isWeakTls, ofType, stringAtAny } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-sql-min-tls',
    title: 'Azure SQL server accepts TLS versions older than 1.2',
    severity: 'medium',
    cwe: ['CWE-326', 'CWE-327'],
    description:
      '`minimum_tls_version = "1.0"`, `"1.1"` or `"Disabled"` lets clients connect with deprecated TLS versions ' +
      'that have known weaknesses. The default has been 1.2 since azurerm 3.0.',
    help: {
      bad: 'resource "azurerm_mssql_server" "main" {\n  name                = "acme-sql"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  version             = "12.0"\n  minimum_tls_version = "1.0"\n}\n',
      good: 'resource "azurerm_mssql_server" "main" {\n  name                = "acme-sql"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  version             = "12.0"\n  minimum_tls_version = "1.2"\n}\n',
      fix: 'Set `minimum_tls_version = "1.2"`.',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#configure-minimum-tls-version',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#minimum_tls_version',
    ],
    checkov: ['CKV_AZURE_52'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_mssql_server')) {
      const tls = stringAtAny(resource.block, 'minimum_tls_version');
      if (tls.kind === 'value' && isWeakTls(tls.text)) reportAt(report, resource, tls.found);
    }
  },
};
