import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, lookup, ofType, stringItems } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-cosmosdb-public-network-access',
    title: 'Cosmos DB account is reachable from any network',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'A Cosmos DB account with public network access on (the default), no IP firewall (`ip_range_filter`) and ' +
      'no virtual network filter accepts requests from the whole internet, so a leaked account key is usable ' +
      'from anywhere.',
    help: {
      bad: 'resource "azurerm_cosmosdb_account" "db" {\n  name                = "acme-cosmos"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  offer_type          = "Standard"\n\n  consistency_policy {\n    consistency_level = "Session"\n  }\n\n  geo_location {\n    location          = "westeurope"\n    failover_priority = 0\n  }\n}\n',
      good: 'resource "azurerm_cosmosdb_account" "db" {\n  name                = "acme-cosmos"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  offer_type          = "Standard"\n  public_network_access_enabled = false\n\n  consistency_policy {\n    consistency_level = "Session"\n  }\n\n  geo_location {\n    location          = "westeurope"\n    failover_priority = 0\n  }\n}\n',
      fix: 'Set `public_network_access_enabled = false` and use private endpoints, or restrict access with `ip_range_filter` and `is_virtual_network_filter_enabled` with `virtual_network_rule` blocks.',
    },
    references: [
      'https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#public_network_access_enabled',
    ],
    checkov: ['CKV_AZURE_99', 'CKV_AZURE_101'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_cosmosdb_account')) {
      const publicAccess = boolAt(resource.block, 'public_network_access_enabled');
      if (publicAccess.state === false || publicAccess.state === 'unknown' || publicAccess.state === 'other')
        continue;
      const vnetFilter = boolAt(resource.block, 'is_virtual_network_filter_enabled');
      if (vnetFilter.state === true || vnetFilter.state === 'unknown') continue;
      // `ip_range_filter`: a comma-separated string (azurerm 3.x) or a list (4.x).
      const ipFilter = lookup(resource.block, 'ip_range_filter');
      if (ipFilter.kind === 'unknown') continue;
      if (ipFilter.kind === 'value') {
        const items = stringItems(ipFilter.value);
        if (items.unknown || items.items.some((item) => item.split(',').some((part) => part.trim() !== '')))
          continue;
      }
      reportAt(report, resource, publicAccess.found);
    }
  },
};
