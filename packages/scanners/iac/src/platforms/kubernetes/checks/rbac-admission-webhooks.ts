import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, type K8sManifests } from '../model.js';
import { hasGroup, hasVerb, rbacRules, resourceIndexes, rulePath, ruleResource } from '../rbac.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-rbac-admission-webhooks',
    title: 'RBAC rule can change admission webhooks',
    severity: 'medium',
    cwe: ['CWE-269'],
    description:
      'Whoever can create or modify validating and mutating webhook configurations decides what the API server admits and can rewrite every object created in the cluster (inject containers into pods, strip security settings) or see their contents, including Secrets.',
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: webhook-manager
rules:
  - apiGroups: ["admissionregistration.k8s.io"]
    resources: ["mutatingwebhookconfigurations"]
    verbs: ["get", "create", "update", "patch"]
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: webhook-manager
rules:
  - apiGroups: ["admissionregistration.k8s.io"]
    resources: ["mutatingwebhookconfigurations"]
    resourceNames: ["shop-injector"]
    verbs: ["get", "update", "patch"]
`,
      fix: 'Restrict write access to the webhook configurations the controller owns with `resourceNames`.',
    },
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'medium',
    checkov: ['CKV_K8S_155'],
  }),
  check(manifests, report) {
    for (const rule of rbacRules(manifests)) {
      if (rule.resourceNames.length > 0 || !hasGroup(rule, 'admissionregistration.k8s.io')) continue;
      if (!hasVerb(rule, 'create', 'update', 'patch', 'delete', 'deletecollection')) continue;
      for (const index of resourceIndexes(
        rule,
        'validatingwebhookconfigurations',
        'mutatingwebhookconfigurations',
      ))
        report(findingAt(rule.obj, rulePath(rule, 'resources', index), { resource: ruleResource(rule) }));
    }
  },
};
