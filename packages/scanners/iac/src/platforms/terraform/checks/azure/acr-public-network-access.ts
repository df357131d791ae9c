import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { azureMeta, boolAt, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-acr-public-network-access',
    title: 'Premium container registry is reachable from any network',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'A Premium registry with public network access on (the default) and no network rule set denying by ' +
      'default can be reached from anywhere, so leaked credentials are enough to pull proprietary images or push ' +
      'malicious ones. Only the Premium tier supports network restrictions; Basic and Standard registries are ' +
      'not reported.',
    help: {
      bad: 'resource "azurerm_container_registry" "acr" {\n  name                = "acmeregistry"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Premium"\n  admin_enabled       = false\n}\n',
      good: 'resource "azurerm_container_registry" "acr" {\n  name                = "acmeregistry"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Premium"\n  admin_enabled                 = false\n  public_network_access_enabled = false\n}\n',
      fix: 'Set `public_network_access_enabled = false` with private endpoints, or add `network_rule_set { default_action = "Deny" }` with the allowed IP ranges.',
    },
    references: [
      'https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#public_network_access_enabled',
    ],
    checkov: ['CKV_AZURE_139'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_container_registry')) {
      const sku = lookup(resource.block, 'sku');
      if (sku.kind !== 'value' || asString(sku.value)?.toLowerCase() !== 'premium') continue;
      const publicAccess = boolAt(resource.block, 'public_network_access_enabled');
      if (publicAccess.state === false || publicAccess.state === 'unknown' || publicAccess.state === 'other')
        continue;
      const action = lookup(resource.block, 'network_rule_set.default_action');
      if (action.kind === 'unknown') continue;
      if (action.kind === 'value' && asString(action.value)?.toLowerCase() === 'deny') continue;
      reportAt(report, resource, publicAccess.found);
    }
  },
};
