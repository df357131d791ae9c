import type { IacCheck } from '../../../check.js';
import {
  containerResource,
  containersOf,
  effectiveSetting,
  findingAt,
  isWindowsPod,
  k8sMeta,
  onceReporter,
  securityContextAnchor,
  type K8sManifests,
} from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-run-as-non-root',
    title: 'Container may run as root (runAsNonRoot not set)',
    severity: 'medium',
    cwe: ['CWE-250'],
    description:
      'Without `runAsNonRoot: true` (or a non-zero `runAsUser`), the container runs as whatever user the image declares, which is root for most images. The kubelet enforces `runAsNonRoot` by refusing to start a container that would run as UID 0. A pod-level setting applies to every container that does not override it.',
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
      securityContext:
        runAsNonRoot: true
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
`,
      fix: 'Set `securityContext.runAsNonRoot: true` on the pod (or each container), and build the image with a non-root USER.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'medium',
    checkov: ['CKV_K8S_23'],
  }),
  check(manifests, report) {
    const once = onceReporter(report);
    for (const { obj, pod, container } of containersOf(manifests)) {
      if (isWindowsPod(pod)) continue;
      const nonRoot = effectiveSetting(pod, container, 'runAsNonRoot');
      if (nonRoot?.value === true) continue;
      const user = effectiveSetting(pod, container, 'runAsUser');
      // A positive UID is non-root; UID 0 is reported by k8s-run-as-root-user; anything else is unknown.
      if (user !== undefined) continue;
      if (nonRoot?.value === false)
        once(
          findingAt(
            obj,
            nonRoot.path,
            nonRoot.level === 'container' ? { resource: containerResource(obj, container) } : {},
          ),
        );
      else if (nonRoot === undefined) once(securityContextAnchor(obj, container));
    }
  },
};
