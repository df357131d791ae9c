import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-aks-local-accounts',
    title: 'AKS cluster keeps local (non-Entra ID) admin accounts',
    severity: 'medium',
    cwe: ['CWE-287'],
    description:
      'Unless `local_account_disabled = true`, anyone with the "List cluster admin credential" permission can ' +
      'download a static cluster-admin kubeconfig that bypasses Entra ID: no MFA, no conditional access, and ' +
      'access that survives removing the person from Entra ID.',
    help: {
      bad: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n}\n',
      good: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  local_account_disabled = true\n\n  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }\n}\n',
      fix: 'Set `local_account_disabled = true` with Entra ID integration (`azure_active_directory_role_based_access_control`).',
    },
    references: [
      'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#local_account_disabled',
    ],
    checkov: ['CKV_AZURE_141'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_kubernetes_cluster')) {
      const disabled = boolAt(resource.block, 'local_account_disabled');
      if (disabled.state === false || disabled.state === 'absent') reportAt(report, resource, disabled.found);
    }
  },
};
