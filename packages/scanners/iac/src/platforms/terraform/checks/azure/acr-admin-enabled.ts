import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-acr-admin-enabled',
    title: 'Container registry admin user is enabled',
    severity: 'medium',
    cwe: ['CWE-798', 'CWE-522'],
    description:
      'The registry admin user is a single shared username and password with push and pull rights on every ' +
      'repository. It cannot be scoped or tied to a person, and it tends to be copied into CI variables and ' +
      'cluster secrets, where a leak lets attackers push malicious images.',
    help: {
      bad: 'resource "azurerm_container_registry" "acr" {\n  name                = "acmeregistry"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Premium"\n  admin_enabled       = true\n}\n',
      good: 'resource "azurerm_container_registry" "acr" {\n  name                = "acmeregistry"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  sku                 = "Premium"\n  admin_enabled       = false\n}\n',
      fix: 'Set `admin_enabled = false` and pull with managed identities (AcrPull role) or repository-scoped tokens.',
    },
    references: [
      'https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#admin_enabled',
    ],
    checkov: ['CKV_AZURE_137'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_container_registry')) {
      const admin = boolAt(resource.block, 'admin_enabled');
      if (admin.state === true) reportAt(report, resource, admin.found);
    }
  },
};
