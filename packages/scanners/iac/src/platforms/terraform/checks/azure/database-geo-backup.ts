import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { FLEXIBLE_DB_SERVERS, SINGLE_DB_SERVERS, azureMeta, boolAt, lookup, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-database-geo-backup',
    title: 'PostgreSQL, MySQL or MariaDB server backups are not geo-redundant',
    severity: 'low',
    cwe: ['CWE-693'],
    description:
      "Without `geo_redundant_backup_enabled = true`, backups stay in the server's region: a regional outage or " +
      'disaster leaves no copy to restore from. Replicas created from another server (`create_mode` other than ' +
      'Default) are not reported.',
    help: {
      bad: 'resource "azurerm_postgresql_flexible_server" "main" {\n  name                = "acme-pg"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  version             = "16"\n  sku_name            = "GP_Standard_D2s_v3"\n}\n',
      good: 'resource "azurerm_postgresql_flexible_server" "main" {\n  name                         = "acme-pg"\n  resource_group_name          = "rg"\n  location                     = "westeurope"\n  version                      = "16"\n  sku_name                     = "GP_Standard_D2s_v3"\n  geo_redundant_backup_enabled = true\n}\n',
      fix: 'Set `geo_redundant_backup_enabled = true` (it can only be chosen when the server is created).',
    },
    references: [
      'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore',
      'https://learn.microsoft.com/azure/mysql/flexible-server/concepts-backup-restore',
    ],
    checkov: ['CKV_AZURE_94', 'CKV_AZURE_102', 'CKV_AZURE_129', 'CKV_AZURE_136'],
    tags: ['owasp:A05:2021', 'resilience'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...SINGLE_DB_SERVERS, ...FLEXIBLE_DB_SERVERS)) {
      const mode = lookup(resource.block, 'create_mode');
      if (mode.kind === 'unknown') continue;
      if (mode.kind === 'value' && typeof mode.value === 'string' && mode.value.toLowerCase() !== 'default')
        continue;
      const geo = boolAt(resource.block, 'geo_redundant_backup_enabled');
      if (geo.state === false || geo.state === 'absent') reportAt(report, resource, geo.found);
    }
  },
};
