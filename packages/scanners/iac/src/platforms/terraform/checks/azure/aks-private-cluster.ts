import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-aks-private-cluster',
    title: 'AKS cluster API server has a public endpoint',
    severity: 'low',
    cwe: ['CWE-284'],
    description:
      'Unless `private_cluster_enabled = true`, the Kubernetes API server has a public IP address and is ' +
      'reachable from the internet (subject to authorized IP ranges, see iac/azure-aks-api-server-authorized-ips). ' +
      'A private cluster exposes the API server only inside the virtual network.',
    help: {
      bad: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n}\n',
      good: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  private_cluster_enabled = true\n}\n',
      fix: 'Set `private_cluster_enabled = true` (at creation) and administer the cluster from the virtual network, a jump host or `az aks command invoke`.',
    },
    references: [
      'https://learn.microsoft.com/azure/aks/private-clusters',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#private_cluster_enabled',
    ],
    checkov: ['CKV_AZURE_115'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_kubernetes_cluster')) {
      const enabled = boolAt(resource.block, 'private_cluster_enabled');
      if (enabled.state === false || enabled.state === 'absent') reportAt(report, resource, enabled.found);
    }
  },
};
