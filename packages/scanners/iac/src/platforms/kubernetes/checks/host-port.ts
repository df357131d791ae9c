import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { containerResource, containersOf, findingAt, k8sMeta, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-host-port',
    title: 'Container binds a host port',
    severity: 'low',
    cwe: ['CWE-668'],
    description:
      "A `hostPort` opens the port on the node's own address, outside the Service and NetworkPolicy model, and limits where the pod can be scheduled. (Pods with `hostNetwork` are reported by k8s-host-network instead.)",
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      ports:
        - containerPort: 8080
          hostPort: 80
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
      fix: 'Remove `hostPort` and expose the pod through a Service (ClusterIP, or a LoadBalancer/Ingress when it must be reachable from outside).',
    },
    references: [
      'https://kubernetes.io/docs/concepts/configuration/overview/#services',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_26'],
  }),
  check(manifests, report) {
    for (const { obj, pod, container } of containersOf(manifests)) {
      if (pod.value.hostNetwork === true) continue;
      asArray(container.value.ports).forEach((item, index) => {
        const port = asRecord(item)?.hostPort;
        if (typeof port !== 'number' || port <= 0) return;
        report(
          findingAt(obj, [...container.path, 'ports', index, 'hostPort'], {
            resource: containerResource(obj, container),
          }),
        );
      });
    }
  },
};
