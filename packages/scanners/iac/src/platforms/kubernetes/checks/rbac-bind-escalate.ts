import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, type K8sManifests } from '../model.js';
import { hasGroup, rbacRules, rulePath, ruleResource } from '../rbac.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-rbac-bind-escalate',
    title: 'RBAC rule allows bind or escalate on roles',
    severity: 'high',
    cwe: ['CWE-269'],
    description:
      'The `escalate` verb lets a subject create or edit roles with permissions it does not have; `bind` lets it bind any role (cluster-admin included) to itself. Without `resourceNames`, either one is a path to full control of the cluster.',
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: role-manager
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles", "clusterrolebindings"]
    verbs: ["get", "list", "create", "bind", "escalate"]
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: role-manager
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterrolebindings"]
    verbs: ["get", "list", "create"]
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["clusterroles"]
    resourceNames: ["view"]
    verbs: ["bind"]
`,
      fix: 'Remove `escalate`; restrict `bind` to the roles the subject may hand out with `resourceNames`.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
    checkov: ['CKV_K8S_157', 'CKV_K8S_158'],
  }),
  check(manifests, report) {
    for (const rule of rbacRules(manifests)) {
      if (rule.resourceNames.length > 0 || !hasGroup(rule, 'rbac.authorization.k8s.io')) continue;
      if (!['roles', 'clusterroles', '*'].some((resource) => rule.resources.includes(resource))) continue;
      rule.verbs.forEach((verb, index) => {
        if (verb !== 'bind' && verb !== 'escalate' && verb !== '*') return;
        report(
          findingAt(rule.obj, rulePath(rule, 'verbs', index), {
            resource: ruleResource(rule),
            message:
              verb === '*'
                ? 'RBAC rule allows every verb on roles, bind and escalate included'
                : `RBAC rule allows the ${verb} verb on roles`,
          }),
        );
      });
    }
  },
};
