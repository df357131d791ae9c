import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, isReferenced, lookup, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-sql-aad-admin',
    title: 'Azure SQL server has no Microsoft Entra ID administrator',
    severity: 'low',
    cwe: ['CWE-287'],
    description:
      'Without an Entra ID (Azure AD) administrator, the server can only be managed with SQL logins: shared ' +
      'passwords without MFA, conditional access or central deprovisioning. An Entra admin enables identity-based ' +
      'access for people and managed identities.',
    help: {
      bad: 'resource "azurerm_mssql_server" "main" {\n  name                         = "acme-sql"\n  resource_group_name          = "rg"\n  location                     = "westeurope"\n  version                      = "12.0"\n  administrator_login          = "sqladmin"\n  administrator_login_password = var.sql_password\n}\n',
      good: 'resource "azurerm_mssql_server" "main" {\n  name                = "acme-sql"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  version             = "12.0"\n\n  azuread_administrator {\n    login_username              = "sql-admins"\n    object_id                   = "00000000-0000-0000-0000-000000000000"\n    azuread_authentication_only = true\n  }\n}\n',
      fix: 'Add an `azuread_administrator` block (ideally with `azuread_authentication_only = true`).',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-configure',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#azuread_administrator',
    ],
    checkov: ['CKV2_AZURE_7', 'CKV2_AZURE_27'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, 'azurerm_mssql_server', 'azurerm_sql_server')) {
      if (lookup(resource.block, 'azuread_administrator').kind !== 'absent') continue;
      if (
        isReferenced(
          project,
          resource,
          'azurerm_sql_active_directory_administrator',
          'azurerm_mssql_server_aad_administrator',
        )
      )
        continue;
      reportAt(report, resource, undefined);
    }
  },
};
