import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAtAny, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-storage-https-only',
    title: 'Storage account accepts unencrypted HTTP requests',
    severity: 'high',
    cwe: ['CWE-319'],
    description:
      'With secure transfer turned off (`https_traffic_only_enabled = false`, `enable_https_traffic_only` before ' +
      'azurerm 4.0), the blob, file, queue and table endpoints accept plain HTTP: shared keys, SAS tokens and ' +
      'data cross the network in clear text.',
    help: {
      bad: 'resource "azurerm_storage_account" "data" {\n  name                       = "acmedata"\n  resource_group_name        = "rg"\n  location                   = "westeurope"\n  account_tier               = "Standard"\n  account_replication_type   = "GRS"\n  https_traffic_only_enabled = false\n}\n',
      good: 'resource "azurerm_storage_account" "data" {\n  name                       = "acmedata"\n  resource_group_name        = "rg"\n  location                   = "westeurope"\n  account_tier               = "Standard"\n  account_replication_type   = "GRS"\n  https_traffic_only_enabled = true\n}\n',
      fix: 'Set `https_traffic_only_enabled = true` (azurerm 4.x) or `enable_https_traffic_only = true` (3.x), or remove the setting: the default is true.',
    },
    references: [
      'https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#https_traffic_only_enabled',
    ],
    checkov: ['CKV_AZURE_3'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_storage_account')) {
      const https = boolAtAny(resource.block, 'https_traffic_only_enabled', 'enable_https_traffic_only');
      if (https.state === false) reportAt(report, resource, https.found);
    }
  },
};
