import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, type K8sManifests } from '../model.js';
import { hasGroup, rbacRules, rulePath, ruleResource, type RbacRule } from '../rbac.js';

/** Whether a rule names a resource that can be impersonated (core users, groups, service accounts; extras, uids). */
function impersonable(rule: RbacRule): boolean {
  if (rule.resourceNames.length > 0) return false;
  const core =
    hasGroup(rule, '') && rule.resources.some((r) => ['users', 'groups', 'serviceaccounts', '*'].includes(r));
  const authentication =
    hasGroup(rule, 'authentication.k8s.io') &&
    rule.resources.some(
      (r) => r === 'uids' || r === 'userextras' || r.startsWith('userextras/') || r === '*',
    );
  return core || authentication;
}

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-rbac-impersonate',
    title: 'RBAC rule allows impersonation',
    severity: 'high',
    cwe: ['CWE-269'],
    description:
      'The `impersonate` verb on users, groups or service accounts lets the subject act as them (`kubectl --as=...`), gaining all their permissions. Impersonating the `system:masters` group is cluster-admin.',
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: support
rules:
  - apiGroups: [""]
    resources: ["users", "groups", "serviceaccounts"]
    verbs: ["impersonate"]
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: support
rules:
  - apiGroups: [""]
    resources: ["serviceaccounts"]
    verbs: ["get", "list"]
`,
      fix: 'Grant the permissions the subject needs directly instead of impersonation.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#impersonate-verb',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
    checkov: ['CKV2_K8S_3'],
  }),
  check(manifests, report) {
    for (const rule of rbacRules(manifests)) {
      const index = rule.verbs.indexOf('impersonate');
      if (index !== -1) {
        report(findingAt(rule.obj, rulePath(rule, 'verbs', index), { resource: ruleResource(rule) }));
        continue;
      }
      // Every verb on an identity resource includes impersonate.
      const all = rule.verbs.indexOf('*');
      if (all === -1 || !impersonable(rule)) continue;
      report(
        findingAt(rule.obj, rulePath(rule, 'verbs', all), {
          resource: ruleResource(rule),
          message: 'RBAC rule allows every verb on users, groups or service accounts, impersonate included',
        }),
      );
    }
  },
};
