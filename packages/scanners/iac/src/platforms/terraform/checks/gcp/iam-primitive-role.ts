import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString } from '../../query.js';
import { dataOf, gcpMeta, isOpaque, lookup, reportRange, resourcesOf, stringItems } from './support.js';

const PRIMITIVE = new Set(['roles/owner', 'roles/editor']);

/** Members that are one identity or a whole domain (groups are the recommended way to grant roles). */
function isIndividual(member: string): boolean {
  const m = member.trim().toLowerCase();
  return m.startsWith('user:') || m.startsWith('serviceaccount:') || m.startsWith('domain:');
}

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-iam-primitive-role',
    title: 'Owner or Editor role granted to a user or service account',
    severity: 'high',
    cwe: ['CWE-269'],
    description:
      'The basic roles `roles/owner` and `roles/editor` grant thousands of permissions across every service in ' +
      'the project (or folder or organization). Granted to a user or service account, a single phished account ' +
      'or leaked key can read, change or delete nearly everything. Grants to groups are not reported.',
    help: {
      bad: 'resource "google_project_iam_member" "ci" {\n  project = "acme-prod"\n  role    = "roles/editor"\n  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"\n}\n',
      good: 'resource "google_project_iam_member" "ci" {\n  project = "acme-prod"\n  role    = "roles/run.developer"\n  member  = "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"\n}\n',
      fix: 'Grant predefined or custom roles limited to what the identity needs; use the IAM recommender to find them.',
    },
    references: [
      'https://cloud.google.com/iam/docs/understanding-roles#basic',
      'https://cloud.google.com/iam/docs/using-iam-securely',
    ],
    checkov: ['CKV_GCP_115', 'CKV_GCP_116', 'CKV_GCP_117'],
    tags: ['owasp:A01:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(
      project,
      'google_project_iam_member',
      'google_project_iam_binding',
      'google_folder_iam_member',
      'google_folder_iam_binding',
      'google_organization_iam_member',
      'google_organization_iam_binding',
    )) {
      const role = lookup(resource.block, 'role');
      if (role.kind !== 'value' || !PRIMITIVE.has(asString(role.value)?.toLowerCase() ?? '')) continue;
      for (const name of ['member', 'members']) {
        const members = lookup(resource.block, name);
        if (members.kind !== 'value') continue;
        const individual = stringItems(members.value).items.find(isIndividual);
        if (individual !== undefined)
          reportRange(
            report,
            resource,
            members.found.range,
            members.found.path,
            `${asString(role.value)} granted to ${individual}`,
          );
      }
    }
    // Policies written with `data "google_iam_policy"` (used by `*_iam_policy` resources).
    for (const policy of dataOf(project, 'google_iam_policy')) {
      for (const binding of policy.block.blocks.filter((b) => b.type === 'binding' && !isOpaque(b))) {
        const role = lookup(binding, 'role');
        if (role.kind !== 'value' || !PRIMITIVE.has(asString(role.value)?.toLowerCase() ?? '')) continue;
        const members = lookup(binding, 'members');
        if (members.kind !== 'value') continue;
        const individual = stringItems(members.value).items.find(isIndividual);
        if (individual !== undefined)
          reportRange(
            report,
            policy,
            members.found.range,
            members.found.path,
            `${asString(role.value)} granted to ${individual}`,
          );
      }
    }
  },
};
