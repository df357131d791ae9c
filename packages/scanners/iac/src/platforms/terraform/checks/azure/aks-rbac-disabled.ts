import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAtAny, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-aks-rbac-disabled',
    title: 'AKS cluster has Kubernetes RBAC disabled',
    severity: 'high',
    cwe: ['CWE-285'],
    description:
      'With `role_based_access_control_enabled = false` (`role_based_access_control { enabled = false }` in ' +
      'azurerm 2.x), the API server does not authorize requests by role: every authenticated user and service ' +
      'account can do anything in the cluster. RBAC cannot be turned on later without recreating the cluster.',
    help: {
      bad: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  role_based_access_control_enabled = false\n}\n',
      good: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  role_based_access_control_enabled = true\n}\n',
      fix: 'Set `role_based_access_control_enabled = true` (the default) and integrate Entra ID with `azure_active_directory_role_based_access_control`.',
    },
    references: [
      'https://learn.microsoft.com/azure/aks/concepts-identity#kubernetes-rbac',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#role_based_access_control_enabled',
    ],
    checkov: ['CKV_AZURE_5'],
    tags: ['owasp:A01:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_kubernetes_cluster')) {
      const rbac = boolAtAny(
        resource.block,
        'role_based_access_control_enabled',
        'role_based_access_control.enabled',
      );
      if (rbac.state === false) reportAt(report, resource, rbac.found);
    }
  },
};
