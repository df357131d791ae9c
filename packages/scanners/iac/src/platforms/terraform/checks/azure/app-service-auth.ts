import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { ALL_APPS, azureMeta, boolAt, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-app-service-auth',
    title: 'App Service or Function App does not use built-in authentication',
    severity: 'low',
    cwe: ['CWE-306'],
    description:
      'App Service authentication ("Easy Auth", `auth_settings` / `auth_settings_v2`) rejects unauthenticated ' +
      'requests before they reach the code. Without it every request reaches the app, and protection depends on ' +
      'each endpoint checking identity itself.',
    help: {
      bad: 'resource "azurerm_linux_web_app" "admin" {\n  name                = "acme-admin"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {}\n}\n',
      good: 'resource "azurerm_linux_web_app" "admin" {\n  name                = "acme-admin"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {}\n\n  auth_settings_v2 {\n    auth_enabled           = true\n    require_authentication = true\n\n    active_directory_v2 {\n      client_id            = "00000000-0000-0000-0000-000000000000"\n      tenant_auth_endpoint = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"\n    }\n\n    login {}\n  }\n}\n',
      fix: 'Add `auth_settings_v2 { auth_enabled = true ... }` (or `auth_settings { enabled = true }` on azurerm 2.x resources) with an identity provider.',
    },
    references: [
      'https://learn.microsoft.com/azure/app-service/overview-authentication-authorization',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#auth_settings_v2',
    ],
    checkov: ['CKV_AZURE_13', 'CKV_AZURE_56'],
    tags: ['owasp:A07:2021'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...ALL_APPS)) {
      const v1 = boolAt(resource.block, 'auth_settings.enabled');
      const v2 = boolAt(resource.block, 'auth_settings_v2.auth_enabled');
      if (v1.state === true || v2.state === true || v1.state === 'unknown' || v2.state === 'unknown')
        continue;
      if (v1.state === 'other' || v2.state === 'other') continue;
      reportAt(report, resource, v2.found ?? v1.found);
    }
  },
};
