import type { IacCheck } from '../../../check.js';
import { asRecord } from '../../../yaml/load.js';
import { containerResource, findingAt, get, k8sMeta, workloads, type K8sManifests } from '../model.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-apparmor-unconfined',
    title: 'AppArmor explicitly disabled (unconfined)',
    severity: 'medium',
    cwe: ['CWE-693'],
    description:
      "On nodes with AppArmor, the runtime's default profile stops a container from writing to `/proc` and `/sys` files, mounting filesystems and other escape techniques. `Unconfined` removes that profile. The Baseline Pod Security Standard forbids it.",
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
        appArmorProfile:
          type: Unconfined
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
        appArmorProfile:
          type: RuntimeDefault
`,
      fix: 'Use `appArmorProfile.type: RuntimeDefault` (or a `Localhost` profile written for the application).',
    },
    references: [
      'https://kubernetes.io/docs/tutorials/security/apparmor/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const { obj, pod } of workloads(manifests)) {
      if (get(pod.value, ['securityContext', 'appArmorProfile', 'type']) === 'Unconfined')
        report(findingAt(obj, [...pod.path, 'securityContext', 'appArmorProfile', 'type']));
      for (const container of pod.containers)
        if (get(container.value, ['securityContext', 'appArmorProfile', 'type']) === 'Unconfined')
          report(
            findingAt(obj, [...container.path, 'securityContext', 'appArmorProfile', 'type'], {
              resource: containerResource(obj, container),
            }),
          );
      const annotations = asRecord(pod.metadata?.annotations) ?? {};
      for (const [key, value] of Object.entries(annotations)) {
        if (!key.startsWith(ANNOTATION_PREFIX) || value !== 'unconfined') continue;
        report(
          findingAt(obj, [...pod.metadataPath, 'annotations', key], {
            resource: `${obj.resource} container ${key.slice(ANNOTATION_PREFIX.length)}`,
          }),
        );
      }
    }
  },
};
