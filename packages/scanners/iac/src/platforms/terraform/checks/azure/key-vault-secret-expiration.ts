import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-key-vault-secret-expiration',
    title: 'Key Vault secret has no expiration date',
    severity: 'low',
    cwe: ['CWE-324'],
    description:
      'A secret without `expiration_date` stays valid forever: nothing prompts its rotation, and a leaked value ' +
      'keeps working. An expiry date makes rotation part of the lifecycle and lets Azure Policy and Event Grid ' +
      'warn before it lapses.',
    help: {
      bad: 'resource "azurerm_key_vault_secret" "db" {\n  name         = "db-password"\n  value        = var.db_password\n  key_vault_id = azurerm_key_vault.main.id\n}\n',
      good: 'resource "azurerm_key_vault_secret" "db" {\n  name            = "db-password"\n  value           = var.db_password\n  key_vault_id    = azurerm_key_vault.main.id\n  expiration_date = "2026-12-31T00:00:00Z"\n}\n',
      fix: 'Set `expiration_date` (RFC 3339) and rotate before it passes.',
    },
    references: [
      'https://learn.microsoft.com/azure/key-vault/secrets/tutorial-rotation',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_secret#expiration_date',
    ],
    checkov: ['CKV_AZURE_41'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_key_vault_secret')) {
      const expiry = lookup(resource.block, 'expiration_date');
      if (expiry.kind === 'absent' || (expiry.kind === 'value' && expiry.value === null))
        reportAt(report, resource, undefined);
    }
  },
};
