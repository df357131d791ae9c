import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-storage-public-blob-access',
    title: 'Storage account allows anonymous public access to blobs',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'When anonymous access is allowed on the account (`allow_nested_items_to_be_public`, which defaults to ' +
      '`true` in azurerm 3.x and 4.x; `allow_blob_public_access = true` in 2.x), any container can be made ' +
      'public with a single setting, and anything in it becomes readable by anyone. Turning it off at the ' +
      'account level is the guardrail Microsoft recommends.',
    help: {
      bad: 'resource "azurerm_storage_account" "data" {\n  name                     = "acmedata"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n}\n',
      good: 'resource "azurerm_storage_account" "data" {\n  name                            = "acmedata"\n  resource_group_name             = "rg"\n  location                        = "westeurope"\n  account_tier                    = "Standard"\n  account_replication_type        = "GRS"\n  allow_nested_items_to_be_public = false\n}\n',
      fix: 'Set `allow_nested_items_to_be_public = false` (azurerm 3.x/4.x) and serve public content through a CDN or SAS tokens.',
    },
    references: [
      'https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#allow_nested_items_to_be_public',
    ],
    checkov: ['CKV_AZURE_190', 'CKV2_AZURE_47'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_storage_account')) {
      const nested = boolAt(resource.block, 'allow_nested_items_to_be_public');
      const legacy = boolAt(resource.block, 'allow_blob_public_access');
      if (nested.state === true) reportAt(report, resource, nested.found);
      else if (legacy.state === true) reportAt(report, resource, legacy.found);
      // azurerm 3.x/4.x default to true; a configuration using the 2.x name (default false) is on 2.x.
      else if (nested.state === 'absent' && legacy.state === 'absent')
        reportAt(
          report,
          resource,
          undefined,
          'Storage account allows anonymous public access to blobs (the azurerm default)',
        );
    }
  },
};
