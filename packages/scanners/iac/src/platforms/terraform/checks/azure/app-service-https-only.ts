import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { ALL_APPS, azureMeta, boolAt, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-app-service-https-only',
    title: 'App Service or Function App accepts plain HTTP',
    severity: 'medium',
    cwe: ['CWE-319'],
    description:
      'Unless `https_only = true`, the app answers plain HTTP requests instead of redirecting them to HTTPS, so ' +
      'session cookies, tokens and form data can be read or changed on the network. The provider default is ' +
      '`false`.',
    help: {
      bad: 'resource "azurerm_linux_web_app" "web" {\n  name                = "acme-web"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n\n  site_config {}\n}\n',
      good: 'resource "azurerm_linux_web_app" "web" {\n  name                = "acme-web"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {}\n}\n',
      fix: 'Set `https_only = true`.',
    },
    references: [
      'https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#https_only',
    ],
    checkov: ['CKV_AZURE_14', 'CKV_AZURE_70', 'CKV_AZURE_153'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...ALL_APPS)) {
      const https = boolAt(resource.block, 'https_only');
      if (https.state === false || https.state === 'absent') reportAt(report, resource, https.found);
    }
  },
};
