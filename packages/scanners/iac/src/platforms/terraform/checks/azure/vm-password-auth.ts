import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAt, ofType, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-vm-password-auth',
    title: 'Linux virtual machine allows SSH password authentication',
    severity: 'high',
    cwe: ['CWE-287', 'CWE-521'],
    description:
      'With `disable_password_authentication = false`, SSH on the VM accepts passwords, which can be guessed, ' +
      'sprayed and reused across machines. Key-based (or Entra ID) login is not exposed to password brute ' +
      'force.',
    help: {
      bad: 'resource "azurerm_linux_virtual_machine" "vm" {\n  name                  = "app-vm"\n  resource_group_name   = "rg"\n  location              = "westeurope"\n  size                  = "Standard_B2s"\n  admin_username        = "azureuser"\n  network_interface_ids = ["/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app"]\n  admin_password                  = var.admin_password\n  disable_password_authentication = false\n\n  os_disk {\n    caching              = "ReadWrite"\n    storage_account_type = "Premium_LRS"\n  }\n\n  source_image_reference {\n    publisher = "Canonical"\n    offer     = "ubuntu-24_04-lts"\n    sku       = "server"\n    version   = "latest"\n  }\n}\n',
      good: 'resource "azurerm_linux_virtual_machine" "vm" {\n  name                  = "app-vm"\n  resource_group_name   = "rg"\n  location              = "westeurope"\n  size                  = "Standard_B2s"\n  admin_username        = "azureuser"\n  network_interface_ids = ["/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app"]\n\n  admin_ssh_key {\n    username   = "azureuser"\n    public_key = file("~/.ssh/id_ed25519.pub")\n  }\n\n  os_disk {\n    caching              = "ReadWrite"\n    storage_account_type = "Premium_LRS"\n  }\n\n  source_image_reference {\n    publisher = "Canonical"\n    offer     = "ubuntu-24_04-lts"\n    sku       = "server"\n    version   = "latest"\n  }\n}\n',
      fix: 'Remove `admin_password`, set `disable_password_authentication = true` (the default) and add an `admin_ssh_key` (or use Entra ID login).',
    },
    references: [
      'https://learn.microsoft.com/azure/virtual-machines/linux/create-ssh-keys-detailed',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_virtual_machine#disable_password_authentication',
    ],
    checkov: ['CKV_AZURE_1', 'CKV_AZURE_49', 'CKV_AZURE_149', 'CKV_AZURE_178'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(
      project,
      'azurerm_linux_virtual_machine',
      'azurerm_linux_virtual_machine_scale_set',
    )) {
      const disabled = boolAt(resource.block, 'disable_password_authentication');
      if (disabled.state === false) reportAt(report, resource, disabled.found);
    }
    for (const resource of ofType(project, 'azurerm_virtual_machine')) {
      const disabled = boolAt(resource.block, 'os_profile_linux_config.disable_password_authentication');
      if (disabled.state === false) reportAt(report, resource, disabled.found);
    }
  },
};
