import type { IacCheck } from '../../../check.js';
import { findingAt, getString, k8sMeta, objectsOfKind, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-service-node-port',
    title: 'Service of type NodePort',
    severity: 'low',
    cwe: ['CWE-668'],
    description:
      "A NodePort Service opens the port on every node of the cluster, on all of the node's addresses. It bypasses the load balancer and ingress controls, and whoever can reach a node (often a whole VPC) reaches the service.",
    help: {
      bad: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
`,
      good: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ClusterIP
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
`,
      fix: 'Use a ClusterIP Service behind an Ingress or Gateway, or a LoadBalancer restricted with `loadBalancerSourceRanges`.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
      'https://kubernetes.io/docs/concepts/security/security-checklist/#network-security',
    ],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const service of objectsOfKind(manifests, 'Service'))
      if (getString(service.value, ['spec', 'type']) === 'NodePort')
        report(findingAt(service, [...service.path, 'spec', 'type']));
  },
};
