import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, lookup, ofType } from './support.js';

const FULL_RETENTION_DAYS = 90;

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-key-vault-soft-delete',
    title: 'Key Vault soft delete is disabled or its retention shortened',
    severity: 'low',
    cwe: ['CWE-693'],
    description:
      'Soft delete keeps deleted vaults, keys, secrets and certificates recoverable for a retention period ' +
      '(90 days unless `soft_delete_retention_days` lowers it, down to 7). `soft_delete_enabled = false` ' +
      '(azurerm 2.x) or a short retention means a deletion noticed late can no longer be undone.',
    help: {
      bad: 'resource "azurerm_key_vault" "main" {\n  name                       = "acme-kv"\n  location                   = "westeurope"\n  resource_group_name        = "rg"\n  tenant_id                  = "00000000-0000-0000-0000-000000000000"\n  sku_name                   = "standard"\n  purge_protection_enabled   = true\n  soft_delete_retention_days = 7\n}\n',
      good: 'resource "azurerm_key_vault" "main" {\n  name                       = "acme-kv"\n  location                   = "westeurope"\n  resource_group_name        = "rg"\n  tenant_id                  = "00000000-0000-0000-0000-000000000000"\n  sku_name                   = "standard"\n  purge_protection_enabled   = true\n  soft_delete_retention_days = 90\n}\n',
      fix: 'Remove `soft_delete_enabled = false` and keep `soft_delete_retention_days` at 90 (the default).',
    },
    references: [
      'https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#soft_delete_retention_days',
    ],
    checkov: ['CKV_AZURE_111'],
    tags: ['owasp:A05:2021', 'resilience'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_key_vault')) {
      const enabled = boolAt(resource.block, 'soft_delete_enabled');
      if (enabled.state === false) {
        reportAt(report, resource, enabled.found, 'Key Vault soft delete is disabled');
        continue;
      }
      const days = lookup(resource.block, 'soft_delete_retention_days');
      if (days.kind !== 'value') continue;
      const value =
        typeof days.value === 'number'
          ? days.value
          : typeof days.value === 'string'
            ? Number(days.value)
            : NaN;
      if (Number.isFinite(value) && value < FULL_RETENTION_DAYS)
        reportAt(report, resource, days.found, `Key Vault keeps deleted objects for only ${value} days`);
    }
  },
};
