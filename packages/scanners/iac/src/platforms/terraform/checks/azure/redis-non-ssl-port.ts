import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, boolAtAny, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-redis-non-ssl-port',
    title: 'Azure Cache for Redis enables the non-TLS port',
    severity: 'high',
    cwe: ['CWE-319'],
    description:
      'The non-TLS port (6379), enabled by `non_ssl_port_enabled = true` (`enable_non_ssl_port` before azurerm ' +
      '4.0), accepts unencrypted connections: the access key and cached data cross the network in clear text.',
    help: {
      bad: 'resource "azurerm_redis_cache" "cache" {\n  name                = "acme-cache"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  capacity            = 1\n  family              = "C"\n  sku_name            = "Standard"\n  non_ssl_port_enabled = true\n}\n',
      good: 'resource "azurerm_redis_cache" "cache" {\n  name                = "acme-cache"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  capacity            = 1\n  family              = "C"\n  sku_name            = "Standard"\n  non_ssl_port_enabled = false\n  minimum_tls_version  = "1.2"\n}\n',
      fix: 'Set `non_ssl_port_enabled = false` (the default) and connect on the TLS port 6380.',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#non_ssl_port_enabled',
    ],
    checkov: ['CKV_AZURE_91'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_redis_cache')) {
      const port = boolAtAny(resource.block, 'non_ssl_port_enabled', 'enable_non_ssl_port');
      if (port.state === true) reportAt(report, resource, port.found);
    }
  },
};
