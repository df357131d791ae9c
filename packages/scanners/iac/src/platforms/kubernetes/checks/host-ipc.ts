import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, workloads, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-host-ipc',
    title: 'Pod shares the host IPC namespace',
    severity: 'high',
    cwe: ['CWE-668'],
    description:
      '`hostIPC: true` gives the containers access to the shared memory and IPC objects of every process on the node, which can leak or corrupt data of other workloads and host daemons.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostIPC: true
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
`,
      fix: 'Remove `hostIPC: true`.',
    },
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    precision: 'high',
    checkov: ['CKV_K8S_18'],
  }),
  check(manifests, report) {
    for (const { obj, pod } of workloads(manifests))
      if (pod.value.hostIPC === true) report(findingAt(obj, [...pod.path, 'hostIPC']));
  },
};
