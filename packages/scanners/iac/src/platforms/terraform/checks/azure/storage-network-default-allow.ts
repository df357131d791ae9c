import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, isReferenced, lookup, ofType, stringAtAny } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-storage-network-default-allow',
    title: 'Storage account firewall allows traffic from all networks',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'With `network_rules { default_action = "Allow" }` (or no network rules at all), the storage endpoints ' +
      'accept requests from any network, so a leaked key or SAS token can be used from anywhere. A default ' +
      'action of `Deny` with explicit virtual network and IP rules (or private endpoints with public network ' +
      'access disabled) limits where the account can be reached from.',
    help: {
      bad: 'resource "azurerm_storage_account" "data" {\n  name                     = "acmedata"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n\n  network_rules {\n    default_action = "Allow"\n  }\n}\n',
      good: 'resource "azurerm_storage_account" "data" {\n  name                     = "acmedata"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n\n  network_rules {\n    default_action             = "Deny"\n    bypass                     = ["AzureServices"]\n    virtual_network_subnet_ids = ["/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app"]\n  }\n}\n',
      fix: 'Set `network_rules { default_action = "Deny" }` with the subnets and IP ranges that need access, or disable public network access and use private endpoints.',
    },
    references: [
      'https://learn.microsoft.com/azure/storage/common/storage-network-security',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#network_rules',
    ],
    checkov: ['CKV_AZURE_35'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_storage_account')) {
      const action = stringAtAny(resource.block, 'network_rules.default_action');
      if (action.kind === 'unknown') continue;
      if (action.kind === 'value') {
        if (action.text?.toLowerCase() === 'allow') reportAt(report, resource, action.found);
        continue;
      }
      if (lookup(resource.block, 'network_rules').kind !== 'absent') continue;
      const publicAccess = boolAt(resource.block, 'public_network_access_enabled');
      if (publicAccess.state === false || publicAccess.state === 'unknown') continue;
      if (isReferenced(project, resource, 'azurerm_storage_account_network_rules')) continue;
      reportAt(
        report,
        resource,
        undefined,
        'Storage account has no network rules: it accepts traffic from all networks',
      );
    }
    for (const resource of ofType(project, 'azurerm_storage_account_network_rules')) {
      const action = stringAtAny(resource.block, 'default_action');
      if (action.kind === 'value' && action.text?.toLowerCase() === 'allow')
        reportAt(report, resource, action.found);
    }
  },
};
