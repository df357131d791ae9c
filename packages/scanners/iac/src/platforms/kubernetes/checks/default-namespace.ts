import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, workloads, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-default-namespace',
    title: 'Workload deployed to the default namespace',
    severity: 'low',
    cwe: ['CWE-653'],
    description:
      'The `default` namespace is where everything without a namespace lands: workloads there share quotas, NetworkPolicies and RBAC with whatever else is put there, which defeats namespace isolation. Only an explicit `namespace: default` is reported; manifests without a namespace get it at apply time.',
    help: {
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
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
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
`,
      fix: 'Deploy each application to its own namespace, with its own RBAC, quotas and NetworkPolicies.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
      'https://kubernetes.io/docs/concepts/security/multi-tenancy/',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_21'],
  }),
  check(manifests, report) {
    for (const { obj } of workloads(manifests))
      if (obj.namespace === 'default') report(findingAt(obj, [...obj.path, 'metadata', 'namespace']));
  },
};
