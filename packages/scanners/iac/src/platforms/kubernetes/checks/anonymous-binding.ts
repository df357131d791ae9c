import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { findingAt, k8sMeta, objectsOfKind, type K8sManifests } from '../model.js';

const ANONYMOUS = new Set(['system:anonymous', 'system:unauthenticated']);

/** Built-in roles that Kubernetes itself grants to unauthenticated users (health and version endpoints). */
const PUBLIC_ROLES = new Set(['system:public-info-viewer']);

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-anonymous-binding',
    title: 'Role bound to anonymous or unauthenticated users',
    severity: 'critical',
    cwe: ['CWE-306', 'CWE-269'],
    description:
      'Binding a role to the `system:anonymous` user or the `system:unauthenticated` group grants it to anyone who can reach the API server, without credentials.',
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: public-read
subjects:
  - kind: Group
    apiGroup: rbac.authorization.k8s.io
    name: system:unauthenticated
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: team-read
subjects:
  - kind: Group
    apiGroup: rbac.authorization.k8s.io
    name: shop-developers
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
`,
      fix: 'Bind the role to the authenticated users or groups that need it.',
    },
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const binding of objectsOfKind(manifests, 'ClusterRoleBinding', 'RoleBinding')) {
      const roleName = asRecord(binding.value.roleRef)?.name;
      if (typeof roleName === 'string' && PUBLIC_ROLES.has(roleName)) continue;
      asArray(binding.value.subjects).forEach((item, index) => {
        const name = asRecord(item)?.name;
        if (typeof name !== 'string' || !ANONYMOUS.has(name)) return;
        report(
          findingAt(binding, [...binding.path, 'subjects', index, 'name'], {
            message: `Role bound to ${name}`,
          }),
        );
      });
    }
  },
};
