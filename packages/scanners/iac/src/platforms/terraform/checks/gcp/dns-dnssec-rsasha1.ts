import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, block } from '../../query.js';
import { gcpMeta, isOpaque, lookup, ofType, reportRange } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-dns-dnssec-rsasha1',
    title: 'Cloud DNS DNSSEC signs with RSASHA1',
    severity: 'medium',
    cwe: ['CWE-327'],
    description:
      'RSASHA1 relies on SHA-1, which has practical chosen-prefix collisions; RFC 8624 says it must not be used ' +
      'for signing. Zones signed with it get weaker authenticity guarantees and may be treated as insecure by ' +
      'validating resolvers.',
    help: {
      bad: 'resource "google_dns_managed_zone" "public" {\n  name     = "example"\n  dns_name = "example.com."\n\n  dnssec_config {\n    state = "on"\n\n    default_key_specs {\n      algorithm  = "rsasha1"\n      key_length = 2048\n      key_type   = "keySigning"\n    }\n  }\n}\n',
      good: 'resource "google_dns_managed_zone" "public" {\n  name     = "example"\n  dns_name = "example.com."\n\n  dnssec_config {\n    state = "on"\n\n    default_key_specs {\n      algorithm  = "ecdsap256sha256"\n      key_length = 256\n      key_type   = "keySigning"\n    }\n  }\n}\n',
      fix: 'Use `ecdsap256sha256` (or `rsasha256`) for the key-signing and zone-signing keys.',
    },
    references: [
      'https://cloud.google.com/dns/docs/dnssec-advanced#algorithms',
      'https://www.rfc-editor.org/rfc/rfc8624#section-3.1',
    ],
    checkov: ['CKV_GCP_17'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_dns_managed_zone')) {
      const config = block(resource.block, 'dnssec_config');
      if (!config || isOpaque(config)) continue;
      for (const spec of config.blocks.filter((b) => b.type === 'default_key_specs' && !isOpaque(b))) {
        const algorithm = lookup(spec, 'algorithm');
        if (algorithm.kind === 'value' && asString(algorithm.value)?.toLowerCase() === 'rsasha1')
          reportRange(report, resource, algorithm.found.range, algorithm.found.path);
      }
    }
  },
};
