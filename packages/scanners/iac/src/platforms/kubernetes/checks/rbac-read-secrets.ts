import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, type K8sManifests } from '../model.js';
import { hasGroup, hasVerb, rbacRules, resourceIndexes, rulePath, ruleResource } from '../rbac.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-rbac-read-secrets',
    title: 'RBAC rule can read all Secrets',
    severity: 'medium',
    cwe: ['CWE-269'],
    description:
      '`get`, `list` or `watch` on `secrets` without `resourceNames` reads every Secret in scope (the whole cluster for a ClusterRole): database passwords, TLS keys and service account tokens of more privileged accounts. `list` and `watch` return the contents too.',
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: config-reader
rules:
  - apiGroups: [""]
    resources: ["configmaps", "secrets"]
    verbs: ["get", "list", "watch"]
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
  - apiGroups: [""]
    resources: ["secrets"]
    resourceNames: ["shop-api-key"]
    verbs: ["get"]
`,
      fix: 'Limit access to the Secrets the subject needs with `resourceNames` (and `get` only), in a namespaced Role.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
    checkov: ['CKV2_K8S_5'],
  }),
  check(manifests, report) {
    for (const rule of rbacRules(manifests)) {
      if (rule.resourceNames.length > 0 || !hasGroup(rule, '') || !hasVerb(rule, 'get', 'list', 'watch'))
        continue;
      for (const index of resourceIndexes(rule, 'secrets'))
        report(findingAt(rule.obj, rulePath(rule, 'resources', index), { resource: ruleResource(rule) }));
    }
  },
};
