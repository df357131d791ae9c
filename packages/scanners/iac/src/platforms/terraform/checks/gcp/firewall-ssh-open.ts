import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { firewallAllows, gcpMeta, ofType, reportRange, worldOpenIngress } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-firewall-ssh-open',
    title: 'Firewall rule allows SSH (port 22) from the internet',
    severity: 'high',
    cwe: ['CWE-284'],
    description:
      'A VPC firewall rule admits TCP port 22 from 0.0.0.0/0 (or sets no source at all, which GCP treats as ' +
      '0.0.0.0/0). Every instance the rule targets is exposed to SSH brute force and to exploits of the SSH ' +
      'daemon from anywhere on the internet.',
    help: {
      bad: 'resource "google_compute_firewall" "ssh" {\n  name    = "allow-ssh"\n  network = "default"\n\n  allow {\n    protocol = "tcp"\n    ports    = ["22"]\n  }\n\n  source_ranges = ["0.0.0.0/0"]\n}\n',
      good: 'resource "google_compute_firewall" "ssh" {\n  name    = "allow-ssh-from-iap"\n  network = "default"\n\n  allow {\n    protocol = "tcp"\n    ports    = ["22"]\n  }\n\n  # Identity-Aware Proxy TCP forwarding range\n  source_ranges = ["35.235.240.0/20"]\n}\n',
      fix: 'Restrict `source_ranges` to known administrative networks, or reach instances through IAP TCP forwarding (35.235.240.0/20) or a bastion.',
    },
    references: [
      'https://cloud.google.com/firewall/docs/firewalls',
      'https://cloud.google.com/iap/docs/using-tcp-forwarding',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall',
    ],
    checkov: ['CKV_GCP_2'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_compute_firewall')) {
      const open = worldOpenIngress(resource);
      if (!open || !firewallAllows(resource, 22, ['tcp', '6'])) continue;
      reportRange(
        report,
        resource,
        open.range,
        open.path,
        `Firewall rule allows SSH (22/tcp) from ${open.source}`,
      );
    }
  },
};
