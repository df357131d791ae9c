import type { IacCheck } from '../../../check.js';
import {
  containerResource,
  containersOf,
  findingAt,
  isWindowsPod,
  k8sMeta,
  onceReporter,
  type K8sManifests,
} from '../model.js';
import { seccompOf } from '../seccomp.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-seccomp-unconfined',
    title: 'Seccomp explicitly disabled (Unconfined)',
    severity: 'medium',
    cwe: ['CWE-693'],
    description:
      'The seccomp profile `Unconfined` removes the system-call filter, so a compromised process can use every kernel interface, including the rarely used ones where container-escape bugs are found. The Baseline Pod Security Standard forbids it.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      fix: 'Use `seccompProfile.type: RuntimeDefault`, or a `Localhost` profile that allows the extra system calls the application needs.',
    },
    references: [
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_31'],
  }),
  check(manifests, report) {
    const once = onceReporter(report);
    for (const { obj, pod, container } of containersOf(manifests)) {
      if (isWindowsPod(pod)) continue;
      const setting = seccompOf(pod, container);
      if (setting?.kind !== 'unconfined') continue;
      once(
        findingAt(
          obj,
          setting.path,
          setting.level === 'container' ? { resource: containerResource(obj, container) } : {},
        ),
      );
    }
  },
};
