import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { ALL_APPS, azureMeta, isWeakTls, resourcesOf, stringAtAny } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-app-service-min-tls',
    title: 'App Service or Function App accepts TLS versions older than 1.2',
    severity: 'medium',
    cwe: ['CWE-326', 'CWE-327'],
    description:
      'A minimum TLS version of 1.0 or 1.1 for the site or its SCM (Kudu) endpoint lets clients negotiate ' +
      'deprecated protocol versions with known weaknesses. The default is 1.2.',
    help: {
      bad: 'resource "azurerm_linux_web_app" "web" {\n  name                = "acme-web"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {\n    minimum_tls_version = "1.0"\n  }\n}\n',
      good: 'resource "azurerm_linux_web_app" "web" {\n  name                = "acme-web"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {\n    minimum_tls_version = "1.2"\n  }\n}\n',
      fix: 'Set `minimum_tls_version` (azurerm 3.x/4.x; `min_tls_version` in 2.x) and `scm_minimum_tls_version` to "1.2" or later.',
    },
    references: [
      'https://learn.microsoft.com/azure/app-service/overview-tls',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#minimum_tls_version',
    ],
    checkov: ['CKV_AZURE_15', 'CKV_AZURE_145', 'CKV_AZURE_154'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...ALL_APPS)) {
      for (const names of [
        ['site_config.minimum_tls_version', 'site_config.min_tls_version'],
        ['site_config.scm_minimum_tls_version', 'site_config.scm_min_tls_version'],
      ]) {
        const tls = stringAtAny(resource.block, ...names);
        if (tls.kind === 'value' && isWeakTls(tls.text)) reportAt(report, resource, tls.found);
      }
    }
  },
};
