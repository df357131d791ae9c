import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { WEB_APPS, azureMeta, boolAtAny, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-app-service-client-certs',
    title: 'App Service does not require client certificates',
    severity: 'low',
    cwe: ['CWE-295'],
    description:
      'Requiring incoming client certificates (mutual TLS) means only clients holding a trusted certificate can ' +
      'reach the app at all, which suits internal and business-to-business APIs. Without it, authentication ' +
      'rests entirely on the application.',
    help: {
      bad: 'resource "azurerm_linux_web_app" "api" {\n  name                = "acme-api"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {}\n}\n',
      good: 'resource "azurerm_linux_web_app" "api" {\n  name                       = "acme-api"\n  resource_group_name        = "rg"\n  location                   = "westeurope"\n  service_plan_id            = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only                 = true\n  client_certificate_enabled = true\n  client_certificate_mode    = "Required"\n\n  site_config {}\n}\n',
      fix: 'Set `client_certificate_enabled = true` (`client_cert_enabled` on `azurerm_app_service`) with `client_certificate_mode = "Required"`, and validate the certificate in the app.',
    },
    references: [
      'https://learn.microsoft.com/azure/app-service/app-service-web-configure-tls-mutual-auth',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#client_certificate_enabled',
    ],
    checkov: ['CKV_AZURE_17'],
    tags: ['owasp:A07:2021'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...WEB_APPS)) {
      const enabled = boolAtAny(resource.block, 'client_certificate_enabled', 'client_cert_enabled');
      if (enabled.state === false || enabled.state === 'absent') reportAt(report, resource, enabled.found);
    }
  },
};
