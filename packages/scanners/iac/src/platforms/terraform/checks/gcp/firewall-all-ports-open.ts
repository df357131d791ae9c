import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { allowRules, gcpMeta, ofType, portSpecIsAll, reportRange, worldOpenIngress } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-firewall-all-ports-open',
    title: 'Firewall rule allows every port from the internet',
    severity: 'high',
    cwe: ['CWE-284'],
    description:
      'A VPC firewall rule admits all protocols, or every TCP/UDP port, from 0.0.0.0/0 (or sets no source at ' +
      'all, which GCP treats as 0.0.0.0/0). Every service listening on the targeted instances, including ' +
      'databases and admin consoles never meant to be public, becomes reachable from the internet.',
    help: {
      bad: 'resource "google_compute_firewall" "open" {\n  name    = "allow-everything"\n  network = "default"\n\n  allow {\n    protocol = "all"\n  }\n\n  source_ranges = ["0.0.0.0/0"]\n}\n',
      good: 'resource "google_compute_firewall" "web" {\n  name    = "allow-https"\n  network = "default"\n\n  allow {\n    protocol = "tcp"\n    ports    = ["443"]\n  }\n\n  source_ranges = ["0.0.0.0/0"]\n  target_tags   = ["web"]\n}\n',
      fix: 'Allow only the ports the service needs (for example 443), and limit `source_ranges` for anything that is not a public endpoint.',
    },
    references: [
      'https://cloud.google.com/firewall/docs/firewalls',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall',
    ],
    checkov: ['CKV2_GCP_12'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_compute_firewall')) {
      const open = worldOpenIngress(resource);
      if (!open) continue;
      const all = allowRules(resource).some(
        (rule) =>
          (rule.protocol === 'all' && rule.ports === undefined) ||
          (['tcp', 'udp', '6', '17'].includes(rule.protocol) &&
            (rule.ports === undefined || rule.ports.some(portSpecIsAll))),
      );
      if (all)
        reportRange(
          report,
          resource,
          open.range,
          open.path,
          `Firewall rule allows every port from ${open.source}`,
        );
    }
  },
};
