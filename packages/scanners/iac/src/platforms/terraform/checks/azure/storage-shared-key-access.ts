import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-storage-shared-key-access',
    title: 'Storage account allows Shared Key authorization',
    severity: 'low',
    cwe: ['CWE-522'],
    description:
      'Shared Key authorization (on unless `shared_access_key_enabled = false`) means the two account keys, and ' +
      'every SAS token signed with them, grant full access without Entra ID identity, conditional access or ' +
      'per-user audit. Keys are long-lived and often end up in app settings and scripts.',
    help: {
      bad: 'resource "azurerm_storage_account" "data" {\n  name                     = "acmedata"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n}\n',
      good: 'resource "azurerm_storage_account" "data" {\n  name                      = "acmedata"\n  resource_group_name       = "rg"\n  location                  = "westeurope"\n  account_tier              = "Standard"\n  account_replication_type  = "GRS"\n  shared_access_key_enabled = false\n}\n',
      fix: 'Grant data access with Entra ID roles (Storage Blob Data Reader/Contributor) and set `shared_access_key_enabled = false` (with `storage_use_azuread = true` in the provider block).',
    },
    references: [
      'https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#shared_access_key_enabled',
    ],
    checkov: ['CKV2_AZURE_40'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_storage_account')) {
      const shared = boolAt(resource.block, 'shared_access_key_enabled');
      if (shared.state === true || shared.state === 'absent') reportAt(report, resource, shared.found);
    }
  },
};
