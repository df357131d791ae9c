import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-cosmosdb-key-metadata-write',
    title: 'Cosmos DB account keys can change account metadata',
    severity: 'low',
    cwe: ['CWE-269'],
    description:
      'Unless `access_key_metadata_writes_enabled = false`, anyone holding an account key, typically every ' +
      'application, can also create or delete databases and containers and change throughput through the data ' +
      'plane, bypassing Azure RBAC on the management plane.',
    help: {
      bad: 'resource "azurerm_cosmosdb_account" "db" {\n  name                = "acme-cosmos"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  offer_type          = "Standard"\n\n  consistency_policy {\n    consistency_level = "Session"\n  }\n\n  geo_location {\n    location          = "westeurope"\n    failover_priority = 0\n  }\n}\n',
      good: 'resource "azurerm_cosmosdb_account" "db" {\n  name                = "acme-cosmos"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  offer_type          = "Standard"\n  access_key_metadata_writes_enabled = false\n\n  consistency_policy {\n    consistency_level = "Session"\n  }\n\n  geo_location {\n    location          = "westeurope"\n    failover_priority = 0\n  }\n}\n',
      fix: 'Set `access_key_metadata_writes_enabled = false` and manage databases and containers through Terraform / Azure Resource Manager.',
    },
    references: [
      'https://learn.microsoft.com/azure/cosmos-db/role-based-access-control#prevent-sdk-changes',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#access_key_metadata_writes_enabled',
    ],
    checkov: ['CKV_AZURE_132'],
    tags: ['owasp:A01:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_cosmosdb_account')) {
      const writes = boolAt(resource.block, 'access_key_metadata_writes_enabled');
      if (writes.state === true || writes.state === 'absent') reportAt(report, resource, writes.found);
    }
  },
};
