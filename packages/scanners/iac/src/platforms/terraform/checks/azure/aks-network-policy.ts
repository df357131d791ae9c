import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-aks-network-policy',
    title: 'AKS cluster has no network policy engine',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'Without `network_profile { network_policy = ... }` (azure, calico or cilium), Kubernetes NetworkPolicy ' +
      'objects are ignored and every pod can reach every other pod, so one compromised workload can probe ' +
      'databases and internal services across namespaces. The engine can only be chosen at cluster creation on ' +
      'older versions.',
    help: {
      bad: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  network_profile {\n    network_plugin = "azure"\n  }\n}\n',
      good: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  network_profile {\n    network_plugin = "azure"\n    network_policy = "calico"\n  }\n}\n',
      fix: 'Set `network_profile { network_policy = "azure" }` (or `"calico"` / `"cilium"`) and define NetworkPolicies for each namespace.',
    },
    references: [
      'https://learn.microsoft.com/azure/aks/use-network-policies',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#network_policy',
    ],
    checkov: ['CKV_AZURE_7'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_kubernetes_cluster')) {
      const policy = lookup(resource.block, 'network_profile.network_policy');
      if (
        policy.kind === 'absent' ||
        (policy.kind === 'value' && (policy.value === null || policy.value === ''))
      )
        reportAt(report, resource, undefined);
    }
  },
};
