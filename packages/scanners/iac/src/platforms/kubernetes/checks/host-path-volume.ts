import type { IacCheck } from '../../../check.js';
import { hostPathVolumes } from '../host-paths.js';
import { findingAt, k8sMeta, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-host-path-volume',
    title: 'Pod mounts a hostPath volume',
    severity: 'medium',
    cwe: ['CWE-668'],
    description:
      'A hostPath volume mounts a directory of the node into the pod. It ties the pod to the node, shares data across pods scheduled there, and with write access lets the container change host files. Sensitive host paths and container runtime sockets have their own, stricter rules.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      volumeMounts:
        - name: cache
          mountPath: /cache
  volumes:
    - name: cache
      hostPath:
        path: /data/cache
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      volumeMounts:
        - name: cache
          mountPath: /cache
  volumes:
    - name: cache
      emptyDir: {}
`,
      fix: 'Use an `emptyDir`, a PersistentVolumeClaim or a ConfigMap/Secret volume instead of a hostPath.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const volume of hostPathVolumes(manifests)) {
      if (volume.kind !== 'other') continue;
      report(
        findingAt(volume.obj, volume.path, {
          resource: `${volume.obj.resource} volume ${volume.volume}`,
          message: `Pod mounts the host path ${volume.hostPath}`,
        }),
      );
    }
  },
};
