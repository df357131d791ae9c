import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { findingAt, k8sMeta, objectsOfKind, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-default-service-account-binding',
    title: 'Role bound to a default service account',
    severity: 'medium',
    cwe: ['CWE-269'],
    description:
      'Permissions bound to the `default` ServiceAccount are granted to every pod of the namespace that does not name its own account, including pods added later for unrelated purposes. Roles belong to a dedicated account used only by the workload that needs them.',
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: shop
subjects:
  - kind: ServiceAccount
    name: default
    namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-reader
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: shop
subjects:
  - kind: ServiceAccount
    name: inventory
    namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-reader
`,
      fix: 'Create a ServiceAccount for the workload, bind the role to it and set `serviceAccountName` in its pod spec.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
    checkov: ['CKV_K8S_42'],
  }),
  check(manifests, report) {
    for (const binding of objectsOfKind(manifests, 'RoleBinding', 'ClusterRoleBinding')) {
      asArray(binding.value.subjects).forEach((item, index) => {
        const subject = asRecord(item);
        if (subject?.kind !== 'ServiceAccount' || subject.name !== 'default') return;
        report(findingAt(binding, [...binding.path, 'subjects', index, 'name']));
      });
    }
  },
};
