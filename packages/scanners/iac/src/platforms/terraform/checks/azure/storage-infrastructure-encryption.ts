import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-storage-infrastructure-encryption',
    title: 'Storage account does not use infrastructure (double) encryption',
    severity: 'low',
    cwe: ['CWE-311'],
    description:
      'Azure Storage always encrypts data at rest once. Infrastructure encryption adds a second layer with a ' +
      'different algorithm and key, protecting against a compromise of one of them; it is required by some ' +
      'compliance regimes and can only be chosen when the account is created.',
    help: {
      bad: 'resource "azurerm_storage_account" "data" {\n  name                     = "acmedata"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n}\n',
      good: 'resource "azurerm_storage_account" "data" {\n  name                              = "acmedata"\n  resource_group_name               = "rg"\n  location                          = "westeurope"\n  account_tier                      = "Standard"\n  account_replication_type          = "GRS"\n  infrastructure_encryption_enabled = true\n}\n',
      fix: 'Set `infrastructure_encryption_enabled = true` when creating the account (changing it recreates the account).',
    },
    references: [
      'https://learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#infrastructure_encryption_enabled',
    ],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_storage_account')) {
      const infra = boolAt(resource.block, 'infrastructure_encryption_enabled');
      if (infra.state === false || infra.state === 'absent') reportAt(report, resource, infra.found);
    }
  },
};
