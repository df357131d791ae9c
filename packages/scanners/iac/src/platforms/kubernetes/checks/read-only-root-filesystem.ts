import type { IacCheck } from '../../../check.js';
import {
  containerResource,
  containersOf,
  findingAt,
  get,
  isWindowsPod,
  k8sMeta,
  securityContextAnchor,
  type K8sManifests,
} from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-read-only-root-filesystem',
    title: 'Container root filesystem is writable',
    severity: 'low',
    cwe: ['CWE-732'],
    description:
      'A writable root filesystem lets an attacker who gets code execution drop tools, modify binaries and persist inside the container. With `readOnlyRootFilesystem: true`, writes go only to explicitly mounted volumes (an `emptyDir` for `/tmp`, for example).',
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
        readOnlyRootFilesystem: false
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
        readOnlyRootFilesystem: true
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir: {}
`,
      fix: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` volume where the application must write.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Kubernetes_Security_Cheat_Sheet.html',
    ],
    precision: 'medium',
    checkov: ['CKV_K8S_22'],
  }),
  check(manifests, report) {
    for (const { obj, pod, container } of containersOf(manifests)) {
      if (isWindowsPod(pod)) continue;
      const value = get(container.value, ['securityContext', 'readOnlyRootFilesystem']);
      if (value === true) continue;
      if (value === false)
        report(
          findingAt(obj, [...container.path, 'securityContext', 'readOnlyRootFilesystem'], {
            resource: containerResource(obj, container),
          }),
        );
      else if (value === undefined || value === null) report(securityContextAnchor(obj, container));
    }
  },
};
