import type { IacCheck } from '../../../check.js';
import {
  findingAt,
  k8sMeta,
  objectsOfKind,
  podAnchor,
  sameNamespace,
  workloads,
  type K8sManifests,
} from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-default-service-account-token',
    title: 'Pod mounts the default service account token',
    severity: 'low',
    cwe: ['CWE-250'],
    description:
      "A pod without `serviceAccountName` runs as the namespace's `default` service account, and unless `automountServiceAccountToken: false` its API token is mounted into every container. Most applications never call the Kubernetes API; for them the token is only something an attacker can steal, and any role later bound to `default` is granted to every such pod. The pod's own setting wins; otherwise a `default` ServiceAccount in the scanned manifests with `automountServiceAccountToken: false` counts.",
    help: {
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
`,
      fix: 'Set `automountServiceAccountToken: false` in the pod spec; pods that call the API get their own ServiceAccount with a minimal Role.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'medium',
    checkov: ['CKV_K8S_38'],
  }),
  check(manifests, report) {
    const serviceAccounts = objectsOfKind(manifests, 'ServiceAccount');
    for (const { obj, pod } of workloads(manifests)) {
      const name = pod.value.serviceAccountName ?? pod.value.serviceAccount ?? 'default';
      if (name !== 'default') continue;
      const automount = pod.value.automountServiceAccountToken;
      if (automount === true) {
        report(findingAt(obj, [...pod.path, 'automountServiceAccountToken']));
        continue;
      }
      if (automount !== undefined && automount !== null) continue;
      const optedOut = serviceAccounts.some(
        (sa) =>
          sa.name === 'default' &&
          sameNamespace(sa.namespace, obj.namespace) &&
          sa.value.automountServiceAccountToken === false,
      );
      if (!optedOut) report(podAnchor(obj, pod));
    }
  },
};
