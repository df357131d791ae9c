import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import {
  azureMeta,
  isWeakTls,
  lookup,
  ofType,
  resourcesOf,
  SINGLE_DB_SERVERS,
  stringAtAny,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-database-min-tls',
    title: 'PostgreSQL, MySQL or MariaDB server accepts TLS versions older than 1.2',
    severity: 'medium',
    cwe: ['CWE-326', 'CWE-327'],
    description:
      '`ssl_minimal_tls_version_enforced` set to `TLS1_0`, `TLS1_1` or `TLSEnforcementDisabled` (single ' +
      'servers), or a MySQL flexible server `tls_version` parameter allowing TLSv1/TLSv1.1, lets clients ' +
      'connect with deprecated TLS versions that have known weaknesses.',
    help: {
      bad: 'resource "azurerm_postgresql_server" "main" {\n  name                             = "acme-pg"\n  location                         = "westeurope"\n  resource_group_name              = "rg"\n  sku_name                         = "GP_Gen5_2"\n  version                          = "11"\n  ssl_enforcement_enabled          = true\n  ssl_minimal_tls_version_enforced = "TLS1_0"\n}\n',
      good: 'resource "azurerm_postgresql_server" "main" {\n  name                             = "acme-pg"\n  location                         = "westeurope"\n  resource_group_name              = "rg"\n  sku_name                         = "GP_Gen5_2"\n  version                          = "11"\n  ssl_enforcement_enabled          = true\n  ssl_minimal_tls_version_enforced = "TLS1_2"\n}\n',
      fix: 'Set `ssl_minimal_tls_version_enforced = "TLS1_2"` (single servers) or `tls_version = "TLSv1.2"` (MySQL flexible servers).',
    },
    references: [
      'https://learn.microsoft.com/azure/postgresql/single-server/how-to-tls-configurations',
      'https://learn.microsoft.com/azure/mysql/flexible-server/how-to-connect-tls-ssl',
    ],
    checkov: ['CKV_AZURE_54', 'CKV_AZURE_147', 'CKV2_AZURE_37'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...SINGLE_DB_SERVERS)) {
      const tls = stringAtAny(resource.block, 'ssl_minimal_tls_version_enforced');
      if (tls.kind === 'value' && isWeakTls(tls.text)) reportAt(report, resource, tls.found);
    }
    for (const resource of ofType(project, 'azurerm_mysql_flexible_server_configuration')) {
      const name = lookup(resource.block, 'name');
      if (name.kind !== 'value' || asString(name.value)?.toLowerCase() !== 'tls_version') continue;
      const value = lookup(resource.block, 'value');
      const versions =
        value.kind === 'value'
          ? (asString(value.value) ?? '')
              .toLowerCase()
              .split(',')
              .map((v) => v.trim())
          : [];
      if (value.kind === 'value' && (versions.includes('tlsv1') || versions.includes('tlsv1.1')))
        reportAt(report, resource, value.found);
    }
  },
};
