import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { findingAt, k8sMeta, objectsOfKind, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-cluster-admin-binding',
    title: 'Binding grants cluster-admin',
    severity: 'high',
    cwe: ['CWE-269'],
    description:
      'The `cluster-admin` ClusterRole allows every action on every resource. Bound with a ClusterRoleBinding it is full control of the cluster; with a RoleBinding, full control of the namespace (Secrets, RBAC, workloads). Applications and CI accounts rarely need it.',
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-deployer
subjects:
  - kind: ServiceAccount
    name: ci
    namespace: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-deployer
  namespace: shop
subjects:
  - kind: ServiceAccount
    name: ci
    namespace: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
`,
      fix: 'Bind a role with the permissions the subject needs (the built-in `edit` or `view`, or a custom Role) in the namespaces it works in.',
    },
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const binding of objectsOfKind(manifests, 'ClusterRoleBinding', 'RoleBinding')) {
      const roleRef = asRecord(binding.value.roleRef);
      if (roleRef?.name !== 'cluster-admin' || (roleRef.kind !== undefined && roleRef.kind !== 'ClusterRole'))
        continue;
      const subjects = asArray(binding.value.subjects).map((s) => asRecord(s));
      // The bootstrap binding of the system:masters group is how Kubernetes itself defines administrators.
      if (subjects.length > 0 && subjects.every((s) => s?.kind === 'Group' && s.name === 'system:masters'))
        continue;
      report(findingAt(binding, [...binding.path, 'roleRef', 'name']));
    }
  },
};
