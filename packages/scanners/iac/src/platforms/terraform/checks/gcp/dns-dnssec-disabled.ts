import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { gcpMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-dns-dnssec-disabled',
    title: 'Public Cloud DNS zone does not use DNSSEC',
    severity: 'medium',
    cwe: ['CWE-345'],
    description:
      'Without DNSSEC, resolvers cannot verify that answers for the zone come from its owner, so cache ' +
      'poisoning and on-path attackers can redirect users and mail to servers they control. Private zones are ' +
      'not reported.',
    help: {
      bad: 'resource "google_dns_managed_zone" "public" {\n  name     = "example"\n  dns_name = "example.com."\n}\n',
      good: 'resource "google_dns_managed_zone" "public" {\n  name     = "example"\n  dns_name = "example.com."\n\n  dnssec_config {\n    state = "on"\n  }\n}\n',
      fix: 'Add `dnssec_config { state = "on" }` and publish the DS record at the registrar.',
    },
    references: [
      'https://cloud.google.com/dns/docs/dnssec-config',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/dns_managed_zone#dnssec_config',
    ],
    checkov: ['CKV_GCP_16'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_dns_managed_zone')) {
      const visibility = lookup(resource.block, 'visibility');
      if (visibility.kind === 'unknown') continue;
      if (visibility.kind === 'value' && asString(visibility.value)?.toLowerCase() !== 'public') continue;
      if (lookup(resource.block, 'dnssec_config').kind === 'unknown') continue;
      const state = lookup(resource.block, 'dnssec_config.state');
      if (state.kind === 'unknown') continue;
      if (state.kind === 'absent') reportAt(report, resource, undefined);
      else if (asString(state.value)?.toLowerCase() === 'off') reportAt(report, resource, state.found);
    }
  },
};
