import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import {
  azureMeta,
  nsgAllowsFromInternet,
  nsgPortIncludes,
  nsgRuleLabel,
  nsgRules,
  reportRange,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-nsg-rdp-open',
    title: 'Network security group allows RDP (port 3389) from the internet',
    severity: 'high',
    cwe: ['CWE-284'],
    description:
      'An inbound Allow rule admits port 3389 from `*`, `Internet` or 0.0.0.0/0. Internet-facing Remote ' +
      'Desktop is a leading ransomware entry point: credential stuffing and RDP vulnerabilities (BlueKeep) are ' +
      'exploited at scale.',
    help: {
      bad: 'resource "azurerm_network_security_rule" "rdp" {\n  name                        = "allow-rdp"\n  priority                    = 100\n  direction                   = "Inbound"\n  access                      = "Allow"\n  protocol                    = "Tcp"\n  source_port_range           = "*"\n  destination_port_range      = "3389"\n  source_address_prefix       = "*"\n  destination_address_prefix  = "*"\n  resource_group_name         = "rg"\n  network_security_group_name = "nsg"\n}\n',
      good: 'resource "azurerm_network_security_rule" "rdp" {\n  name                        = "allow-rdp-from-bastion"\n  priority                    = 100\n  direction                   = "Inbound"\n  access                      = "Allow"\n  protocol                    = "Tcp"\n  source_port_range           = "*"\n  destination_port_range      = "3389"\n  source_address_prefix       = "10.0.250.0/26"\n  destination_address_prefix  = "*"\n  resource_group_name         = "rg"\n  network_security_group_name = "nsg"\n}\n',
      fix: 'Limit `source_address_prefix` to administrative networks, or reach VMs through Azure Bastion or just-in-time VM access.',
    },
    references: [
      'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
      'https://learn.microsoft.com/azure/bastion/bastion-overview',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule',
    ],
    checkov: ['CKV_AZURE_9'],
  }),
  check(project, report) {
    for (const rule of nsgRules(project)) {
      const source = nsgAllowsFromInternet(rule, ['tcp', 'udp'], nsgPortIncludes(3389));
      if (source === undefined) continue;
      const at = rule.sourceRange();
      reportRange(
        report,
        rule.resource,
        at.range,
        at.path,
        `${nsgRuleLabel(rule)} allows RDP (3389) from ${source}`,
      );
    }
  },
};
