import type { IacCheck } from '../../../check.js';
import { asArray } from '../../../yaml/load.js';
import { containerResource, containersOf, findingAt, get, k8sMeta, type K8sManifests } from '../model.js';
import { DANGEROUS_CAPABILITIES, normalizeCapability } from '../shared.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-dangerous-capability',
    title: 'Container adds a dangerous Linux capability',
    severity: 'high',
    cwe: ['CWE-250'],
    description:
      'Capabilities such as SYS_ADMIN (mount, namespaces: nearly root), NET_ADMIN (reconfigure the network), SYS_PTRACE (read other processes), SYS_MODULE (load kernel modules), NET_RAW (spoof packets) or ALL give the container powers that break its isolation from the node. The Baseline Pod Security Standard forbids adding them.',
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
        capabilities:
          add: ["SYS_ADMIN"]
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
        capabilities:
          drop: ["ALL"]
          add: ["NET_BIND_SERVICE"]
`,
      fix: 'Remove the capability from `capabilities.add`; find the narrower capability or a design that does not need it.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_25', 'CKV_K8S_39'],
  }),
  check(manifests, report) {
    for (const { obj, container } of containersOf(manifests)) {
      asArray(get(container.value, ['securityContext', 'capabilities', 'add'])).forEach((item, index) => {
        const capability = normalizeCapability(item);
        if (capability === undefined || !DANGEROUS_CAPABILITIES.has(capability)) return;
        report(
          findingAt(obj, [...container.path, 'securityContext', 'capabilities', 'add', index], {
            resource: containerResource(obj, container),
            message: `Container adds the ${capability} capability`,
          }),
        );
      });
    }
  },
};
