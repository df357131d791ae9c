import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, type K8sManifests } from '../model.js';
import { hasGroup, hasVerb, rbacRules, resourceIndexes, rulePath, ruleResource } from '../rbac.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-rbac-pod-exec',
    title: 'RBAC rule allows exec into pods or the node proxy',
    severity: 'high',
    cwe: ['CWE-269'],
    description:
      "`create` (or `get`, used by WebSocket clients) on `pods/exec` or `pods/attach` runs commands in any pod in scope, with that pod's service account and secrets; `create` on `nodes/proxy` reaches the kubelet API of the nodes, which can do the same for every pod of the node. Both are privilege escalation paths.",
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: debugger
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/exec"]
    verbs: ["get", "create"]
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: debugger
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log"]
    verbs: ["get", "list"]
`,
      fix: 'Grant read access to pods and logs instead; keep exec for break-glass accounts, audited.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
      'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
    checkov: ['CKV2_K8S_2'],
  }),
  check(manifests, report) {
    for (const rule of rbacRules(manifests)) {
      if (!hasGroup(rule, '')) continue;
      const indexes = [
        ...(hasVerb(rule, 'create', 'get')
          ? resourceIndexes(rule, 'pods/exec', 'pods/attach', 'pods/*')
          : []),
        // `get` on nodes/proxy is what metrics agents use; only `create` (exec through the kubelet) is reported.
        ...(hasVerb(rule, 'create') ? resourceIndexes(rule, 'nodes/proxy') : []),
      ].sort((a, b) => a - b);
      for (const index of indexes)
        report(
          findingAt(rule.obj, rulePath(rule, 'resources', index), {
            resource: ruleResource(rule),
            message: `RBAC rule allows access to ${rule.resources[index] ?? ''}`,
          }),
        );
    }
  },
};
