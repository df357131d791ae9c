import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, isWorldCidr, lookup, ofType, stringItems } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-aks-api-server-authorized-ips',
    title: 'AKS public API server accepts connections from any IP address',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'A public AKS API server without authorized IP ranges (`api_server_access_profile { authorized_ip_ranges ' +
      '}`, or `api_server_authorized_ip_ranges` before azurerm 3.39) accepts connections from the whole ' +
      'internet, exposing it to credential attacks and API server vulnerabilities. Private clusters are not ' +
      'reported.',
    help: {
      bad: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n}\n',
      good: 'resource "azurerm_kubernetes_cluster" "main" {\n  name                = "acme-aks"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  dns_prefix          = "acme"\n\n  default_node_pool {\n    name       = "default"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n\n  identity {\n    type = "SystemAssigned"\n  }\n\n  api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }\n}\n',
      fix: 'Add `api_server_access_profile { authorized_ip_ranges = [...] }` with the networks that administer the cluster, or make the cluster private.',
    },
    references: [
      'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#authorized_ip_ranges',
    ],
    checkov: ['CKV_AZURE_6'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_kubernetes_cluster')) {
      const isPrivate = boolAt(resource.block, 'private_cluster_enabled');
      if (isPrivate.state === true || isPrivate.state === 'unknown') continue;
      let configured = false;
      let unknown = false;
      for (const path of [
        'api_server_access_profile.authorized_ip_ranges',
        'api_server_authorized_ip_ranges',
      ]) {
        const ranges = lookup(resource.block, path);
        if (ranges.kind === 'unknown') unknown = true;
        if (ranges.kind !== 'value') continue;
        const list = stringItems(ranges.value);
        if (list.unknown) unknown = true;
        if (list.items.some(isWorldCidr)) {
          reportAt(report, resource, ranges.found, 'AKS authorized IP ranges include 0.0.0.0/0');
          configured = true;
          unknown = false;
          break;
        }
        if (list.items.length > 0) configured = true;
      }
      if (!configured && !unknown) reportAt(report, resource, undefined);
    }
  },
};
