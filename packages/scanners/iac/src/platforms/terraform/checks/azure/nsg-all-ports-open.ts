import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import {
  azureMeta,
  nsgAllPorts,
  nsgAllowsFromInternet,
  nsgRuleLabel,
  nsgRules,
  reportRange,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-nsg-all-ports-open',
    title: 'Network security group allows every port from the internet',
    severity: 'high',
    cwe: ['CWE-284'],
    description:
      'An inbound Allow rule admits all destination ports (`*` or 0-65535) from `*`, `Internet` or 0.0.0.0/0. ' +
      'Every service listening on the VMs behind the group, including databases and admin interfaces never meant ' +
      'to be public, becomes reachable from the internet.',
    help: {
      bad: 'resource "azurerm_network_security_group" "web" {\n  name                = "web"\n  location            = "westeurope"\n  resource_group_name = "rg"\n\n  security_rule {\n    name                       = "allow-all"\n    priority                   = 100\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "*"\n    source_port_range          = "*"\n    destination_port_range     = "*"\n    source_address_prefix      = "Internet"\n    destination_address_prefix = "*"\n  }\n}\n',
      good: 'resource "azurerm_network_security_group" "web" {\n  name                = "web"\n  location            = "westeurope"\n  resource_group_name = "rg"\n\n  security_rule {\n    name                       = "allow-https"\n    priority                   = 100\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    destination_port_range     = "443"\n    source_address_prefix      = "Internet"\n    destination_address_prefix = "*"\n  }\n}\n',
      fix: 'Allow only the ports the service needs (for example 443) and restrict the source for anything that is not a public endpoint.',
    },
    references: [
      'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_group',
    ],
  }),
  check(project, report) {
    for (const rule of nsgRules(project)) {
      const source = nsgAllowsFromInternet(rule, ['tcp', 'udp'], nsgAllPorts);
      if (source === undefined) continue;
      const at = rule.sourceRange();
      reportRange(
        report,
        rule.resource,
        at.range,
        at.path,
        `${nsgRuleLabel(rule)} allows every port from ${source}`,
      );
    }
  },
};
