import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-key-vault-key-expiration',
    title: 'Key Vault key has no expiration date',
    severity: 'low',
    cwe: ['CWE-324'],
    description:
      'A key without `expiration_date` can be used indefinitely, so a compromised key version keeps encrypting ' +
      'and signing. An expiry date (with a `rotation_policy`) bounds the lifetime of each key version.',
    help: {
      bad: 'resource "azurerm_key_vault_key" "data" {\n  name         = "data"\n  key_vault_id = azurerm_key_vault.main.id\n  key_type     = "RSA"\n  key_size     = 2048\n  key_opts     = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]\n}\n',
      good: 'resource "azurerm_key_vault_key" "data" {\n  name            = "data"\n  key_vault_id    = azurerm_key_vault.main.id\n  key_type        = "RSA"\n  key_size        = 2048\n  key_opts        = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]\n  expiration_date = "2026-12-31T00:00:00Z"\n}\n',
      fix: 'Set `expiration_date` (RFC 3339) and rotate before it passes.',
    },
    references: [
      'https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_key#expiration_date',
    ],
    checkov: ['CKV_AZURE_40'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_key_vault_key')) {
      const expiry = lookup(resource.block, 'expiration_date');
      if (expiry.kind === 'absent' || (expiry.kind === 'value' && expiry.value === null))
        reportAt(report, resource, undefined);
    }
  },
};
