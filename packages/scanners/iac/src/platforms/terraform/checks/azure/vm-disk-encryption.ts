import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, lookup, ofType, resourcesOf } from './support.js';

const VMS = [
  'azurerm_linux_virtual_machine',
  'azurerm_linux_virtual_machine_scale_set',
  'azurerm_windows_virtual_machine',
  'azurerm_windows_virtual_machine_scale_set',
];

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-vm-disk-encryption',
    title: 'Virtual machine disks are not encrypted at host or with a customer-managed key',
    severity: 'low',
    cwe: ['CWE-311'],
    description:
      'Managed disks are encrypted at rest by the storage service, but temporary disks, caches and the data path ' +
      'between the VM host and storage are not, unless `encryption_at_host_enabled = true`. A disk encryption ' +
      'set (customer-managed key) puts the key under your own control. Managed disks with ' +
      '`encryption_settings { enabled = false }` are reported too.',
    help: {
      bad: 'resource "azurerm_linux_virtual_machine" "vm" {\n  name                  = "app-vm"\n  resource_group_name   = "rg"\n  location              = "westeurope"\n  size                  = "Standard_B2s"\n  admin_username        = "azureuser"\n  network_interface_ids = ["/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app"]\n\n  admin_ssh_key {\n    username   = "azureuser"\n    public_key = file("~/.ssh/id_ed25519.pub")\n  }\n\n  os_disk {\n    caching              = "ReadWrite"\n    storage_account_type = "Premium_LRS"\n  }\n\n  source_image_reference {\n    publisher = "Canonical"\n    offer     = "ubuntu-24_04-lts"\n    sku       = "server"\n    version   = "latest"\n  }\n}\n',
      good: 'resource "azurerm_linux_virtual_machine" "vm" {\n  name                  = "app-vm"\n  resource_group_name   = "rg"\n  location              = "westeurope"\n  size                  = "Standard_B2s"\n  admin_username        = "azureuser"\n  network_interface_ids = ["/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app"]\n  encryption_at_host_enabled = true\n\n  admin_ssh_key {\n    username   = "azureuser"\n    public_key = file("~/.ssh/id_ed25519.pub")\n  }\n\n  os_disk {\n    caching              = "ReadWrite"\n    storage_account_type = "Premium_LRS"\n  }\n\n  source_image_reference {\n    publisher = "Canonical"\n    offer     = "ubuntu-24_04-lts"\n    sku       = "server"\n    version   = "latest"\n  }\n}\n',
      fix: 'Set `encryption_at_host_enabled = true` (after registering the EncryptionAtHost feature), or set `os_disk.disk_encryption_set_id` to a disk encryption set.',
    },
    references: [
      'https://learn.microsoft.com/azure/virtual-machines/disk-encryption-overview',
      'https://learn.microsoft.com/azure/virtual-machines/disks-enable-host-based-encryption-portal',
    ],
    checkov: ['CKV_AZURE_2', 'CKV_AZURE_97', 'CKV_AZURE_151'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...VMS)) {
      const atHost = boolAt(resource.block, 'encryption_at_host_enabled');
      if (atHost.state === true || atHost.state === 'unknown' || atHost.state === 'other') continue;
      const diskSet = lookup(resource.block, 'os_disk.disk_encryption_set_id');
      const confidential = lookup(resource.block, 'os_disk.secure_vm_disk_encryption_set_id');
      if (
        [diskSet, confidential].some(
          (l) => l.kind === 'unknown' || (l.kind === 'value' && l.value !== null && l.value !== ''),
        )
      )
        continue;
      if (lookup(resource.block, 'os_disk').kind === 'unknown') continue;
      reportAt(report, resource, atHost.found);
    }
    for (const resource of ofType(project, 'azurerm_managed_disk')) {
      const enabled = boolAt(resource.block, 'encryption_settings.enabled');
      if (enabled.state === false) reportAt(report, resource, enabled.found);
    }
  },
};
