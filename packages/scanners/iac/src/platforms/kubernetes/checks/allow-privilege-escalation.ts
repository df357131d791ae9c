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
    id: 'iac/k8s-allow-privilege-escalation',
    title: 'Container allows privilege escalation',
    severity: 'medium',
    cwe: ['CWE-269'],
    description:
      'Unless `allowPrivilegeEscalation` is `false`, a process in the container can gain more privileges than its parent (setuid binaries, file capabilities). Setting it to `false` sets the `no_new_privs` flag and closes that path to root.',
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
          securityContext:
            allowPrivilegeEscalation: false
`,
      fix: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_20'],
  }),
  check(manifests, report) {
    for (const { obj, pod, container } of containersOf(manifests)) {
      if (isWindowsPod(pod)) continue;
      const value = get(container.value, ['securityContext', 'allowPrivilegeEscalation']);
      if (value === false) continue;
      if (value === true)
        report(
          findingAt(obj, [...container.path, 'securityContext', 'allowPrivilegeEscalation'], {
            resource: containerResource(obj, container),
          }),
        );
      else if (value === undefined || value === null) report(securityContextAnchor(obj, container));
    }
  },
};
