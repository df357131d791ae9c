import type { IacCheck } from '../../../check.js';
import { containerAnchor, containersOf, k8sMeta, type K8sManifests } from '../model.js';

/** Run-to-completion and template-only kinds: probes do not apply. */
const SKIPPED_KINDS = new Set(['Job', 'CronJob', 'PodTemplate']);

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-liveness-probe-missing',
    title: 'Container has no liveness probe',
    severity: 'low',
    cwe: ['CWE-754'],
    description:
      'Without a liveness probe, a container that hangs (deadlock, exhausted thread pool) keeps running and receiving traffic until someone notices; the kubelet restarts a container only when its liveness probe fails. Jobs and CronJobs are not checked.',
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
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
`,
      fix: 'Add a `livenessProbe` (HTTP, TCP, gRPC or exec) that reflects whether the application is healthy.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    ],
    tags: ['availability'],
    precision: 'medium',
    checkov: ['CKV_K8S_8'],
  }),
  check(manifests, report) {
    for (const { obj, container } of containersOf(manifests, ['containers'])) {
      if (SKIPPED_KINDS.has(obj.kind)) continue;
      const probe = container.value.livenessProbe;
      if (probe === undefined || probe === null) report(containerAnchor(obj, container));
    }
  },
};
