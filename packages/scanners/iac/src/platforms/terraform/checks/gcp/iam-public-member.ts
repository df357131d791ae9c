import type { IacCheck } from '../../../../check.js';
import type { TfProject, TfValue } from '../../model.js';
import { asString } from '../../query.js';
import {
  dataOf,
  gcpMeta,
  isOpaque,
  isPublicPrincipal,
  lookup,
  mayExist,
  publicIamGrant,
  reportRange,
  stringItems,
} from './support.js';

/** Resource families with their own check (buckets, BigQuery datasets). */
const OWN_CHECK = ['google_storage_bucket_', 'google_bigquery_dataset_'];

/** Roles whose public grant is the documented way to publish an HTTP endpoint. */
const PUBLIC_ENDPOINT_ROLES = new Set(['roles/run.invoker', 'roles/cloudfunctions.invoker']);

/** The bindings of an inline IAM policy (a JSON string or an object); unknown parts are left out. */
function policyBindings(value: TfValue): { role: string | undefined; members: string[] }[] {
  let policy: unknown = value;
  if (typeof value === 'string') {
    try {
      policy = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) return [];
  const bindings = (policy as Record<string, unknown>).bindings;
  if (!Array.isArray(bindings)) return [];
  return bindings.flatMap((binding: unknown) => {
    if (binding === null || typeof binding !== 'object' || Array.isArray(binding)) return [];
    const { role, members } = binding as Record<string, unknown>;
    return [
      {
        role: typeof role === 'string' ? role : undefined,
        members: Array.isArray(members) ? members.filter((m): m is string => typeof m === 'string') : [],
      },
    ];
  });
}

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-iam-public-member',
    title: 'IAM grants a role to allUsers or allAuthenticatedUsers',
    severity: 'high',
    cwe: ['CWE-732', 'CWE-284'],
    description:
      'An IAM member or binding grants a role on a resource (Pub/Sub topic, KMS key, secret, Artifact Registry ' +
      'repository, service account, ...) to `allUsers` (anyone on the internet) or `allAuthenticatedUsers` ' +
      '(anyone with a Google account). Public invoker grants on Cloud Run services and Cloud Functions, the ' +
      'usual way to publish a web endpoint, are not reported.',
    help: {
      bad: 'resource "google_pubsub_topic_iam_member" "publisher" {\n  topic  = "orders"\n  role   = "roles/pubsub.publisher"\n  member = "allAuthenticatedUsers"\n}\n',
      good: 'resource "google_pubsub_topic_iam_member" "publisher" {\n  topic  = "orders"\n  role   = "roles/pubsub.publisher"\n  member = "serviceAccount:orders@acme-prod.iam.gserviceaccount.com"\n}\n',
      fix: 'Grant the role to specific users, groups or service accounts.',
    },
    references: [
      'https://cloud.google.com/iam/docs/overview#all-users',
      'https://cloud.google.com/iam/docs/using-iam-securely',
    ],
    checkov: [
      'CKV_GCP_98',
      'CKV_GCP_99',
      'CKV_GCP_100',
      'CKV_GCP_101',
      'CKV_GCP_112',
      'CKV_GCP_113',
      'CKV2_GCP_6',
      'CKV2_GCP_8',
    ],
    tags: ['owasp:A01:2021'],
  }),
  check(project, report) {
    for (const resource of project.resources) {
      if (resource.mode !== 'resource' || !resource.type.startsWith('google_') || !mayExist(resource))
        continue;
      if (!resource.type.endsWith('_iam_member') && !resource.type.endsWith('_iam_binding')) continue;
      if (OWN_CHECK.some((prefix) => resource.type.startsWith(prefix))) continue;
      const role = lookup(resource.block, 'role');
      if (role.kind !== 'value') continue;
      if (PUBLIC_ENDPOINT_ROLES.has(asString(role.value)?.toLowerCase() ?? '')) continue;
      const grant = publicIamGrant(resource);
      if (grant)
        reportRange(
          report,
          resource,
          grant.range,
          grant.path,
          `${asString(role.value) ?? 'Role'} granted to ${grant.principal}`,
        );
    }
    // `*_iam_policy` resources whose `policy_data` is written inline (`jsonencode({ bindings = [...] })`).
    for (const resource of project.resources) {
      if (resource.mode !== 'resource' || !resource.type.startsWith('google_') || !mayExist(resource))
        continue;
      if (!resource.type.endsWith('_iam_policy')) continue;
      if (OWN_CHECK.some((prefix) => resource.type.startsWith(prefix))) continue;
      const data = resource.block.attributes.policy_data;
      if (!data) continue;
      for (const binding of policyBindings(data.value)) {
        if (PUBLIC_ENDPOINT_ROLES.has(binding.role?.toLowerCase() ?? '')) continue;
        const principal = binding.members.find(isPublicPrincipal);
        if (principal !== undefined)
          reportRange(
            report,
            resource,
            data.range,
            data.path,
            `${binding.role ?? 'Role'} granted to ${principal}`,
          );
      }
    }
    for (const policy of dataOf(project, 'google_iam_policy')) {
      for (const binding of policy.block.blocks.filter((b) => b.type === 'binding' && !isOpaque(b))) {
        const role = lookup(binding, 'role');
        if (role.kind !== 'value' || PUBLIC_ENDPOINT_ROLES.has(asString(role.value)?.toLowerCase() ?? ''))
          continue;
        const members = lookup(binding, 'members');
        if (members.kind !== 'value') continue;
        const principal = stringItems(members.value).items.find(isPublicPrincipal);
        if (principal !== undefined)
          reportRange(
            report,
            policy,
            members.found.range,
            members.found.path,
            `${asString(role.value) ?? 'Role'} granted to ${principal}`,
          );
      }
    }
  },
};
