import type { IacCheck } from '../../../check.js';
import { containerResource, containersOf, findingAt, get, k8sMeta, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-privileged-container',
    title: 'Privileged container',
    severity: 'high',
    cwe: ['CWE-250'],
    description:
      'A privileged container runs with every Linux capability and access to all host devices: it is root on the node. A compromise of the application is a compromise of the node and of every pod on it.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      securityContext:
        privileged: true
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      securityContext:
        privileged: false
`,
      fix: 'Remove `privileged: true`; if the container needs one kernel feature, add only that capability.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_16'],
  }),
  check(manifests, report) {
    for (const { obj, container } of containersOf(manifests)) {
      if (get(container.value, ['securityContext', 'privileged']) !== true) continue;
      report(
        findingAt(obj, [...container.path, 'securityContext', 'privileged'], {
          resource: containerResource(obj, container),
        }),
      );
    }
  },
};
