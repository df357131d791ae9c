import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, workloads, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-host-network',
    title: 'Pod shares the host network namespace',
    severity: 'high',
    cwe: ['CWE-668'],
    description:
      "`hostNetwork: true` puts the pod on the node's network stack: it can bind to any node port, reach services listening on localhost of the node (kubelet, metadata endpoints) and sniff traffic, and NetworkPolicies no longer isolate it.",
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: true
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      ports:
        - containerPort: 8080
`,
      fix: 'Remove `hostNetwork: true` and expose the pod through a Service.',
    },
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    precision: 'high',
    checkov: ['CKV_K8S_19'],
  }),
  check(manifests, report) {
    for (const { obj, pod } of workloads(manifests))
      if (pod.value.hostNetwork === true) report(findingAt(obj, [...pod.path, 'hostNetwork']));
  },
};
