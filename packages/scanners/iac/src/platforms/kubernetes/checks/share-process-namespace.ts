import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, workloads, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-share-process-namespace',
    title: 'Containers of the pod share one process namespace',
    severity: 'low',
    cwe: ['CWE-668'],
    description:
      'With `shareProcessNamespace: true`, every container of the pod sees the processes of the others and can read their environment and `/proc/<pid>/root` filesystem: a compromised sidecar exposes the secrets of the main container and the other way round.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  shareProcessNamespace: true
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
    - name: proxy
      image: registry.example.com/proxy:0.9.0
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
    - name: proxy
      image: registry.example.com/proxy:0.9.0
`,
      fix: 'Remove `shareProcessNamespace: true`; use an ephemeral debug container (`kubectl debug --target`) when you need to inspect a process.',
    },
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/'],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const { obj, pod } of workloads(manifests))
      if (pod.value.shareProcessNamespace === true)
        report(findingAt(obj, [...pod.path, 'shareProcessNamespace']));
  },
};
