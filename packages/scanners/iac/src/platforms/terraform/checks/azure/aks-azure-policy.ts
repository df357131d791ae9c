import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAtAny, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-aks-azure-policy',
    title: 'AKS cluster does not use the Azure Policy add-on',
    severity: 'low',
    cwe: ['CWE-693'],
    description:
      'The Azure Policy add-on (Gatekeeper) enforces pod security and other admission policies across the ' +
      'cluster, such as blocking privileged containers or images from untrusted registries. Without it nothing ' +
      'stops such workloads at admission.',
    help: {
      bad: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n}\n',
      good: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  azure_policy_enabled = true\n}\n',
      fix: 'Set `azure_policy_enabled = true` (`addon_profile { azure_policy { enabled = true } }` in azurerm 2.x) and assign the Kubernetes policy initiatives.',
    },
    references: [
      'https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#azure_policy_enabled',
    ],
    checkov: ['CKV_AZURE_116'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_kubernetes_cluster')) {
      const policy = boolAtAny(resource.block, 'azure_policy_enabled', 'addon_profile.azure_policy.enabled');
      if (policy.state === false || policy.state === 'absent') reportAt(report, resource, policy.found);
    }
  },
};
