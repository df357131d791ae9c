import type { IacCheck } from '../../../check.js';
import { k8sMeta, type K8sManifests } from '../model.js';
import { reportMissingResource } from '../resources.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-memory-limits-missing',
    title: 'Container has no memory limit',
    severity: 'medium',
    cwe: ['CWE-770'],
    description:
      'Without a memory limit, one container can exhaust the memory of the node, which makes the kernel kill other workloads (a denial of service after a leak or a compromise). A LimitRange default in the scanned manifests counts as a limit.',
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
            limits:
              cpu: 500m
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
            limits:
              cpu: 500m
              memory: 256Mi
`,
      fix: 'Set `resources.limits.memory` on every container (or a LimitRange default for the namespace).',
    },
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/concepts/policy/limit-range/',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_12'],
  }),
  check(manifests, report) {
    reportMissingResource(manifests, report, 'limits', 'memory');
  },
};
