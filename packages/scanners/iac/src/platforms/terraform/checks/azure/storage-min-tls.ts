import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, isWeakTls, ofType, stringAtAny } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-storage-min-tls',
    title: 'Storage account accepts TLS versions older than 1.2',
    severity: 'medium',
    cwe: ['CWE-326', 'CWE-327'],
    description:
      '`min_tls_version = "TLS1_0"` or `"TLS1_1"` lets clients negotiate deprecated TLS versions with known ' +
      'weaknesses (BEAST, weak cipher suites). Azure is retiring TLS 1.0/1.1 for Storage; 1.2 is the default ' +
      'since azurerm 3.0.',
    help: {
      bad: 'resource "azurerm_storage_account" "data" {\n  name                     = "acmedata"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n  min_tls_version          = "TLS1_0"\n}\n',
      good: 'resource "azurerm_storage_account" "data" {\n  name                     = "acmedata"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n  min_tls_version          = "TLS1_2"\n}\n',
      fix: 'Set `min_tls_version = "TLS1_2"`.',
    },
    references: [
      'https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#min_tls_version',
    ],
    checkov: ['CKV_AZURE_44'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_storage_account')) {
      const tls = stringAtAny(resource.block, 'min_tls_version');
      if (tls.kind === 'value' && isWeakTls(tls.text)) reportAt(report, resource, tls.found);
    }
  },
};
