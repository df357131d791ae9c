import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, block, blocks } from '../../query.js';
import { boolAt, gcpMeta, isOpaque, isWorldCidr, lookup, ofType, reportRange } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-sql-public-authorized-network',
    title: 'Cloud SQL instance accepts connections from any IP address',
    severity: 'critical',
    cwe: ['CWE-284'],
    description:
      'An authorized network of 0.0.0.0/0 on an instance with a public IP lets anyone on the internet reach the ' +
      'database port. Only the database password then stands between the data and an attacker, and database ' +
      'engines are prime brute-force and exploit targets.',
    help: {
      bad: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "POSTGRES_15"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    ip_configuration {\n      ipv4_enabled = true\n\n      authorized_networks {\n        name  = "anyone"\n        value = "0.0.0.0/0"\n      }\n    }\n  }\n}\n',
      good: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "POSTGRES_15"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = "projects/acme/global/networks/main"\n    }\n  }\n}\n',
      fix: 'Use private IP (`ipv4_enabled = false` with `private_network`) or the Cloud SQL Auth Proxy; if a public IP is needed, authorize only specific office or NAT ranges.',
    },
    references: [
      'https://cloud.google.com/sql/docs/postgres/configure-ip',
      'https://cloud.google.com/sql/docs/postgres/authorize-networks',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ip_configuration',
    ],
    checkov: ['CKV_GCP_11'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_sql_database_instance')) {
      const settings = block(resource.block, 'settings');
      const ip = settings && !isOpaque(settings) ? block(settings, 'ip_configuration') : undefined;
      if (!ip || isOpaque(ip)) continue;
      const ipv4 = boolAt(ip, 'ipv4_enabled');
      if (ipv4.state === false || ipv4.state === 'unknown') continue;
      for (const network of blocks(ip, 'authorized_networks')) {
        if (isOpaque(network)) continue;
        const value = lookup(network, 'value');
        if (value.kind === 'value' && isWorldCidr(asString(value.value) ?? ''))
          reportRange(report, resource, value.found.range, value.found.path);
      }
      // `authorized_networks = [{ value = "0.0.0.0/0" }]` written as an attribute.
      const attribute = ip.attributes['authorized_networks'];
      if (attribute && Array.isArray(attribute.value)) {
        const open = attribute.value.some(
          (item) =>
            item !== null &&
            typeof item === 'object' &&
            !Array.isArray(item) &&
            isWorldCidr(asString(item['value']) ?? ''),
        );
        if (open) reportRange(report, resource, attribute.range, attribute.path);
      }
    }
  },
};
