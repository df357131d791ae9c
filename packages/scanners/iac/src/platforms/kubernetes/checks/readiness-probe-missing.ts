import type { IacCheck } from '../../../check.js';
import { containerAnchor, containersOf, k8sMeta, type K8sManifests } from '../model.js';

/** Run-to-completion and template-only kinds: probes do not apply. */
const SKIPPED_KINDS = new Set(['Job', 'CronJob', 'PodTemplate']);

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-readiness-probe-missing',
    title: 'Container has no readiness probe',
    severity: 'low',
    cwe: ['CWE-754'],
    description:
      'Without a readiness probe, a container receives Service traffic as soon as it starts and while it is overloaded or still loading, which turns restarts and deployments into errors for users. Jobs and CronJobs are not checked.',
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
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
`,
      fix: 'Add a `readinessProbe` (HTTP, TCP, gRPC or exec) that reflects whether the application can serve requests.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    ],
    tags: ['availability'],
    precision: 'medium',
    checkov: ['CKV_K8S_9'],
  }),
  check(manifests, report) {
    for (const { obj, container } of containersOf(manifests, ['containers'])) {
      if (SKIPPED_KINDS.has(obj.kind)) continue;
      const probe = container.value.readinessProbe;
      if (probe === undefined || probe === null) report(containerAnchor(obj, container));
    }
  },
};
