import type { IacCheck } from '../../../check.js';
import {
  containerResource,
  containersOf,
  effectiveSetting,
  findingAt,
  isWindowsPod,
  k8sMeta,
  onceReporter,
  type K8sManifests,
} from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-run-as-root-user',
    title: 'Container runs as root (runAsUser: 0)',
    severity: 'high',
    cwe: ['CWE-250'],
    description:
      '`runAsUser: 0` runs the container process as root. Root in a container is one kernel bug or misconfiguration away from root on the node, and it can write to every file of the image and of mounted volumes.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 0
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 10001
    runAsNonRoot: true
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      fix: 'Run as a non-zero UID (`runAsUser: 10001`) and set `runAsNonRoot: true`; build the image with a non-root USER.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_23'],
  }),
  check(manifests, report) {
    const once = onceReporter(report);
    for (const { obj, pod, container } of containersOf(manifests)) {
      if (isWindowsPod(pod)) continue;
      const user = effectiveSetting(pod, container, 'runAsUser');
      if (user?.value !== 0) continue;
      once(
        findingAt(
          obj,
          user.path,
          user.level === 'container' ? { resource: containerResource(obj, container) } : {},
        ),
      );
    }
  },
};
