import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, isWeakTls, ofType, stringAtAny } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-redis-min-tls',
    title: 'Azure Cache for Redis accepts TLS versions older than 1.2',
    severity: 'medium',
    cwe: ['CWE-326', 'CWE-327'],
    description:
      '`minimum_tls_version = "1.0"` or `"1.1"` lets clients connect with deprecated TLS versions that have ' +
      'known weaknesses; Azure is retiring them for Redis.',
    help: {
      bad: 'resource "azurerm_redis_cache" "cache" {\n  name                = "acme-cache"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  capacity            = 1\n  family              = "C"\n  sku_name            = "Standard"\n  minimum_tls_version = "1.0"\n}\n',
      good: 'resource "azurerm_redis_cache" "cache" {\n  name                = "acme-cache"\n  location            = "westeurope"\n  resource_group_name = "rg"\n  capacity            = 1\n  family              = "C"\n  sku_name            = "Standard"\n  minimum_tls_version = "1.2"\n}\n',
      fix: 'Set `minimum_tls_version = "1.2"`.',
    },
    references: [
      'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#minimum_tls_version',
    ],
    checkov: ['CKV_AZURE_148'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_redis_cache')) {
      const tls = stringAtAny(resource.block, 'minimum_tls_version');
      if (tls.kind === 'value' && isWeakTls(tls.text)) reportAt(report, resource, tls.found);
    }
  },
};
