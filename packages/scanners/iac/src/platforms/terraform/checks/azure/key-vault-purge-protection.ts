import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-key-vault-purge-protection',
    title: 'Key Vault purge protection is not enabled',
    severity: 'medium',
    cwe: ['CWE-693'],
    description:
      'Without purge protection, a deleted vault or key can be purged immediately instead of waiting out the ' +
      'soft-delete retention period. A compromised administrator, or a mistaken `terraform destroy`, can then ' +
      'permanently destroy the keys that encrypt your data.',
    help: {
      bad: 'resource "azurerm_key_vault" "main" {\n  name                = "acme-kv"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  tenant_id           = "00000000-0000-0000-0000-000000000000"\n  sku_name            = "standard"\n}\n',
      good: 'resource "azurerm_key_vault" "main" {\n  name                       = "acme-kv"\n  location                   = "westeurope"\n  resource_group_name        = "rg"\n  tenant_id                  = "00000000-0000-0000-0000-000000000000"\n  sku_name                   = "standard"\n  purge_protection_enabled   = true\n  soft_delete_retention_days = 90\n}\n',
      fix: 'Set `purge_protection_enabled = true` (it cannot be turned off again).',
    },
    references: [
      'https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#purge_protection_enabled',
    ],
    checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'],
    tags: ['owasp:A05:2021', 'resilience'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_key_vault')) {
      const purge = boolAt(resource.block, 'purge_protection_enabled');
      if (purge.state === false || purge.state === 'absent') reportAt(report, resource, purge.found);
    }
  },
};
