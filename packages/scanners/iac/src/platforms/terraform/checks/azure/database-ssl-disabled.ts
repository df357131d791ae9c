import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { SINGLE_DB_SERVERS, azureMeta, boolAt, lookup, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-database-ssl-disabled',
    title: 'PostgreSQL, MySQL or MariaDB server accepts unencrypted connections',
    severity: 'high',
    cwe: ['CWE-319'],
    description:
      'With SSL enforcement off (`ssl_enforcement_enabled = false` on single servers, or the ' +
      '`require_secure_transport` server parameter set to `OFF` on flexible servers), clients may connect ' +
      'without TLS, and credentials and query results cross the network in clear text.',
    help: {
      bad: 'resource "azurerm_postgresql_server" "main" {\n  name                         = "acme-pg"\n  location                     = "westeurope"\n  resource_group_name          = "rg"\n  sku_name                     = "GP_Gen5_2"\n  version                      = "11"\n  ssl_enforcement_enabled      = false\n  administrator_login          = "pgadmin"\n  administrator_login_password = var.pg_password\n}\n',
      good: 'resource "azurerm_postgresql_server" "main" {\n  name                             = "acme-pg"\n  location                         = "westeurope"\n  resource_group_name              = "rg"\n  sku_name                         = "GP_Gen5_2"\n  version                          = "11"\n  ssl_enforcement_enabled          = true\n  ssl_minimal_tls_version_enforced = "TLS1_2"\n  administrator_login              = "pgadmin"\n  administrator_login_password     = var.pg_password\n}\n',
      fix: 'Set `ssl_enforcement_enabled = true` (single servers) or keep `require_secure_transport` at `ON` (flexible servers).',
    },
    references: [
      'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls',
      'https://learn.microsoft.com/azure/mysql/flexible-server/how-to-connect-tls-ssl',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_server#ssl_enforcement_enabled',
    ],
    checkov: ['CKV_AZURE_28', 'CKV_AZURE_29', 'CKV_AZURE_47'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...SINGLE_DB_SERVERS)) {
      const enforced = boolAt(resource.block, 'ssl_enforcement_enabled');
      if (enforced.state === false) {
        reportAt(report, resource, enforced.found);
        continue;
      }
      // azurerm 1.x: `ssl_enforcement = "Disabled"`.
      const legacy = lookup(resource.block, 'ssl_enforcement');
      if (legacy.kind === 'value' && asString(legacy.value)?.toLowerCase() === 'disabled')
        reportAt(report, resource, legacy.found);
    }
    for (const resource of resourcesOf(
      project,
      'azurerm_mysql_flexible_server_configuration',
      'azurerm_postgresql_flexible_server_configuration',
    )) {
      const name = lookup(resource.block, 'name');
      if (name.kind !== 'value' || asString(name.value)?.toLowerCase() !== 'require_secure_transport')
        continue;
      const value = lookup(resource.block, 'value');
      if (value.kind === 'value' && asString(value.value)?.toLowerCase() === 'off')
        reportAt(report, resource, value.found);
    }
  },
};
