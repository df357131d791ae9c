import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { firewallAllows, gcpMeta, ofType, reportRange, worldOpenIngress } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-firewall-rdp-open',
    title: 'Firewall rule allows RDP (port 3389) from the internet',
    severity: 'high',
    cwe: ['CWE-284'],
    description:
      'A VPC firewall rule admits port 3389 from 0.0.0.0/0 (or sets no source at all, which GCP treats as ' +
      '0.0.0.0/0). Internet-facing Remote Desktop is a leading entry point for ransomware: credential stuffing ' +
      'and RDP vulnerabilities (BlueKeep) are exploited at scale.',
    help: {
      bad: 'resource "google_compute_firewall" "rdp" {\n  name    = "allow-rdp"\n  network = "default"\n\n  allow {\n    protocol = "tcp"\n    ports    = ["3389"]\n  }\n\n  source_ranges = ["0.0.0.0/0"]\n}\n',
      good: 'resource "google_compute_firewall" "rdp" {\n  name    = "allow-rdp-from-iap"\n  network = "default"\n\n  allow {\n    protocol = "tcp"\n    ports    = ["3389"]\n  }\n\n  source_ranges = ["35.235.240.0/20"]\n}\n',
      fix: 'Restrict `source_ranges` to known administrative networks, or reach instances through IAP TCP forwarding or a bastion.',
    },
    references: [
      'https://cloud.google.com/firewall/docs/firewalls',
      'https://cloud.google.com/iap/docs/using-tcp-forwarding',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall',
    ],
    checkov: ['CKV_GCP_3'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_compute_firewall')) {
      const open = worldOpenIngress(resource);
      if (!open || !firewallAllows(resource, 3389, ['tcp', '6', 'udp', '17'])) continue;
      reportRange(
        report,
        resource,
        open.range,
        open.path,
        `Firewall rule allows RDP (3389) from ${open.source}`,
      );
    }
  },
};
