import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, workloads, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-host-pid',
    title: 'Pod shares the host process ID namespace',
    severity: 'high',
    cwe: ['CWE-668'],
    description:
      '`hostPID: true` lets the containers see every process of the node, read their environment and command lines (often with secrets), and with enough privileges signal or ptrace them.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostPID: true
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostPID: false
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      fix: 'Remove `hostPID: true`.',
    },
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    precision: 'high',
    checkov: ['CKV_K8S_17'],
  }),
  check(manifests, report) {
    for (const { obj, pod } of workloads(manifests))
      if (pod.value.hostPID === true) report(findingAt(obj, [...pod.path, 'hostPID']));
  },
};
