import type { IacCheck } from '../../../check.js';
import { k8sMeta, type K8sManifests } from '../model.js';
import { reportMissingResource } from '../resources.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-memory-requests-missing',
    title: 'Container has no memory request',
    severity: 'low',
    cwe: ['CWE-770'],
    description:
      'Without a memory request (or a limit, which Kubernetes copies into the request), the scheduler can overcommit the node, and the pod is among the first evicted under memory pressure. A LimitRange default in the scanned manifests counts.',
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
          resources:
            requests:
              cpu: 100m
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
`,
      fix: 'Set `resources.requests.memory` on every container.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/concepts/policy/limit-range/',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_13'],
  }),
  check(manifests, report) {
    reportMissingResource(manifests, report, 'requests', 'memory');
  },
};
