import type { IacCheck } from '../../../check.js';
import { containerResource, containersOf, findingAt, get, k8sMeta, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-proc-mount-unmasked',
    title: 'Container /proc is unmasked',
    severity: 'high',
    cwe: ['CWE-693'],
    description:
      '`procMount: Unmasked` turns off the masking of sensitive `/proc` paths (`/proc/kcore`, `/proc/sysrq-trigger`, ...) and read-only `/proc/sys`, which exposes kernel memory and host controls unless the pod also runs in a user namespace. The Baseline Pod Security Standard forbids it.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
    - name: builder
      image: registry.example.com/builder:3.1.0
      securityContext:
        procMount: Unmasked
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  containers:
    - name: builder
      image: registry.example.com/builder:3.1.0
      securityContext:
        procMount: Default
`,
      fix: 'Remove `procMount: Unmasked` (or set `Default`); nested container builds can run rootless or in a user namespace (`hostUsers: false`).',
    },
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const { obj, pod, container } of containersOf(manifests)) {
      if (pod.value.hostUsers === false) continue; // user namespace: the unmasked /proc is the pod's own
      if (get(container.value, ['securityContext', 'procMount']) !== 'Unmasked') continue;
      report(
        findingAt(obj, [...container.path, 'securityContext', 'procMount'], {
          resource: containerResource(obj, container),
        }),
      );
    }
  },
};
