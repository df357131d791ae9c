import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
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
import { normalizeCapability } from '../shared.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-capabilities-not-dropped',
    title: 'Container does not drop all capabilities',
    severity: 'low',
    cwe: ['CWE-250'],
    description:
      'Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, DAC_OVERRIDE, ...) that most applications never use; NET_RAW alone allows packet spoofing inside the cluster network. Dropping ALL and adding back only what is needed is required by the Restricted Pod Security Standard.',
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
        capabilities:
          drop: ["NET_RAW"]
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
        capabilities:
          drop: ["ALL"]
`,
      fix: 'Set `securityContext.capabilities.drop: ["ALL"]` and add back only the capabilities the process needs.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    ],
    precision: 'medium',
    checkov: ['CKV_K8S_37'],
  }),
  check(manifests, report) {
    for (const { obj, pod, container } of containersOf(manifests)) {
      if (isWindowsPod(pod)) continue;
      if (get(container.value, ['securityContext', 'privileged']) === true) continue; // k8s-privileged-container
      const capabilities = asRecord(get(container.value, ['securityContext', 'capabilities']));
      const drop = capabilities?.drop;
      if (asArray(drop).some((item) => normalizeCapability(item) === 'ALL')) continue;
      const resource = containerResource(obj, container);
      if (drop !== undefined && drop !== null)
        report(
          findingAt(obj, [...container.path, 'securityContext', 'capabilities', 'drop'], {
            key: true,
            resource,
          }),
        );
      else if (capabilities)
        report(
          findingAt(obj, [...container.path, 'securityContext', 'capabilities'], { key: true, resource }),
        );
      else report(securityContextAnchor(obj, container));
    }
  },
};
