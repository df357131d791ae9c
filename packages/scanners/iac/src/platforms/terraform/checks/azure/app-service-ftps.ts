import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { ALL_APPS, LEGACY_APPS, azureMeta, lookup, resourcesOf, stringAtAny } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-app-service-ftps',
    title: 'App Service or Function App allows unencrypted FTP deployment',
    severity: 'medium',
    cwe: ['CWE-319'],
    description:
      '`ftps_state = "AllAllowed"` accepts plain FTP for deployments: the deployment credentials and the code ' +
      'travel unencrypted. It is the default of the azurerm 2.x resources (`azurerm_app_service`, ' +
      '`azurerm_function_app`), which are reported when `site_config` does not set it.',
    help: {
      bad: 'resource "azurerm_windows_web_app" "web" {\n  name                = "acme-web"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {\n    ftps_state = "AllAllowed"\n  }\n}\n',
      good: 'resource "azurerm_windows_web_app" "web" {\n  name                = "acme-web"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  service_plan_id     = "/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"\n  https_only          = true\n\n  site_config {\n    ftps_state = "Disabled"\n  }\n}\n',
      fix: 'Set `site_config { ftps_state = "Disabled" }` (or `"FtpsOnly"` if FTP deployment is still needed).',
    },
    references: [
      'https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/windows_web_app#ftps_state',
    ],
    checkov: ['CKV_AZURE_78'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...ALL_APPS)) {
      const state = stringAtAny(resource.block, 'site_config.ftps_state');
      if (state.kind === 'value') {
        if (state.text?.toLowerCase() === 'allallowed') reportAt(report, resource, state.found);
      } else if (
        state.kind === 'absent' &&
        LEGACY_APPS.includes(resource.type) &&
        lookup(resource.block, 'site_config').kind !== 'unknown'
      )
        reportAt(
          report,
          resource,
          undefined,
          'App allows unencrypted FTP deployment (the azurerm 2.x default)',
        );
    }
  },
};
