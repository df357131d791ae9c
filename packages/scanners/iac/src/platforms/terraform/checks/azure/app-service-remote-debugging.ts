import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { ALL_APPS, azureMeta, boolAtAny, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-app-service-remote-debugging',
    title: 'App Service or Function App has remote debugging enabled',
    severity: 'medium',
    cwe: ['CWE-489'],
    description:
      'Remote debugging opens extra inbound ports and lets a debugger attach to the production process, read its ' +
      'memory and change its execution. It is meant for short debugging sessions and should not be left on in ' +
      'configuration.',
    help: {
      bad: 'resource "azurerm_windows_web_app" "web" {\n  name                = "acme-web"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {\n    remote_debugging_enabled = true\n    remote_debugging_version = "VS2022"\n  }\n}\n',
      good: 'resource "azurerm_windows_web_app" "web" {\n  name                = "acme-web"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {\n    remote_debugging_enabled = false\n  }\n}\n',
      fix: 'Remove `remote_debugging_enabled = true` (the default is `false`).',
    },
    references: [
      'https://learn.microsoft.com/visualstudio/debugger/remote-debugging-azure-app-service',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/windows_web_app#remote_debugging_enabled',
    ],
    checkov: ['CKV_AZURE_72', 'CKV_AZURE_155'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...ALL_APPS)) {
      const debug = boolAtAny(
        resource.block,
        'site_config.remote_debugging_enabled',
        'site_config.remote_debugging',
      );
      if (debug.state === true) reportAt(report, resource, debug.found);
    }
  },
};
