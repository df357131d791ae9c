import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { ALL_APPS, azureMeta, lookup, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-app-service-managed-identity',
    title: 'App Service or Function App has no managed identity',
    severity: 'low',
    cwe: ['CWE-798'],
    description:
      'Without an `identity` block the app cannot authenticate to Key Vault, Storage, SQL and other services ' +
      'with Entra ID, so it ends up holding connection strings, keys and passwords in its settings instead.',
    help: {
      bad: 'resource "azurerm_linux_function_app" "jobs" {\n  name                       = "acme-jobs"\n  resource_group_name        = "rg"\n  location                   = "westeurope"\n  service_plan_id            = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  storage_account_name       = "acmejobs"\n  storage_account_access_key = var.storage_key\n  https_only                 = true\n\n  site_config {}\n}\n',
      good: 'resource "azurerm_linux_function_app" "jobs" {\n  name                          = "acme-jobs"\n  resource_group_name           = "rg"\n  location                      = "westeurope"\n  service_plan_id               = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  storage_account_name          = "acmejobs"\n  storage_uses_managed_identity = true\n  https_only                    = true\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  site_config {}\n}\n',
      fix: 'Add `identity { type = "SystemAssigned" }` (or a user-assigned identity) and grant it the roles the app needs.',
    },
    references: [
      'https://learn.microsoft.com/azure/app-service/overview-managed-identity',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#identity',
    ],
    checkov: ['CKV_AZURE_16', 'CKV_AZURE_71'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...ALL_APPS))
      if (lookup(resource.block, 'identity').kind === 'absent') reportAt(report, resource, undefined);
  },
};
