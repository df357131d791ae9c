import type { IacCheck } from '../../../check.js';
import { containerResource, findingAt, getString, k8sMeta, workloads, type K8sManifests } from '../model.js';

/** SELinux types the Baseline Pod Security Standard allows. */
const ALLOWED_TYPES = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-selinux-privileged-type',
    title: 'Unconfined SELinux type',
    severity: 'high',
    cwe: ['CWE-693'],
    description:
      'SELinux confines containers with the `container_t` type. Types such as `spc_t` (super-privileged container) or `unconfined_t` switch that confinement off, so the container can read and write host files its UID allows. The Baseline Pod Security Standard allows only the container types.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  securityContext:
    seLinuxOptions:
      type: spc_t
  containers:
    - name: agent
      image: registry.example.com/agent:2.0.1
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  securityContext:
    seLinuxOptions:
      level: "s0:c123,c456"
  containers:
    - name: agent
      image: registry.example.com/agent:2.0.1
`,
      fix: 'Remove `seLinuxOptions.type` (or use `container_t`); write a dedicated policy module if the container needs more.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
    ],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const { obj, pod } of workloads(manifests)) {
      const shared = getString(pod.value, ['securityContext', 'seLinuxOptions', 'type']);
      if (shared !== undefined && !ALLOWED_TYPES.has(shared))
        report(
          findingAt(obj, [...pod.path, 'securityContext', 'seLinuxOptions', 'type'], {
            message: `SELinux type ${shared} is not confined`,
          }),
        );
      for (const container of pod.containers) {
        const own = getString(container.value, ['securityContext', 'seLinuxOptions', 'type']);
        if (own === undefined || ALLOWED_TYPES.has(own)) continue;
        report(
          findingAt(obj, [...container.path, 'securityContext', 'seLinuxOptions', 'type'], {
            resource: containerResource(obj, container),
            message: `SELinux type ${own} is not confined`,
          }),
        );
      }
    }
  },
};
