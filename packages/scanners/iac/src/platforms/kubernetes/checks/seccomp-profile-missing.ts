import type { IacCheck } from '../../../check.js';
import { isWindowsPod, k8sMeta, podAnchor, workloads, type K8sManifests } from '../model.js';
import { seccompOf } from '../seccomp.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-seccomp-profile-missing',
    title: 'No seccomp profile set',
    severity: 'low',
    cwe: ['CWE-693'],
    description:
      "Kubernetes runs containers without a seccomp filter unless a profile is set (or the kubelet enables `--seccomp-default`). The container runtime's default profile blocks dozens of system calls that applications do not use and that container escapes rely on. Set at pod level, it applies to every container.",
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
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
`,
      fix: 'Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod spec.',
    },
    references: [
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'medium',
    checkov: ['CKV_K8S_31'],
  }),
  check(manifests, report) {
    for (const { obj, pod } of workloads(manifests)) {
      if (isWindowsPod(pod)) continue;
      const missing = pod.containers.filter((container) => seccompOf(pod, container) === undefined);
      if (missing.length === 0) continue;
      const names = missing.map((container) => container.name || `#${container.index + 1}`).join(', ');
      report(
        podAnchor(obj, pod, {
          message: `No seccomp profile for ${missing.length === 1 ? 'container' : 'containers'} ${names}`,
        }),
      );
    }
  },
};
