import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, lookup, ofType, stringAtAny } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-key-vault-network-default-allow',
    title: 'Key Vault firewall allows traffic from all networks',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'Without `network_acls { default_action = "Deny" }` (or with `"Allow"`), the vault\'s data plane accepts ' +
      'requests from any network: a stolen token or client secret can read secrets from anywhere on the ' +
      'internet. Vaults with `public_network_access_enabled = false` are not reported.',
    help: {
      bad: 'resource "azurerm_key_vault" "main" {\n  name                     = "acme-kv"\n  location                 = "westeurope"\n  resource_group_name      = "rg"\n  tenant_id                = "00000000-0000-0000-0000-000000000000"\n  sku_name                 = "standard"\n  purge_protection_enabled = true\n\n  network_acls {\n    default_action = "Allow"\n    bypass         = "AzureServices"\n  }\n}\n',
      good: 'resource "azurerm_key_vault" "main" {\n  name                     = "acme-kv"\n  location                 = "westeurope"\n  resource_group_name      = "rg"\n  tenant_id                = "00000000-0000-0000-0000-000000000000"\n  sku_name                 = "standard"\n  purge_protection_enabled = true\n\n  network_acls {\n    default_action = "Deny"\n    bypass         = "AzureServices"\n    ip_rules       = ["203.0.113.0/24"]\n  }\n}\n',
      fix: 'Add `network_acls { default_action = "Deny" }` with the subnets and IP ranges that need access, or disable public network access and use a private endpoint.',
    },
    references: [
      'https://learn.microsoft.com/azure/key-vault/general/network-security',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#network_acls',
    ],
    checkov: ['CKV_AZURE_109'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_key_vault')) {
      const publicAccess = boolAt(resource.block, 'public_network_access_enabled');
      if (publicAccess.state === false || publicAccess.state === 'unknown') continue;
      const action = stringAtAny(resource.block, 'network_acls.default_action');
      if (action.kind === 'unknown') continue;
      if (action.kind === 'value') {
        if (action.text?.toLowerCase() === 'allow') reportAt(report, resource, action.found);
      } else if (lookup(resource.block, 'network_acls').kind === 'absent')
        reportAt(
          report,
          resource,
          undefined,
          'Key Vault has no network ACLs: it accepts traffic from all networks',
        );
    }
  },
};
