import type { IacCheck } from '../../../check.js';
import { k8sMeta, type K8sManifests } from '../model.js';
import { reportMissingResource } from '../resources.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-cpu-requests-missing',
    title: 'Container has no CPU request',
    severity: 'low',
    cwe: ['CWE-770'],
    description:
      'Without a CPU request (or a limit, which Kubernetes copies into the request), the scheduler places the pod as if it needed no CPU, and under contention the container is the first to be throttled. A LimitRange default in the scanned manifests counts.',
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
              memory: 128Mi
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
      fix: 'Set `resources.requests.cpu` on every container.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/concepts/policy/limit-range/',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_10'],
  }),
  check(manifests, report) {
    reportMissingResource(manifests, report, 'requests', 'cpu');
  },
};
